package org.jvirt.driver.xm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.driver.xm.domain.XmRules;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same domains written for each version of xend's format, and read back. */
class XmConfigVersionTest {
    private final XmConfig xm = new XmConfig(new XmRules(() -> "00:16:3e:00:00:01"), n -> null);

    private static final DomainDefinition HVM = DomainXml.parse("""
            <domain type='xen'>
              <name>h</name><uuid>c7a5fdb2-cdaf-9455-926a-d65c16db1809</uuid><memory>524288</memory>
              <os><type>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader><boot dev='cdrom'/><boot dev='hd'/></os>
              <features><pae/><acpi/></features>
              <devices>
                <emulator>/usr/lib/xen/bin/qemu-dm</emulator>
                <disk type='file' device='floppy'><source file='/srv/fd.img'/><target dev='fda'/></disk>
                <disk type='block'><driver name='phy'/><source dev='/dev/vg/h'/><target dev='hda'/></disk>
                <disk type='file' device='cdrom'><driver name='file'/><source file='/srv/boot.iso'/><target dev='hdc'/><readonly/></disk>
                <interface type='bridge'><mac address='00:16:3e:00:00:09'/><source bridge='xenbr0'/></interface>
                <graphics type='vnc' port='5901'/>
              </devices>
            </domain>""");

    private static final DomainDefinition PV = DomainXml.parse("""
            <domain type='xen'>
              <name>p</name><uuid>c7a5fdb0-cdaf-9455-926a-d65c16db1809</uuid><memory>262144</memory>
              <bootloader>/usr/bin/pygrub</bootloader>
              <devices>
                <disk type='file'><driver name='tap' type='aio'/><source file='/srv/p.img'/><target dev='xvda'/></disk>
                <graphics type='vnc' port='-1' listen='0.0.0.0' keymap='fr'/>
                <graphics type='sdl' display=':0' xauth='/root/.Xauthority'/>
              </devices>
            </domain>""");

    @Test
    void xend302KeepsTheCdromOutOfTheDiskList() {
        XmConfigFile v1 = xm.toConfig(HVM, 1);
        assertThat(v1.get("cdrom")).isEqualTo(XmValue.of("/srv/boot.iso"));
        assertThat(v1.get("disk")).isEqualTo(XmValue.strings(List.of("phy:/dev/vg/h,ioemu:hda,w")));
        for (int version = 2; version <= 4; version++) {
            XmConfigFile later = xm.toConfig(HVM, version);
            assertThat(later.contains("cdrom")).isFalse();
            assertThat(later.get("disk")).isEqualTo(XmValue.strings(List.of("phy:/dev/vg/h,hda,w",
                    "file:/srv/boot.iso,hdc:cdrom,r")));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void anHvmGuestsDisplayIsItsOwnSettingsInEveryVersion(int version) {
        XmConfigFile file = xm.toConfig(HVM, version);
        assertThat(file.get("boot")).isEqualTo(XmValue.of("dc"));
        assertThat(file.get("vnc")).isEqualTo(XmValue.of(1));
        assertThat(file.get("vncunused")).isEqualTo(XmValue.of(0));
        assertThat(file.get("vncdisplay")).isEqualTo(XmValue.of(1));
        assertThat(file.get("vif")).isEqualTo(XmValue.strings(List.of("mac=00:16:3e:00:00:09,bridge=xenbr0,type=ioemu")));
        assertThat(file.contains("vfb")).isFalse();
    }

    @Test
    void aParavirtualGuestsDisplayIsAFramebufferFromXend304() {
        for (int version = 1; version <= 2; version++) {
            XmConfigFile old = xm.toConfig(PV, version);
            assertThat(old.get("vnc")).isEqualTo(XmValue.of(1));
            assertThat(old.get("sdl")).isEqualTo(XmValue.of(1));
            assertThat(old.get("vnclisten")).isEqualTo(XmValue.of("0.0.0.0"));
            assertThat(old.get("keymap")).isEqualTo(XmValue.of("fr"));
            assertThat(old.get("display")).isEqualTo(XmValue.of(":0"));
            assertThat(old.contains("vfb")).isFalse();
        }
        for (int version = 3; version <= 4; version++) {
            XmConfigFile vfb = xm.toConfig(PV, version);
            assertThat(vfb.get("vfb")).isEqualTo(XmValue.strings(List.of(
                    "type=vnc,vncunused=1,vnclisten=0.0.0.0,keymap=fr", "type=sdl,display=:0,xauthority=/root/.Xauthority")));
            assertThat(vfb.contains("vnc")).isFalse();
            assertThat(vfb.contains("sdl")).isFalse();
        }
        assertThat(xm.toConfig(PV, 3).get("disk")).isEqualTo(XmValue.strings(List.of("tap:aio:/srv/p.img,xvda,w")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void whatIsWrittenReadsBackAsTheSameDomain(int version) {
        for (DomainDefinition def : List.of(HVM, PV)) {
            DomainDefinition completed = xm.toDomain(xm.toConfig(def, version), version);
            DomainDefinition expected = def;
            if (def == HVM) {
                // No version writes an HVM guest's floppy: xend kept it out of the disk list.
                expected = def.toBuilder().devices(def.devices().stream()
                        .filter(d -> !(d instanceof org.jvirt.model.DiskDevice disk && disk.device().equals("floppy")))
                        .toList()).build();
            }
            expected = org.jvirt.model.PostParse.apply(expected, xm.rules());
            if (def == PV && version >= 3) {
                // vfb holds displays one at a time for libvirt's readers: only the first is read back.
                assertThat(DomainXml.format(completed, -1, true)).contains("<graphics type='vnc'")
                        .doesNotContain("<graphics type='sdl'");
                continue;
            }
            assertThat(DomainXml.format(completed, -1, true)).isEqualTo(DomainXml.format(expected, -1, true));
        }
    }

    @Test
    void extrasOfLibvirtsLaterXenDriversRoundTrip() {
        DomainDefinition def = DomainXml.parse("""
                <domain type='xen'>
                  <name>x</name><uuid>c7a5fdb2-cdaf-9455-926a-d65c16db1809</uuid><memory>524288</memory>
                  <currentMemory>262144</currentMemory><vcpu cpuset='0-1,3' current='2'>4</vcpu>
                  <os><type>hvm</type></os>
                  <features><pae/><hap state='off'/><viridian/></features>
                  <clock offset='variable' adjustment='120' basis='localtime'/>
                  <on_crash>coredump-destroy</on_crash>
                  <devices>
                    <interface type='ethernet'><mac address='00:16:3e:00:00:03'/><script path='vif-route'/>
                      <ip address='10.0.0.3'/><model type='rtl8139'/><target dev='x0'/></interface>
                    <input type='tablet' bus='usb'/>
                    <serial type='udp'><source mode='bind' host='0.0.0.0' service='4000'/>
                      <source mode='connect' host='10.0.0.1' service='4001'/></serial>
                    <parallel type='unix'><source mode='bind' path='/run/lp'/></parallel>
                    <sound model='ac97'/><sound model='es1370'/>
                  </devices>
                </domain>""");
        XmConfigFile file = xm.toConfig(def, 4);
        assertThat(file.settings()).containsEntry("vcpu_avail", XmValue.of(3)).containsEntry("cpus", XmValue.of("0-1,3"))
                .containsEntry("hap", XmValue.of(0)).containsEntry("viridian", XmValue.of(1))
                .containsEntry("localtime", XmValue.of(1)).containsEntry("rtc_timeoffset", XmValue.of(120))
                .containsEntry("usbdevice", XmValue.of("tablet"))
                .containsEntry("serial", XmValue.of("udp:10.0.0.1:4001@0.0.0.0:4000"))
                .containsEntry("parallel", XmValue.of("unix:/run/lp,listen"))
                .containsEntry("soundhw", XmValue.of("ac97,es1370"))
                .containsEntry("vif", XmValue.strings(List.of(
                        "mac=00:16:3e:00:00:03,type=ioemu,script=vif-route,model=rtl8139,ip=10.0.0.3,vifname=x0")));
        assertThat(DomainXml.format(xm.toDomain(file, 4), -1, true))
                .isEqualTo(DomainXml.format(org.jvirt.model.PostParse.apply(def, xm.rules()), -1, true));
    }
}
