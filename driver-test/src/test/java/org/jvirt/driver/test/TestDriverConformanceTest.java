package org.jvirt.driver.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test driver passes the whole conformance kit. Each connection gets a fresh node from a node
 * file (libvirt's {@code test:///path/node.xml}) holding one running domain and one network, so
 * that a read-only connection has something to be refused on.
 */
class TestDriverConformanceTest extends DriverConformanceKit {
    private static final String NODE = """
            <node>
              <domain type='test'>
                <name>resident</name>
                <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
                <memory unit='KiB'>131072</memory>
                <vcpu>1</vcpu>
                <os><type>hvm</type></os>
              </domain>
              <network>
                <name>resident-net</name>
                <uuid>6e4a9b62-8c0a-4a0e-9a55-3c6d2a6b1f10</uuid>
                <bridge name='virbr9'/>
                <ip address='192.168.9.1' netmask='255.255.255.0'/>
              </network>
            </node>
            """;

    /** A guest with a disk and a network interface, so that the statistics are tried on real devices. */
    /** What libvirt's and the test driver's rules complete: controllers, drive addresses, console, video, CPU. */
    static final String FULL_DOMAIN = """
            <domain type='test'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory unit='KiB'>131072</memory>
              <vcpu>2</vcpu>
              <os><type>hvm</type><loader>/usr/share/bios.bin</loader></os>
              <cpu><topology sockets='1' cores='2' threads='1'/></cpu>
              <devices>
                <disk type='file' device='disk'><source file='/guest/{name}.img'/><target dev='hda'/></disk>
                <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>
                <disk type='file' device='disk'><source file='/guest/{name}-s.img'/><target dev='sdb'/></disk>
                <interface type='network'><source network='default'/></interface>
                <serial type='pty'/>
                <input type='mouse'/>
                <graphics type='vnc' port='-1' listen='127.0.0.1'/>
              </devices>
            </domain>
            """;

    static final String DOMAIN = """
            <domain type='test'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory unit='KiB'>131072</memory>
              <currentMemory unit='KiB'>131072</currentMemory>
              <vcpu>2</vcpu>
              <os><type arch='i686'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/{name}.img'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <interface type='network'>
                  <source network='default'/>
                  <target dev='vnet-{uuid}'/>
                </interface>
              </devices>
            </domain>
            """;

    @TempDir
    static Path dir;

    @Override
    protected TckTarget target() {
        Path node = dir.resolve("node.xml");
        try {
            if (!Files.exists(node)) {
                Files.writeString(node, NODE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TckTarget.forUri("test://" + node)
                .domainXml(DOMAIN)
                .fullDomainXml(FULL_DOMAIN)
                .build();
    }
}
