package org.jvirt.driver.test;

import org.jvirt.api.DomainStateReason;
import org.jvirt.api.NodeInfo;
import org.jvirt.model.DomainXml;
import org.jvirt.model.NetworkXml;

/**
 * {@code test:///default}: the node libvirt's test driver builds in, with the same hardware,
 * the running domain {@code test} and the active network {@code default}.
 */
final class DefaultNode {
    /** i686, 16 CPUs at 1400 MHz: 2 NUMA cells of 2 sockets, 2 cores, 2 threads; 3 GiB. */
    static final NodeInfo INFO = new NodeInfo("i686", 3_145_728, 16, 1400, 2, 2, 2, 2);
    /** libvirt's default cells report more memory than the node has; kept as libvirt reports it. */
    private static final long[] CELL_MEMORY_KIB = {2_097_152, 4_194_304};
    private static final long[] CELL_FREE_BYTES = {2_097_152, 4_194_304};
    private static final long FREE_BYTES = 3_145_728;

    private static final String DOMAIN = """
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

    private static final String NETWORK = """
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

    private DefaultNode() {
    }

    static TestNode create() {
        NodeSpec spec = new NodeSpec(INFO, CELL_MEMORY_KIB, CELL_FREE_BYTES, FREE_BYTES,
                NodeCapabilities.format(INFO, CELL_MEMORY_KIB));
        TestNode node = new TestNode(spec);
        node.addInitialDomain(DomainXml.parse(DOMAIN), DomainStateReason.RUNNING_UNKNOWN);
        node.addInitialNetwork(NetworkXml.parse(NETWORK));
        return node;
    }
}
