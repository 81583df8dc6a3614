package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stable guest hardware: the addresses a definition's devices get at define time are written into the
 * definition, are the ones QEMU runs them at, and stay theirs when a device is added or removed, across
 * restarts, save and restore, and a driver that reconnects to a running QEMU.
 */
class QemuStableAddressesTest {
    @TempDir
    Path root;

    @BeforeEach
    void needQemu() {
        Peers.x86();
    }

    @AfterEach
    void killLeftovers() {
        QemuGuests.killAll(root);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc", "q35"})
    void devicesKeepTheirSlots(String machine) throws Exception {
        Path disk = Files.write(root.resolve("a.raw"), new byte[1 << 20]);
        Path extra = Files.write(root.resolve("b.raw"), new byte[1 << 20]);
        String xml = "<domain type='qemu'><name>stable</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='" + machine + "'>hvm</type></os><features><acpi/><apic/></features>"
                + "<devices><disk type='file' device='disk'><source file='" + disk + "'/><target dev='vda' bus='virtio'/>"
                + "</disk><interface type='user'><mac address='52:54:00:12:34:56'/><model type='virtio'/></interface>"
                + "<controller type='scsi' model='virtio-scsi'/><serial type='pty'/><memballoon model='virtio'/>"
                + "</devices></domain>";
        try (Connection conn = QemuGuests.open(root)) {
            Domain d = conn.defineDomain(xml);
            Map<String, String> defined = pciAddresses(d.xmlDesc(XmlFlag.INACTIVE));
            assertThat(defined).as("every PCI device of the definition has its address")
                    .containsKeys("disk vda", "interface 52:54:00:12:34:56", "controller scsi 0", "memballoon virtio");
            assertThat(defined.values()).as("no two devices share an address").doesNotHaveDuplicates();

            d.start();
            assertThat(pciAddresses(d.xmlDesc())).as("the running guest's devices, at the defined addresses")
                    .isEqualTo(defined);

            // A disk plugged into the running guest and into its definition takes a free slot in each.
            String vdb = "<disk type='file' device='disk'><source file='" + extra + "'/><target dev='vdb' bus='virtio'/>"
                    + "</disk>";
            d.attachDevice(vdb, ModificationImpact.LIVE);
            Map<String, String> live = pciAddresses(d.xmlDesc());
            assertThat(live).as("after a hot-plug").containsAllEntriesOf(defined).containsKey("disk vdb");
            assertThat(live.values()).doesNotHaveDuplicates();
            d.attachDevice(vdb, ModificationImpact.CONFIG);
            Map<String, String> config = pciAddresses(d.xmlDesc(XmlFlag.INACTIVE));
            assertThat(config).as("the definition after adding vdb").containsAllEntriesOf(defined).containsKey("disk vdb");

            // Removing a device from the definition moves no other.
            d.detachDevice("<interface type='user'><mac address='52:54:00:12:34:56'/></interface>",
                    ModificationImpact.CONFIG);
            Map<String, String> withoutNic = new LinkedHashMap<>(config);
            withoutNic.remove("interface 52:54:00:12:34:56");
            assertThat(pciAddresses(d.xmlDesc(XmlFlag.INACTIVE))).isEqualTo(withoutNic);

            d.destroy();
            d.start();
            assertThat(pciAddresses(d.xmlDesc())).as("restarted from the changed definition").isEqualTo(withoutNic);

            Path image = root.resolve("stable.sav");
            d.save(image);
            Domain restored = conn.restore(image);
            assertThat(pciAddresses(restored.xmlDesc())).as("restored").isEqualTo(withoutNic);
        }
        // A driver that finds the QEMU running adopts it with the same hardware.
        try (Connection conn = QemuGuests.open(root)) {
            Domain d = conn.domainByName("stable");
            assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
            assertThat(pciAddresses(d.xmlDesc())).as("after reconnecting").isEqualTo(pciAddresses(
                    d.xmlDesc(XmlFlag.INACTIVE)));
            d.destroy();
            d.undefine();
        }
    }

    /** Each device with a PCI address, by what names it (its target, MAC, type and index, model), and the address. */
    static Map<String, String> pciAddresses(String xml) {
        Map<String, String> found = new LinkedHashMap<>();
        for (XmlElement dev : XmlReader.parse(xml).child("devices").children()) {
            XmlElement a = dev.child("address");
            if (a == null || !"pci".equals(a.attribute("type"))) {
                continue;
            }
            String key = switch (dev.name()) {
                case "disk" -> "disk " + dev.child("target").attribute("dev");
                case "interface" -> "interface " + dev.child("mac").attribute("address");
                case "controller" -> "controller " + dev.attribute("type") + " " + dev.attribute("index");
                case "memballoon", "video", "sound", "rng", "watchdog" -> dev.name() + " "
                        + (dev.attribute("model") != null ? dev.attribute("model")
                        : dev.child("model") == null ? "" : dev.child("model").attribute("type"));
                default -> dev.name() + " " + dev.attributes();
            };
            found.put(key, a.attributes().toString());
        }
        return found;
    }
}
