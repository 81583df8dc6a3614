package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.driver.xend.config.XendRules;
import org.jvirt.driver.xend.sexpr.SexprReader;
import org.jvirt.driver.xend.testxend.TestXend;
import org.jvirt.driver.xenstore.testing.RealXenstored;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.domain.XmRules;
import org.jvirt.model.DomainRules;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;
import org.jvirt.tck.oracle.LibvirtPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code jvirsh domxml-from-native / domxml-to-native xen-sxpr | xen-xm} on xen:///, routed by format
 * to the driver that speaks it (xend for S-expressions, xm for configuration files), on cases of libvirt
 * 0.4.4's corpus: the XML is the expected one as libvirt 9 reads it, the native text the expected one as
 * parsed settings or S-expressions.
 */
class XenNativeFormatCommandsTest {
    @TempDir
    Path dir;

    /** Every Xen host runs xenstored, and xen:/// needs it (Debian's, behind the project's shim). */
    private RealXenstored xenstored;

    @org.junit.jupiter.api.BeforeEach
    void startXenstored() throws Exception {
        xenstored = RealXenstored.start(Files.createDirectories(dir.resolve("xenstored")));
    }

    @org.junit.jupiter.api.AfterEach
    void stopXenstored() {
        xenstored.close();
    }

    private static Path corpus() {
        return LibvirtPeers.corpus("jvirsh's Xen native formats").resolve("v0.4.4");
    }

    private static String asLibvirt9Reads(Path xml, DomainRules rules) throws Exception {
        return DomainXml.format(PostParse.apply(DomainXml.parse(Files.readString(xml)), rules), -1, false);
    }

    @ParameterizedTest(name = "{0} (xend config version {1})")
    @CsvSource({"test-paravirt-new-pvfb, 3", "test-fullvirt-new-cdrom, 2", "test-fullvirt-old-cdrom, 1",
        "test-paravirt-net-e1000, 3"})
    void xmFilesBothWays(String name, int version) throws Exception {
        Path data = corpus().resolve("xmconfigdata");
        String uri = "xen:///?xm_config_dir=" + dir + "&xend_config_version=" + version + "&xenstored_path="
                + xenstored.socket();
        Jvirsh.Result from = Jvirsh.run("-c", uri, "domxml-from-native", "xen-xm", data.resolve(name + ".cfg").toString());
        assertThat(from.err()).isEmpty();
        assertThat(from.out().strip()).isEqualTo(asLibvirt9Reads(data.resolve(name + ".xml"), new XmRules()).strip());

        Jvirsh.Result to = Jvirsh.run("-c", uri, "domxml-to-native", "xen-xm", data.resolve(name + ".xml").toString());
        assertThat(to.err()).isEmpty();
        // libvirt 9 reads MAC addresses in lower case: the expected file's are compared so.
        String expected = java.util.regex.Pattern.compile("mac=([0-9A-Fa-f:]{17})").matcher(
                Files.readString(data.resolve(name + ".cfg"))).replaceAll(m -> "mac=" + m.group(1).toLowerCase());
        assertThat(XmConfigFile.parse("jvirsh", to.out()).settings())
                .isEqualTo(XmConfigFile.parse("expected", expected).settings());
    }

    @Test
    void xendSexpressionsBothWays() throws Exception {
        Path s2x = corpus().resolve("sexpr2xmldata");
        Path x2s = corpus().resolve("xml2sexprdata");
        try (TestXend xend = TestXend.onUnixSocket(dir.resolve("xend-socket"), 2)) {
            String uri = "xen:///?xend_socket=" + dir.resolve("xend-socket") + "&xenstored_path=" + xenstored.socket();
            Jvirsh.Result from = Jvirsh.run("-c", uri, "domxml-from-native", "xen-sxpr",
                    s2x.resolve("sexpr2xml-fv-v2.sexpr").toString());
            assertThat(from.err()).isEmpty();
            assertThat(from.out().strip()).isEqualTo(asLibvirt9Reads(s2x.resolve("sexpr2xml-fv-v2.xml"),
                    XendRules.INSTANCE).strip());

            Jvirsh.Result to = Jvirsh.run("-c", uri, "domxml-to-native", "xen-sxpr",
                    x2s.resolve("xml2sexpr-net-bridged.xml").toString());
            assertThat(to.err()).isEmpty();
            assertThat(SexprReader.read(to.out())).isEqualTo(SexprReader.read(
                    Files.readString(x2s.resolve("xml2sexpr-net-bridged.sexpr"))));

            Jvirsh.Result bad = Jvirsh.run("-c", uri, "domxml-from-native", "xen-sxpr",
                    Files.writeString(dir.resolve("bad.sexpr"), "(domain (name 'x'").toString());
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.err()).startsWith("error: configuration file syntax error: xend S-expression:");
        }
    }
}
