package org.jvirt.driver.xend.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each xend configuration version is told for the same guests, and that each reads back what it
 * was told: for every version, a definition written and read again is the same definition.
 */
class XendConfigVersionsTest {
    /** An HVM guest with a bit of everything; xend 3.0.2's form keeps less of its console. */
    static String hvm(int version) {
        String vnc = version == 1 ? "<graphics type='vnc' port='5901'/>"
                : "<graphics type='vnc' port='5901' listen='127.0.0.1' keymap='fr' passwd='s3cret'/>";
        return "<domain type='xen'><name>fv</name><uuid>b5d70dd275cdaca517769660b059d8bc</uuid>"
                + "<memory>524288</memory><currentMemory>262144</currentMemory><vcpu current='1'>2</vcpu>"
                + "<os><type>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader><boot dev='cdrom'/><boot dev='hd'/></os>"
                + "<features><acpi/><apic/><pae/></features><clock offset='localtime'/><on_crash>restart</on_crash>"
                + "<devices><emulator>/usr/lib64/xen/bin/qemu-dm</emulator>"
                + "<disk type='file'><driver name='file'/><source file='/img'/><target dev='hda'/></disk>"
                + "<disk type='file' device='cdrom'><driver name='file'/><source file='/boot.iso'/><target dev='hdc'/>"
                + "<readonly/></disk>"
                + "<disk type='file' device='floppy'><source file='/fd.img'/><target dev='fda'/></disk>"
                + "<interface type='bridge'><mac address='00:16:3e:00:00:01'/><source bridge='xenbr0'/>"
                + "<script path='vif-bridge'/><model type='e1000'/><target dev='vif1.0'/></interface>"
                + "<serial type='tcp'><source mode='bind' host='0.0.0.0' service='4555'/><protocol type='telnet'/></serial>"
                + "<parallel type='file'><source path='/tmp/lp'/></parallel>"
                + "<input type='tablet' bus='usb'/>" + vnc + "<sound model='es1370'/><sound model='sb16'/>"
                + "</devices></domain>";
    }

    /** A paravirtualised guest booting a kernel, with disks of every driver and two interfaces. */
    static String pv(int version) {
        String vnc = version == 1 ? "<graphics type='vnc' port='5901'/>"
                : "<graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' keymap='ja' passwd='pw'/>";
        return "<domain type='xen'><name>pv</name><uuid>596a5d2171f48fb2e068e2386a5c413e</uuid>"
                + "<memory>262144</memory><vcpu>2</vcpu><os><type>linux</type><kernel>/boot/vmlinuz</kernel>"
                + "<initrd>/boot/initrd</initrd><cmdline>root=/dev/xvda1 ro quiet</cmdline></os>"
                + "<clock offset='localtime'/><devices>"
                + "<disk type='file'><driver name='file'/><source file='/a.img'/><target dev='xvda'/></disk>"
                + "<disk type='block'><driver name='phy'/><source dev='/dev/vg/b'/><target dev='xvdb'/><shareable/></disk>"
                + "<disk type='file'><driver name='tap' type='qcow'/><source file='/c.qcow'/><target dev='xvdc'/>"
                + "<readonly/></disk>"
                + "<disk type='file'><driver name='tap' type='aio'/><source file='/d.img'/><target dev='xvdd'/></disk>"
                + "<interface type='ethernet'><mac address='00:16:3e:00:00:02'/><ip address='10.0.0.2'/>"
                + "<script path='vif-route'/><target dev='vif1.0'/></interface>"
                + "<interface type='bridge'><mac address='00:16:3e:00:00:03'/><source bridge='xenbr1'/>"
                + "<script path='vif-bridge'/><target dev='vif1.1'/></interface>" + vnc + "</devices></domain>";
    }

    @ParameterizedTest(name = "xend config {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void eachVersionReadsBackWhatItIsTold(int version) {
        for (String xml : new String[] {hvm(version), pv(version), bootloader()}) {
            DomainDefinition def = DomainXml.parse(xml);
            Sexpr told = XendConfig.toSexpr(def, version);
            DomainDefinition back = XendConfig.toDomain(RoundTrips.asXendDescribes(told, 1), version);
            assertThat(RoundTrips.formatted(back)).as("%s", told).isEqualTo(RoundTrips.formatted(def));
        }
    }

    private static String bootloader() {
        return "<domain type='xen'><name>grub</name><uuid>4f77abd2301958e83bab6fbf2118f880</uuid><memory>131072</memory>"
                + "<bootloader>/usr/bin/pygrub</bootloader><bootloader_args>-q</bootloader_args><devices>"
                + "<disk type='file'><driver name='tap' type='aio'/><source file='/xen/g.img'/><target dev='xvda'/></disk>"
                + "</devices></domain>";
    }

    @Test
    void xend302PutsHvmDisksAsIoemuAndTheCdromInTheImage() {
        SexprList vm = told(hvm(1), 1);
        assertThat(vm.value("vm/image/hvm/cdrom")).contains("/boot.iso");
        assertThat(vm.value("vm/image/hvm/fda")).contains("/fd.img");
        assertThat(devices(vm)).containsExactly("(device (vbd (dev ioemu:hda) (uname file:/img) (mode w)))",
                "(device (vif (mac 00:16:3e:00:00:01) (bridge xenbr0) (script vif-bridge) (model e1000) (type ioemu)))");
        assertThat(vm.find("vm/image/hvm").orElseThrow().toString())
                .endsWith("(device_model /usr/lib64/xen/bin/qemu-dm) (vnc 1))");
    }

    @Test
    void xend303NamesDisksWithTheirTypeAndGivesVncItsOwnEntries() {
        SexprList vm = told(hvm(2), 2);
        assertThat(vm.value("vm/image/hvm/cdrom")).isEmpty();
        assertThat(devices(vm)).contains("(device (vbd (dev hda:disk) (uname file:/img) (mode w)))",
                "(device (vbd (dev hdc:cdrom) (uname file:/boot.iso) (mode r)))");
        assertThat(vm.find("vm/image/hvm").orElseThrow().toString()).endsWith("(device_model /usr/lib64/xen/bin/qemu-dm)"
                + " (vnc 1) (vncdisplay 1) (vnclisten 127.0.0.1) (vncpasswd s3cret) (keymap fr))");
        assertThat(vm.find("vm/image/hvm").orElseThrow().toString()).contains("(vcpus 2) (boot dc)",
                "(acpi 1) (apic 1) (pae 1) (usb 1) (usbdevice tablet) (parallel file:/tmp/lp)"
                        + " (serial telnet:0.0.0.0:4555,listen) (localtime 1) (soundhw es1370,sb16)");
        assertThat(vm.toString()).startsWith("(vm (name fv) (memory 256) (maxmem 512) (vcpus 2) (vcpu_avail 1)"
                + " (uuid b5d70dd275cdaca517769660b059d8bc) (on_poweroff destroy) (on_reboot restart) (on_crash restart)"
                + " (image (hvm (kernel /usr/lib/xen/boot/hvmloader)");
        assertThat(told(pv(2), 2).find("vm/image/linux").orElseThrow().toString())
                .endsWith("(vnc 1) (vncunused 1) (vnclisten 0.0.0.0) (vncpasswd pw) (keymap ja))");
    }

    @Test
    void xend304GivesParavirtualisedGuestsAVfbButHvmGuestsKeepTheirImageConsole() {
        SexprList pv = told(pv(3), 3);
        assertThat(pv.value("vm/image/linux/vnc")).isEmpty();
        assertThat(devices(pv)).containsSubsequence("(device (vkbd))",
                "(device (vfb (type vnc) (vncunused 1) (vnclisten 0.0.0.0) (vncpasswd pw) (keymap ja)))");
        assertThat(pv.value("vm/localtime")).contains("1");
        SexprList hvm = told(hvm(3), 3);
        assertThat(hvm.value("vm/image/hvm/vnc")).contains("1");
        assertThat(devices(hvm)).noneMatch(d -> d.contains("vfb"));
    }

    @Test
    void xend31GivesHvmGuestsAVfbAndNoIoemuType() {
        SexprList hvm = told(hvm(4), 4);
        assertThat(hvm.value("vm/image/hvm/vnc")).isEmpty();
        assertThat(devices(hvm)).contains("(device (vif (mac 00:16:3e:00:00:01) (bridge xenbr0) (script vif-bridge)"
                + " (model e1000)))", "(device (vfb (type vnc) (vncdisplay 1) (vnclisten 127.0.0.1) (vncpasswd s3cret)"
                + " (keymap fr)))");
    }

    @Test
    void sdlInBothForms() {
        String sdl = "<domain type='xen'><name>s</name><uuid>4f77abd2301958e83bab6fbf2118f880</uuid><memory>131072</memory><os><type>linux</type><kernel>/k</kernel>"
                + "</os><devices><graphics type='sdl'/></devices></domain>";
        assertThat(told(sdl, 2).value("vm/image/linux/sdl")).contains("1");
        assertThat(devices(told(sdl, 3))).containsExactly("(device (vkbd))", "(device (vfb (type sdl)))");
        for (int version : new int[] {2, 3}) {
            DomainDefinition def = DomainXml.parse(sdl);
            Sexpr back = RoundTrips.asXendDescribes(XendConfig.toSexpr(def, version), 4);
            assertThat(RoundTrips.formatted(XendConfig.toDomain(back, version))).isEqualTo(RoundTrips.formatted(def));
        }
    }

    private static SexprList told(String xml, int version) {
        return (SexprList) XendConfig.toSexpr(DomainXml.parse(xml), version);
    }

    private static java.util.List<String> devices(SexprList vm) {
        return vm.entries("device").stream().map(Sexpr::toString).toList();
    }
}
