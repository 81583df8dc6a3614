package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Network;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.Operation;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.model.DomainXml;
import org.jvirt.model.NetworkXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** test:///default as libvirt 9's test driver builds it. */
class DefaultNodeTest {
    private Connection conn;

    @BeforeEach
    void open() {
        conn = Jvirt.open("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    /** libvirt 9's testDomainDef (src/test/test_driver.c), the XML the built domain must equal. */
    private static final String LIBVIRT_DEFAULT_DOMAIN = """
            <domain type='test'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory>8388608</memory>
              <currentMemory>2097152</currentMemory>
              <vcpu>2</vcpu>
              <os>
                <type>hvm</type>
              </os>
              <devices>
                <disk type='file'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </disk>
                <interface type='network'>
                  <mac address='aa:bb:cc:dd:ee:ff'/>
                  <source network='default'/>
                  <target dev='testnet0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
                </interface>
                <memballoon model='virtio'>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
                </memballoon>
              </devices>
            </domain>
            """;

    /** libvirt 9's defaultNetworkXML. */
    private static final String LIBVIRT_DEFAULT_NETWORK = """
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
    void theBuiltDefinitionsAreLibvirtsDocuments() {
        assertThat(DefaultNode.domain()).isEqualTo(DomainXml.parse(LIBVIRT_DEFAULT_DOMAIN));
        assertThat(DomainXml.format(DefaultNode.domain(), -1, false))
                .isEqualTo(DomainXml.format(DomainXml.parse(LIBVIRT_DEFAULT_DOMAIN), -1, false));
        assertThat(DefaultNode.network()).isEqualTo(NetworkXml.parse(LIBVIRT_DEFAULT_NETWORK));
        assertThat(NetworkXml.format(DefaultNode.network())).isEqualTo(LIBVIRT_DEFAULT_NETWORK);
    }

    @Test
    void theNode() {
        assertThat(conn.type()).isEqualTo("TEST");
        assertThat(conn.version()).isEqualTo(2);
        assertThat(conn.uri()).isEqualTo("test:///default");
        assertThat(conn.maxVcpus(null)).isEqualTo(32);
        assertThat(conn.hostname()).isNotBlank();
        NodeInfo node = conn.nodeInfo();
        assertThat(node).isEqualTo(new NodeInfo("i686", 3145728, 16, 1400, 2, 2, 2, 2));
        assertThat(conn.freeMemory()).isEqualTo(3145728);
        assertThat(conn.cellsFreeMemory(0, 8)).containsExactly(2097152, 4194304);
        assertThat(conn.cellsFreeMemory(1, 1)).containsExactly(4194304);
        assertThatThrownBy(() -> conn.cellsFreeMemory(2, 1)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        assertThat(conn.capabilities()).startsWith("<capabilities>").contains("<arch>i686</arch>");
    }

    @Test
    void theDomainTest() {
        assertThat(conn.activeDomainIds()).containsExactly(1);
        assertThat(conn.activeDomainCount()).isEqualTo(1);
        assertThat(conn.definedDomainNames()).isEmpty();
        assertThat(conn.definedDomainCount()).isZero();
        Domain test = conn.domainByName("test");
        assertThat(test.id()).isEqualTo(1);
        assertThat(test.uuid()).isEqualTo(UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"));
        assertThat(test.osType()).isEqualTo("linux");
        DomainInfo info = test.info();
        assertThat(info.state()).isEqualTo(DomainState.RUNNING);
        assertThat(info.maxMemoryKiB()).isEqualTo(8388608);
        assertThat(info.memoryKiB()).isEqualTo(2097152);
        assertThat(info.vcpus()).isEqualTo(2);
        assertThat(info.cpuTimeNanos()).isPositive();
        assertThat(test.state()).isEqualTo(DomainStateReason.RUNNING_UNKNOWN);
        assertThat(test.isPersistent()).isTrue();
        assertThat(test.isActive()).isTrue();
        assertThat(test.autostart()).isFalse();
        assertThat(test.maxVcpus()).isEqualTo(2);
        assertThat(conn.domainById(1)).isEqualTo(test);
        assertThat(conn.domainByUuidString("6695eb01f6a4830479aa97f2502e193f")).isEqualTo(test);
        assertThat(conn.listAllDomains()).containsExactly(test);
        assertThat(conn.listAllDomains(DomainListFilter.INACTIVE)).isEmpty();
        assertThat(conn.listAllDomains(DomainListFilter.RUNNING, DomainListFilter.PERSISTENT)).containsExactly(test);
        assertThat(conn.securityModel()).isEqualTo(new NodeSecurityModel("testSecurity", ""));
        assertThat(test.securityLabel()).isEqualTo(new SecurityLabel("libvirt-test", true));
        test.destroy();
        assertThat(test.securityLabel().label()).isEmpty();
    }

    @Test
    void theSysinfoIsLibvirtsTestDocument() {
        assertThat(conn.sysinfo()).isEqualTo("""
                <sysinfo type='smbios'>
                  <bios>
                    <entry name='vendor'>LENOVO</entry>
                    <entry name='version'>G4ETA1WW (2.61 )</entry>
                    <entry name='date'>05/07/2014</entry>
                    <entry name='release'>2.61</entry>
                  </bios>
                </sysinfo>
                """);
    }

    @Test
    void theCpuMapIsLibvirtsEightCpusWithThreeOnline() {
        NodeCpuMap map = conn.nodeCpuMap();
        assertThat(map.cpus()).isEqualTo(8);
        assertThat(map.online().stream().toArray()).containsExactly(0, 2, 4);
        assertThat(map.onlineCount()).isEqualTo(3);
    }

    @Test
    void theDomainXmlIsLibvirts() {
        assertThat(conn.domainByName("test").xmlDesc()).isEqualTo("""
                <domain type='test' id='1'>
                  <name>test</name>
                  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
                  <memory unit='KiB'>8388608</memory>
                  <currentMemory unit='KiB'>2097152</currentMemory>
                  <vcpu placement='static'>2</vcpu>
                  <os>
                    <type arch='i686'>hvm</type>
                    <boot dev='hd'/>
                  </os>
                  <clock offset='utc'/>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                    <disk type='file' device='disk'>
                      <source file='/guest/diskimage1'/>
                      <target dev='vda' bus='virtio'/>
                      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                    </disk>
                    <interface type='network'>
                      <mac address='aa:bb:cc:dd:ee:ff'/>
                      <source network='default'/>
                      <target dev='testnet0'/>
                      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
                    </interface>
                    <memballoon model='virtio'>
                      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
                    </memballoon>
                  </devices>
                </domain>
                """);
    }

    @Test
    void theNetworkDefault() {
        assertThat(conn.activeNetworkNames()).containsExactly("default");
        assertThat(conn.definedNetworkNames()).isEmpty();
        assertThat(conn.activeNetworkCount()).isEqualTo(1);
        Network net = conn.networkByName("default");
        assertThat(net.bridgeName()).isEqualTo("virbr0");
        assertThat(net.isActive()).isTrue();
        assertThat(net.isPersistent()).isTrue();
        assertThat(net.autostart()).isFalse();
        assertThat(net.uuid()).isEqualTo(UUID.fromString("dd8fe884-6c02-601e-7551-cca97df1c5df"));
        assertThat(conn.networkByUuid(net.uuid())).isEqualTo(net);
        assertThat(conn.listAllNetworks()).containsExactly(net);
        assertThat(net.xmlDesc()).isEqualTo("""
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
                """);
    }

    @Test
    void theTestDriverDeclaresEveryOperationButNativeFormatsNodeMemoryStatsJobsAndKeepalive() {
        for (Operation op : Operation.values()) {
            // libvirt's test driver has no native configuration format, node memory statistics or jobs either;
            // keepalive is a daemon's.
            boolean lacking = op == Operation.CONNECT_SET_KEEPALIVE
                    || op == Operation.CONNECT_DOMAIN_XML_FROM_NATIVE
                    || op == Operation.CONNECT_DOMAIN_XML_TO_NATIVE
                    || op == Operation.NODE_GET_MEMORY_STATS
                    || op == Operation.DOMAIN_GET_JOB_INFO
                    || op == Operation.DOMAIN_ABORT_JOB;
            assertThat(conn.supports(op)).as(op.name()).isEqualTo(!lacking);
        }
        assertThatThrownBy(() -> conn.nodeMemoryStats(-1)).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "this function is not supported by the connection driver: virNodeGetMemoryStats"
                                + " (not declared by the drivers of test:///default: test)"));
        assertThatThrownBy(() -> conn.domainXmlToNative("qemu-argv", "<domain/>")).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "this function is not supported by the connection driver: virConnectDomainXMLToNative"
                                + " (not declared by the drivers of test:///default: test)"));
    }

    @Test
    void stateIsSharedByConnectionsAndResetWhenTheLastCloses() {
        try (Connection second = Jvirt.open("test:///default")) {
            second.domainByName("test").suspend();
            assertThat(conn.domainByName("test").state()).isEqualTo(DomainStateReason.PAUSED_USER);
        }
        assertThat(conn.domainByName("test").info().state()).isEqualTo(DomainState.PAUSED);
        conn.close();
        conn = Jvirt.open("test:///default");
        assertThat(conn.domainByName("test").info().state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void unknownObjectsAreNamedInTheError() {
        assertThatThrownBy(() -> conn.domainByName("nosuch")).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN);
            assertThat(e.getMessage()).isEqualTo("Domain not found: no domain with matching name 'nosuch'");
            assertThat(e.object()).isEqualTo("nosuch");
            assertThat(e.driver()).isEqualTo("test");
        });
        assertThatThrownBy(() -> conn.domainById(99)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        assertThatThrownBy(() -> conn.domainByUuid(UUID.randomUUID())).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        assertThatThrownBy(() -> conn.networkByName("nonet")).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_NETWORK);
            assertThat(e.getMessage()).isEqualTo("Network not found: no network with matching name 'nonet'");
        });
        assertThat(conn.listAllDomains()).hasSize(1);
    }

    @Test
    void badUrisOfTheTestScheme() {
        assertThatThrownBy(() -> Jvirt.open("test:///")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        assertThatThrownBy(() -> Jvirt.open("test:///no/such/node.xml")).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                    assertThat(e.getMessage()).contains("/no/such/node.xml");
                });
        assertThatThrownBy(() -> Jvirt.open("nosuchscheme:///x")).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
            assertThat(e.getMessage()).contains("known schemes: test");
        });
        assertThat(List.of(conn.activeDomainIds())).hasSize(1);
    }
}
