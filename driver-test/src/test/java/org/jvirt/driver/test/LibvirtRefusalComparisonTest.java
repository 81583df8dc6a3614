package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, with libvirt's test driver as the oracle: each document below is wrong in one way the
 * post-parse stage must catch (malformed, out-of-range or oversized numbers, conflicting devices,
 * missing sources); libvirt 9 and jvirt each define it into {@code test:///default}, and both must
 * refuse it with the same error code and the same message — and define nothing.
 */
class LibvirtRefusalComparisonTest {

    private static String domain(String name, String osAndCpu, String devices) {
        return "<domain type='test'><name>" + name + "</name><memory>65536</memory><vcpu>1</vcpu>" + osAndCpu
                + "<devices>" + devices + "</devices></domain>";
    }

    private static String hvm(String name, String devices) {
        return domain(name, "<os><type>hvm</type></os>", devices);
    }

    private static String disk(String target, String bus, String address) {
        return "<disk type='file' device='disk'><source file='/d/" + target + "'/><target dev='" + target + "'"
                + (bus == null ? "" : " bus='" + bus + "'") + "/>" + address + "</disk>";
    }

    /** Name to document; each is refused by libvirt 9 for one reason. */
    private static Map<String, String> cases() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("duplicate-target", hvm("r1", disk("vda", "virtio", "") + disk("vda", "virtio", "")));
        c.put("xend-device-suffix", hvm("r2", disk("hda:disk", null, "")));
        c.put("not-a-disk-name", hvm("r3", disk("foo", "virtio", "")));
        c.put("pci-slot-too-big", hvm("r4", disk("vda", "virtio",
                "<address type='pci' domain='0' bus='0' slot='0x20' function='0'/>")));
        c.put("pci-bus-too-big", hvm("r5", disk("vda", "virtio", "<address type='pci' bus='256' slot='1'/>")));
        c.put("pci-function-too-big", hvm("r6", disk("vda", "virtio", "<address type='pci' slot='3' function='8'/>")));
        c.put("pci-not-a-number", hvm("r7", disk("vda", "virtio", "<address type='pci' slot='0xZZ'/>")));
        c.put("pci-oversized", hvm("r8", disk("vda", "virtio", "<address type='pci' slot='99999999999'/>")));
        c.put("pci-negative", hvm("r9", disk("vda", "virtio", "<address type='pci' slot='-1'/>")));
        c.put("drive-not-a-number", hvm("r10", disk("hda", "ide", "<address type='drive' controller='x'/>")));
        c.put("unknown-address-type", hvm("r11", disk("vda", "virtio", "<address type='nowhere'/>")));
        c.put("ccw-partial", hvm("r12", disk("vda", "virtio", "<address type='ccw' cssid='0xfe'/>")));
        c.put("ccw-too-big", hvm("r13", disk("vda", "virtio",
                "<address type='ccw' cssid='0xff' ssid='0x0' devno='0x0001'/>")));
        c.put("ide-disk-pci-address", hvm("r14", disk("hda", "ide", "<address type='pci' slot='5'/>")));
        c.put("same-drive-address", hvm("r15", disk("hda", "ide", "<address type='drive' unit='0'/>")
                + disk("hdb", "ide", "<address type='drive' unit='0'/>")));
        c.put("controller-index-twice", hvm("r16", "<controller type='ide' index='0'/><controller type='ide' index='0'/>"));
        c.put("disk-format-unknown", hvm("r17", "<disk type='file' device='disk'><driver name='qemu' type='bogus'/>"
                + "<source file='/d/a'/><target dev='vda' bus='virtio'/></disk>"));
        c.put("lun-on-a-file", hvm("r18", "<disk type='file' device='lun'><source file='/d/a'/>"
                + "<target dev='sda' bus='scsi'/></disk>"));
        c.put("second-serial-console", hvm("r19", "<console type='pty'/><console type='pty'><target type='serial'/>"
                + "</console>"));
        c.put("file-serial-without-path", hvm("r20", "<serial type='file'/>"));
        c.put("tcp-serial-without-host", hvm("r21", "<serial type='tcp'><source mode='bind' service='4555'/></serial>"));
        c.put("udp-serial-without-connect", hvm("r22", "<serial type='udp'><source mode='bind' host='h' service='1'/>"
                + "</serial>"));
        c.put("two-sources-for-a-pty", hvm("r23", "<serial type='pty'><source path='/a'/><source path='/b'/></serial>"));
        c.put("bridge-without-source", hvm("r24", "<interface type='bridge'/>"));
        c.put("network-source-without-network", hvm("r25", "<interface type='network'><source bridge='br0'/>"
                + "</interface>"));
        c.put("listen-mismatch", hvm("r26", "<graphics type='vnc' listen='1.2.3.4'><listen type='address'"
                + " address='5.6.7.8'/></graphics>"));
        c.put("video-none-and-vga", hvm("r27", "<video><model type='none'/></video><video><model type='vga'/></video>"));
        c.put("usb-none-and-another", hvm("r28", "<controller type='usb' model='none'/><controller type='usb'"
                + " index='1' model='piix3-uhci'/>"));
        c.put("cpu-mode-unknown", domain("r29", "<os><type>hvm</type></os><cpu mode='fastest'/>", ""));
        c.put("cpu-topology-zero", domain("r30", "<os><type>hvm</type></os><cpu><topology sockets='0' cores='1'"
                + " threads='1'/></cpu>", ""));
        c.put("cpu-topology-incomplete", domain("r31", "<os><type>hvm</type></os><cpu><topology sockets='1'/></cpu>",
                ""));
        c.put("cpu-feature-policy-unknown", domain("r32", "<os><type>hvm</type></os><cpu><model>qemu64</model>"
                + "<feature policy='maybe' name='pae'/></cpu>", ""));
        c.put("cpu-features-without-model", domain("r33", "<os><type>hvm</type></os><cpu><feature name='pae'/></cpu>",
                ""));
        c.put("max-memory-without-slots", domain("r34", "<maxMemory unit='KiB'>1048576</maxMemory>"
                + "<os><type>hvm</type></os>", ""));
        c.put("memory-nowhere", "<domain type='test'><name>r35</name><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
        c.put("disk-without-source", hvm("r36", "<disk type='file' device='disk'><target dev='vda' bus='virtio'/></disk>"));
        c.put("floppy-named-otherwise", hvm("r37", "<disk type='file' device='floppy'><source file='/d/f'/>"
                + "<target dev='hda' bus='fdc'/></disk>"));
        c.put("boot-order-twice", hvm("r38", disk("vda", "virtio", "<boot order='1'/>") + disk("vdb", "virtio",
                "<boot order='1'/>")));
        c.put("boot-order-and-os-boot", domain("r39", "<os><type>hvm</type><boot dev='hd'/></os>",
                disk("vda", "virtio", "<boot order='1'/>")));
        c.put("label-override-without-relabel", domain("r40", "<os><type>hvm</type></os>",
                "<disk type='file' device='disk'><source file='/d/a'><seclabel model='selinux' relabel='no'/></source>"
                        + "<target dev='vda' bus='virtio'/></disk>")
                .replace("</domain>", "<seclabel type='none' model='selinux'/></domain>"));
        c.put("chardev-tcp-protocol", hvm("r41", "<serial type='tcp'><source host='h' service='1'/>"
                + "<protocol type='ssh'/></serial>"));
        c.put("shmem-msi-without-server", hvm("r42", "<shmem name='s'><msi vectors='2'/></shmem>"));
        c.put("tpm-without-backend", hvm("r43", "<tpm model='tpm-tis'/>"));
        c.put("usb-companion-without-master", hvm("r44", "<controller type='usb' index='0' model='ich9-uhci2'/>"));
        c.put("seclabel-static-without-label", domain("r45", "<os><type>hvm</type></os>", "")
                .replace("</domain>", "<seclabel type='static' model='selinux'/></domain>"));
        return c;
    }

    @Test
    void badDocumentsAreRefusedAsLibvirtRefusesThem(@TempDir Path dir) throws Exception {
        LibvirtDumpComparisonTest.requirePython();
        Map<String, String> cases = cases();
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : cases.entrySet()) {
            files.add(Files.writeString(dir.resolve(e.getKey() + ".xml"), e.getValue(), StandardCharsets.UTF_8));
        }
        Map<Path, LibvirtDumpComparisonTest.Answer> libvirt = LibvirtDumpComparisonTest.libvirt(files);
        List<String> differences = new ArrayList<>();
        try (Connection conn = Jvirt.open("test:///default")) {
            int before = conn.listAllDomains().size();
            for (Path file : files) {
                LibvirtDumpComparisonTest.Answer theirs = libvirt.get(file);
                LibvirtDumpComparisonTest.Answer ours = LibvirtDumpComparisonTest.jvirt(conn, Files.readString(file));
                assertThat(theirs.refused()).as("libvirt refuses %s (the case is a bad document)", file.getFileName())
                        .isTrue();
                if (!ours.refused() || !ours.code().equals(theirs.code()) || !ours.message().equals(theirs.message())) {
                    differences.add(file.getFileName() + ": libvirt " + theirs.code() + " '" + theirs.message()
                            + "', jvirt " + (ours.refused() ? ours.code() + " '" + ours.message() + "'" : "accepts"));
                }
            }
            assertThat(conn.listAllDomains()).as("nothing was defined").hasSize(before);
        }
        assertThat(differences).as("bad documents jvirt refuses otherwise than libvirt").isEmpty();
    }
}
