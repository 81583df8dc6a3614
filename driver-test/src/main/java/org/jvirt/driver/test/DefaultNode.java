package org.jvirt.driver.test;

import java.util.List;
import java.util.UUID;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.NodeInfo;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DhcpRange;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.NetworkDefinition;
import org.jvirt.model.NetworkIp;

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

    /**
     * The domain {@code test}: libvirt's testDomainDef. Built from the model rather than parsed, so
     * that opening test:///default does not start the XML parser (a short command such as
     * {@code jvirsh list} never needs it); DefaultNodeTest pins it to libvirt's XML.
     */
    static DomainDefinition domain() {
        return DomainDefinition.builder()
                .type("test")
                .name("test")
                .uuid(UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"))
                .memoryKiB(8_388_608)
                .currentMemoryKiB(2_097_152)
                .vcpus(2)
                .os(DomainOs.builder("hvm").build())
                .devices(List.of(
                        DiskDevice.builder().type("file").source("/guest/diskimage1").target("vda", "virtio")
                                .address(DeviceAddress.pci(0, 1, 0, 0)).build(),
                        InterfaceDevice.builder().type("network").mac("aa:bb:cc:dd:ee:ff").sourceNetwork("default")
                                .targetDev("testnet0").address(DeviceAddress.pci(0, 0, 1, 0)).build(),
                        MemballoonDevice.of("virtio", DeviceAddress.pci(0, 0, 2, 0))))
                .build();
    }

    /** The network {@code default}: libvirt's defaultNetworkXML, built as {@link #domain()} is. */
    static NetworkDefinition network() {
        return NetworkDefinition.builder()
                .name("default")
                .uuid(UUID.fromString("dd8fe884-6c02-601e-7551-cca97df1c5df"))
                .forward("nat", null)
                .bridge("virbr0", true, 0)
                .addIp(NetworkIp.ipv4("192.168.122.1", "255.255.255.0",
                        new DhcpRange("192.168.122.2", "192.168.122.254")))
                .build();
    }

    private DefaultNode() {
    }

    static TestNode create() {
        NodeSpec spec = new NodeSpec(INFO, CELL_MEMORY_KIB, CELL_FREE_BYTES, FREE_BYTES,
                NodeCapabilities.format(INFO, CELL_MEMORY_KIB));
        TestNode node = new TestNode(spec);
        node.addInitialDomain(domain(), DomainStateReason.RUNNING_UNKNOWN);
        node.addInitialNetwork(network());
        return node;
    }
}
