package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.Jvirsh.errors;
import static org.jvirt.cli.Jvirsh.lines;
import static org.jvirt.cli.Jvirsh.script;

import org.junit.jupiter.api.Test;

/** nodeinfo, capabilities, version, uri, hostname, net-list, net-dumpxml. */
class HostAndNetworkCommandsTest {
    static final String NODEINFO = lines(
            "CPU model:           i686",
            "CPU(s):              16",
            "CPU frequency:       1400 MHz",
            "CPU socket(s):       2",
            "Core(s) per socket:  2",
            "Thread(s) per core:  2",
            "NUMA cell(s):        2",
            "Memory size:         3145728 KiB",
            "");

    static final String DEFAULT_NETWORK = """
            <network>
              <name>default</name>
              <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
              <forward mode='nat'/>
              <bridge name='virbr0' stp='on' delay='0'/>
              <ip address='192.168.122.1' netmask='255.255.255.0'>
                <dhcp>
                  <range start='192.168.122.2' end='192.168.122.254'/>
                </dhcp>
              </ip>
            </network>
            """;

    @Test
    void netDefineAndCreateValidateAgainstLibvirtsSchema(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path bogus = java.nio.file.Files.writeString(dir.resolve("bogus.xml"),
                "<network><name>n3</name><bogus/></network>");
        Jvirsh.Result r = script("net-define " + bogus + " --validate; net-create " + bogus + " --validate; "
                + "net-list --all --name");
        assertThat(r.err()).startsWith("error: Failed to define network from " + bogus
                + "\nerror: XML document failed to validate against schema: ")
                .contains("error: Failed to create network from " + bogus).contains("bogus");
        assertThat(r.out()).as("nothing defined or created").isEqualTo(lines("", "", "default", ""));
        assertThat(script("net-define " + bogus + "; net-list --all --name").out())
                .as("without --validate the unknown element is kept, as libvirt keeps it").contains("n3");
    }

    @Test
    void nodeinfo() {
        Jvirsh.Result r = script("nodeinfo");
        assertThat(r.out()).isEqualTo(NODEINFO);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void capabilitiesEndWithAnExtraNewline() {
        Jvirsh.Result r = script("capabilities");
        assertThat(r.out()).startsWith("<capabilities>\n").endsWith("</capabilities>\n\n\n")
                .contains("<secmodel>");
    }

    @Test
    void versionNamesJvirtWhereVirshNamesLibvirt() {
        Jvirsh.Result r = script("version");
        assertThat(r.out()).matches("Compiled against library: jvirt \\d+\\.\\d+\\.\\d+\n"
                + "Using library: jvirt \\d+\\.\\d+\\.\\d+\n"
                + "Using API: TEST \\d+\\.\\d+\\.\\d+\n"
                + "Running hypervisor: TEST 0\\.0\\.2\n\n");
    }

    @Test
    void uriAndHostname() {
        Jvirsh.Result r = script("uri; hostname");
        assertThat(r.out()).startsWith("test:///default\n\n").endsWith("\n\n");
        assertThat(r.out().lines().filter(l -> !l.isEmpty()).count()).isEqualTo(2);
    }

    @Test
    void netList() {
        assertThat(script("net-list").out()).isEqualTo(lines(
                " Name      State    Autostart   Persistent",
                "--------------------------------------------",
                " default   active   no          yes",
                ""));
        assertThat(script("net-list --inactive").out()).isEqualTo(lines(
                " Name   State   Autostart   Persistent",
                "----------------------------------------",
                ""));
        assertThat(script("net-list --all --name").out()).isEqualTo("default\n\n");
        assertThat(script("net-list --uuid").out()).isEqualTo("dd8fe884-6c02-601e-7551-cca97df1c5df\n\n");
    }

    @Test
    void netListRefusesTwoForms() {
        Jvirsh.Result r = script("net-list --name --uuid");
        assertThat(r.err()).isEqualTo(errors("Only one argument from --table, --name and --uuid may be specified."));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void netDumpxmlByNameOrUuid() {
        assertThat(script("net-dumpxml default").out()).isEqualTo(DEFAULT_NETWORK + "\n");
        assertThat(script("net-dumpxml dd8fe884-6c02-601e-7551-cca97df1c5df").out())
                .isEqualTo(DEFAULT_NETWORK + "\n");
    }

    @Test
    void netDumpxmlOfAnUnknownNetworkKeepsTheLookupError() {
        Jvirsh.Result r = script("net-dumpxml nosuch");
        assertThat(r.err()).isEqualTo(errors("failed to get network 'nosuch'",
                "Network not found: no network with matching name 'nosuch'"));
        assertThat(r.out()).isEqualTo("\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
