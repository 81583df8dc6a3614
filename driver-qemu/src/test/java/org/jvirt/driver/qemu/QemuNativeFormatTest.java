package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code virConnectDomainXMLToNative} with format qemu-argv: the command line start would run, through the core. */
class QemuNativeFormatTest {
    @TempDir
    Path root;

    @BeforeEach
    void needQemu() {
        Peers.x86();
    }

    @Test
    void qemuArgvIsTheCommandLineStartWouldRun() {
        try (Connection conn = QemuGuests.open(root)) {
            String argv = conn.domainXmlToNative("qemu-argv", QemuGuests.diskless("argv"));
            assertThat(argv).contains("qemu-system-x86_64", "-nodefaults", "-mon chardev=charmonitor,id=monitor,mode=control");
            assertThat(conn.listAllDomains()).isEmpty();
            assertThatThrownBy(() -> conn.domainXmlToNative("xen-xm", QemuGuests.diskless("argv")))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                        assertThat(e.getMessage()).contains("unsupported config type xen-xm", "qemu-argv");
                    });
            assertThatThrownBy(() -> conn.domainXmlFromNative("qemu-argv", "qemu-system-x86_64 -m 64"))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT));
        }
    }
}
