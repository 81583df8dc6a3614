package org.jvirt.driver.xm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.domain.XmRules;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.InterfaceDevice;
import org.junit.jupiter.api.Test;

/** Updating a user's file from a definition: what changed changes, everything else stays byte for byte. */
class XmConfigUpdateTest {
    private static final String USER_FILE = """
            #  -*- mode: python; -*-
            # web1, written by hand.

            name = "web1"
            uuid = "c7a5fdb0-cdaf-9455-926a-d65c16db1809"
            memory = "512"        # a string, as some people write it
            maxmem = 1024
            vcpus = 2
            bootloader = '/usr/bin/pygrub'
            cpu_weight = 256      # the credit scheduler's: libvirt does not know it

            disk = [ 'phy:/dev/vg/web1, xvda, w',
                     'file:/srv/data.img,xvdb,w' ]
            vif = [ 'mac=00:16:3E:11:22:33, bridge=xenbr0, rate=10Mb/s' ]
            on_crash = 'restart'
            serial = 'pty'        # xm's, for a paravirtual guest: not libvirt's
            usbdevice = 'tablet'  # the same
            """;

    private final XmConfig xm = new XmConfig(new XmRules(() -> "00:16:3e:00:00:01"), n -> null);
    private final XmConfigFile file = XmConfigFile.parse("web1", USER_FILE);
    private final DomainDefinition def = xm.toDomain(file, 3);

    @Test
    void updatingAFileWithItsOwnDomainChangesNothing() {
        for (int version = 1; version <= 4; version++) {
            assertThat(xm.update(file, xm.toDomain(file, version), version).text()).isEqualTo(USER_FILE);
        }
    }

    @Test
    void aChangedValueIsTheOnlyChange() {
        DomainDefinition more = def.toBuilder().currentMemoryKiB(768 * 1024L).build();
        assertThat(xm.update(file, more, 3).text()).isEqualTo(USER_FILE.replace("memory = \"512\"        #",
                "memory = 768        #"));
    }

    @Test
    void aChangedListKeepsItsUnchangedEntriesAsWritten() {
        List<Device> devices = new ArrayList<>(def.devices());
        devices.removeIf(d -> d instanceof DiskDevice disk && disk.targetDev().equals("xvdb"));
        devices.replaceAll(d -> d instanceof InterfaceDevice n ? n.toBuilder().sourceBridge("xenbr1").build() : d);
        String updated = xm.update(file, def.toBuilder().devices(devices).build(), 3).text();
        assertThat(updated).isEqualTo(USER_FILE
                .replace("""
                        disk = [ 'phy:/dev/vg/web1, xvda, w',
                                 'file:/srv/data.img,xvdb,w' ]""", "disk = [ \"phy:/dev/vg/web1, xvda, w\" ]")
                .replace("'mac=00:16:3E:11:22:33, bridge=xenbr0, rate=10Mb/s'",
                        "\"mac=00:16:3E:11:22:33,bridge=xenbr1,rate=10Mb/s\""));
    }

    @Test
    void settingsTheDomainNoLongerHasGoAndNewOnesComeAtTheEnd() {
        DomainDefinition kernel = def.toBuilder().bootloader(null)
                .os(DomainOs.builder("xen").kernel("/boot/vmlinuz").cmdline("console=hvc0").build())
                .vcpus(4).build();
        assertThat(xm.update(file, kernel, 3).text()).isEqualTo(USER_FILE
                .replace("vcpus = 2", "vcpus = 4")
                .replace("bootloader = '/usr/bin/pygrub'\n", "")
                + "kernel = \"/boot/vmlinuz\"\nextra = \"console=hvc0\"\n");
    }

    @Test
    void aSettingTheReaderPassedOverIsLeftAloneEvenWhenItIsALibvirtName() {
        // An HVM guest's usbdevice is libvirt's; a paravirtual guest's is not, and stays.
        XmConfigFile hostUsb = XmConfigFile.parse("h", "name = 'h'\nbuilder = 'hvm'\nusbdevice = 'host:1234:5678'\n");
        DomainDefinition hvm = xm.toDomain(hostUsb, 3);
        assertThat(xm.update(hostUsb, hvm, 3).get("usbdevice")).isEqualTo(hostUsb.get("usbdevice"));
        assertThat(xm.update(file, def, 3).text()).contains("usbdevice = 'tablet'  # the same");
    }
}
