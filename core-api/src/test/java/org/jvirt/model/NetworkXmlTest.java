package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkXmlTest {

    /**
     * {@code virsh -c test:///default net-dumpxml default} of libvirt 9.0, byte for byte; virsh
     * adds one newline after the document, as after every command.
     */
    static final String VIRSH_NET_DUMPXML_DEFAULT = """
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

    static NetworkDefinition defaultNetwork() {
        return NetworkDefinition.builder()
                .name("default")
                .uuid(UUID.fromString("dd8fe884-6c02-601e-7551-cca97df1c5df"))
                .forward("nat", null)
                .bridge("virbr0", true, 0)
                .addIp(NetworkIp.ipv4("192.168.122.1", "255.255.255.0",
                        new DhcpRange("192.168.122.2", "192.168.122.254")))
                .build();
    }

    @Test
    void defaultNetworkFormatsExactlyAsVirshNetDumpxml() {
        assertThat(NetworkXml.format(defaultNetwork()) + "\n").isEqualTo(VIRSH_NET_DUMPXML_DEFAULT);
        assertThat(NetworkXml.parse(VIRSH_NET_DUMPXML_DEFAULT)).isEqualTo(defaultNetwork());
    }

    @Test
    void everyModelledPart() {
        NetworkDefinition n = NetworkDefinition.builder().name("n1")
                .uuid(UUID.fromString("004b96e1-2d78-c30f-5aa5-f03c87d21e69"))
                .forward("route", "eth0").bridge("br1", false, 5).mac("52:54:00:aa:bb:cc")
                .domainName("example.com")
                .addIp(new NetworkIp(null, "192.168.122.1", null, 24,
                        List.of(new DhcpRange("192.168.122.128", "192.168.122.253")),
                        List.of(new DhcpHost("00:16:3e:77:e2:ed", "foo.example.com", "192.168.122.10")), null))
                .addIp(new NetworkIp("ipv6", "2001:db8::1", null, 64, List.of(), List.of(), null))
                .build();

        String xml = NetworkXml.format(n);

        // The same text as libvirt 9 writes for this network (less the <interface> child it adds to <forward>).
        assertThat(xml).isEqualTo("""
                <network>
                  <name>n1</name>
                  <uuid>004b96e1-2d78-c30f-5aa5-f03c87d21e69</uuid>
                  <forward dev='eth0' mode='route'/>
                  <bridge name='br1' stp='off' delay='5'/>
                  <mac address='52:54:00:aa:bb:cc'/>
                  <domain name='example.com'/>
                  <ip address='192.168.122.1' prefix='24'>
                    <dhcp>
                      <range start='192.168.122.128' end='192.168.122.253'/>
                      <host mac='00:16:3e:77:e2:ed' name='foo.example.com' ip='192.168.122.10'/>
                    </dhcp>
                  </ip>
                  <ip family='ipv6' address='2001:db8::1' prefix='64'>
                  </ip>
                </network>
                """);
        assertThat(NetworkXml.parse(xml)).isEqualTo(n);
        assertThat(n.unmodelled()).isEmpty();
    }

    @Test
    void libvirtDefaultsForForwardModeAndBridge() {
        NetworkDefinition n = NetworkXml.parse("<network><name>d</name><bridge name='brd'/>"
                + "<forward dev='eth0'/></network>");

        assertThat(n.forwardMode()).isEqualTo("nat");
        assertThat(n.stp()).isTrue();
        assertThat(n.delay()).isZero();
        assertThat(NetworkXml.format(n)).contains("<forward dev='eth0' mode='nat'/>")
                .contains("<bridge name='brd' stp='on' delay='0'/>");
        NetworkDefinition bridged = NetworkXml.parse("<network><name>b</name><forward mode='bridge'/>"
                + "<bridge name='br0'/></network>");
        assertThat(NetworkXml.format(bridged)).contains("<bridge name='br0'/>");
    }

    @Test
    void unknownsArePreserved() {
        String xml = """
                <network ipv6='yes' connections='2'>
                  <name>u</name>
                  <forward mode='nat'>
                    <nat>
                      <port start='1024' end='65535'/>
                    </nat>
                  </forward>
                  <dns>
                    <host ip='192.168.122.2'/>
                  </dns>
                  <ip address='192.168.122.1' netmask='255.255.255.0' localPtr='yes'>
                    <tftp root='/srv/tftp'/>
                    <dhcp>
                      <range start='192.168.122.2' end='192.168.122.254'>
                        <lease expiry='1' unit='hours'/>
                      </range>
                      <bootp file='pxelinux.0'/>
                    </dhcp>
                  </ip>
                </network>
                """;

        NetworkDefinition n = NetworkXml.parse(xml);
        String formatted = NetworkXml.format(n);

        assertThat(n.unmodelled()).containsExactlyInAnyOrder("@ipv6", "forward/nat", "dns", "ip/@localPtr",
                "ip/tftp", "ip/dhcp/bootp", "ip/dhcp/range[1]/lease");
        assertThat(formatted).contains("<network ipv6='yes'>").contains("<port start='1024' end='65535'/>")
                .contains("<host ip='192.168.122.2'/>").contains("localPtr='yes'").contains("<tftp root='/srv/tftp'/>")
                .contains("<lease expiry='1' unit='hours'/>").contains("<bootp file='pxelinux.0'/>")
                .doesNotContain("connections");
        assertThat(NetworkXml.parse(formatted)).isEqualTo(n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdriver-v9.6.0", "v0.4.4"})
    void corpusNetworksRoundTrip(String folder) {
        Path root = Corpus.root();
        Assumptions.assumeTrue(root != null, "libvirt corpus not available (see jvirt.corpus)");
        for (String file : List.of("testnetdef.xml", "testnetpriv.xml")) {
            NetworkDefinition n = NetworkXml.parse(Corpus.read(root.resolve(folder).resolve(file)));
            assertThat(NetworkXml.parse(NetworkXml.format(n))).as(file).isEqualTo(n);
            assertThat(n.unmodelled()).as(file).isEmpty();
            assertThat(n.ips()).hasSize(1);
            assertThat(n.ips().get(0).dhcpRanges()).hasSize(1);
        }
        NetworkDefinition def = NetworkXml.parse(Corpus.read(root.resolve(folder).resolve("testnetdef.xml")));
        assertThat(def.forwardDev()).isEqualTo("eth0");
        assertThat(def.bridgeName()).isEqualTo("brdefault");
        assertThat(def.uuid()).isEqualTo(UUID.fromString("004b96e1-2d78-c30f-5aa5-f03c87d21e69"));
    }

    @Test
    void errors() {
        VirtException noName = catchThrowableOfType(VirtException.class, () -> NetworkXml.parse("<network/>"));
        VirtException root = catchThrowableOfType(VirtException.class, () -> NetworkXml.parse("<domain/>"));
        VirtException stp = catchThrowableOfType(VirtException.class,
                () -> NetworkXml.parse("<network><name>x</name><bridge stp='maybe'/></network>"));
        VirtException syntax = catchThrowableOfType(VirtException.class, () -> NetworkXml.parse("<network>"));

        assertThat(noName.code()).isEqualTo(ErrorCode.NO_NAME);
        assertThat(noName.domain()).isEqualTo(ErrorDomain.NETWORK);
        assertThat(root.getMessage()).contains("expecting root element of 'network', not '");
        assertThat(stp.getMessage()).contains("stp");
        assertThat(syntax.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(syntax.domain()).isEqualTo(ErrorDomain.XML);
    }
}
