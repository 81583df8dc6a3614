package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** domxml-to-native on a connection whose driver speaks a format: the QEMU driver's qemu-argv. */
class NativeFormatCommandsTest {
    @TempDir
    Path root;

    @BeforeEach
    void needQemu() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"));
        if (!present && System.getenv("JVIRT_REQUIRE_PEERS") != null) {
            throw new AssertionError("JVIRT_REQUIRE_PEERS is set but qemu-system-x86_64 is not installed");
        }
        Assumptions.assumeTrue(present, "qemu-system-x86_64 is not installed (Debian: qemu-system-x86)");
    }

    @Test
    void qemuArgvAndUnknownFormats() throws IOException {
        Path xml = Files.writeString(root.resolve("g.xml"), "<domain type='qemu'><name>g</name><memory>65536</memory>"
                + "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>");
        String uri = "qemu:///embed?root=" + root.resolve("state");
        Jvirsh.Result argv = Jvirsh.run("-c", uri, "domxml-to-native", "qemu-argv", xml.toString());
        assertThat(argv.exitCode()).isZero();
        assertThat(argv.out()).startsWith("/usr/bin/qemu-system-x86_64 \\\n-name guest=g").contains("-nodefaults");
        Jvirsh.Result unknown = Jvirsh.run("-c", uri, "domxml-to-native", "xen-xm", xml.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo(
                "error: invalid argument: unsupported config type xen-xm (this connection converts: qemu-argv)\n");
        Jvirsh.Result from = Jvirsh.run("-c", uri, "domxml-from-native", "qemu-argv", xml.toString());
        assertThat(from.err()).isEqualTo(
                "error: this function is not supported by the connection driver: virConnectDomainXMLFromNative\n");
    }
}
