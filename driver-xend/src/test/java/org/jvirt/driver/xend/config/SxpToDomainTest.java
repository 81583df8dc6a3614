package org.jvirt.driver.xend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jvirt.api.VirtException;
import org.jvirt.driver.xend.sexpr.SexprReader;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.PostParse;
import org.junit.jupiter.api.Test;

/** What xend's documents say beyond libvirt's test data: xenstore's facts, later xend's entries, domain 0. */
class SxpToDomainTest {
    private static final String HVM = "(domain (domid 7)(name fv)(memory 256)(maxmem 512)(vcpus 4)(vcpu_avail 3)"
            + "(cpus 0-1)(uuid b5d70dd2-75cd-aca5-1776-9660b059d8bc)(localtime 1)"
            + "(image (hvm (loader /usr/lib/xen/boot/hvmloader)(kernel /boot/vmlinuz)(ramdisk /boot/initrd)"
            + "(args 'console=ttyS0')(hap 1)(viridian 1)(serial pty)(parallel /dev/parport0)(fda /fd0.img)"
            + "(fdb '')(usbdevice mouse)(usbdevice tablet)(usbdevice disk:/x)(soundhw 'sb16,bogus')))"
            + "(device (vbd (dev sdb:disk)(uname phy:/dev/sdb)(mode r)))"
            + "(device (vif (mac 00:16:3e:00:00:09)(bridge br9)(script /etc/xen/scripts/vif-bridge)(vifname eth9)))"
            + "(device (vfb (type vnc)(vncunused 0)(vncdisplay 3)(vncpasswd pw))))";

    @Test
    void xenstoreGivesARunningGuestsConsolePtyAndVncPort() {
        DomainDefinition pv = XendConfig.toDomain(SexprReader.read("(domain (domid 3)(name pv)(memory 64)(vcpus 1)"
                + "(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (linux (kernel /k)(vnc 1))))"), 2,
                new XenstoreFacts("/dev/pts/5", 5905));
        CharDevice console = pv.devices(CharDevice.class).get(0);
        assertThat(console.kind()).isEqualTo("console");
        assertThat(console.tty()).isEqualTo("/dev/pts/5");
        assertThat(console.sources()).containsExactly(CharSource.path("/dev/pts/5"));
        // A running domain's console: the model's post-parse, which reads definitions as inactive, drops it.
        assertThat(PostParse.apply(pv, XendRules.INSTANCE).devices(CharDevice.class).get(0).tty()).isNull();
        assertThat(pv.devices(GraphicsDevice.class).get(0).port()).isEqualTo(5905);

        DomainDefinition hvm = XendConfig.toDomain(SexprReader.read(HVM), 3, new XenstoreFacts("/dev/pts/8", -1));
        CharDevice serial = hvm.devices(CharDevice.class).stream().filter(c -> c.kind().equals("serial")).findFirst()
                .orElseThrow();
        assertThat(serial.sources()).containsExactly(CharSource.path("/dev/pts/8"));
    }

    @Test
    void laterXendsEntriesAndAFewOfLibvirtsEdges() {
        DomainDefinition hvm = XendConfig.toDomain(SexprReader.read(HVM), 3);
        assertThat(hvm.vcpus()).isEqualTo(4);
        assertThat(hvm.currentVcpus()).isEqualTo(2);
        assertThat(hvm.cpuset()).isEqualTo("0-1");
        assertThat(hvm.memoryKiB()).isEqualTo(512 * 1024);
        assertThat(hvm.currentMemoryKiB()).isEqualTo(256 * 1024);
        assertThat(hvm.clock().offset()).isEqualTo("localtime");
        assertThat(hvm.featureNames()).containsExactly("hap", "viridian");
        assertThat(hvm.os().kernel()).isEqualTo("/boot/vmlinuz");
        assertThat(hvm.os().loader()).isEqualTo("/usr/lib/xen/boot/hvmloader");
        assertThat(hvm.os().cmdline()).isEqualTo("console=ttyS0");
        assertThat(hvm.devices(DiskDevice.class)).extracting(DiskDevice::targetDev, DiskDevice::targetBus,
                DiskDevice::readOnly).containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sdb", "scsi", true),
                org.assertj.core.groups.Tuple.tuple("fda", "fdc", false));
        InterfaceDevice nic = hvm.devices(InterfaceDevice.class).get(0);
        assertThat(nic.type()).isEqualTo("bridge");
        assertThat(nic.sourceBridge()).isEqualTo("br9");
        assertThat(nic.targetDev()).isEqualTo("eth9");
        CharDevice parallel = hvm.devices(CharDevice.class).stream().filter(c -> c.kind().equals("parallel"))
                .findFirst().orElseThrow();
        assertThat(parallel.type()).isEqualTo("dev");
        assertThat(parallel.sources()).containsExactly(CharSource.path("/dev/parport0"));
        assertThat(hvm.toString()).contains("<input type='mouse' bus='usb'/>", "<input type='tablet' bus='usb'/>",
                "<sound model='sb16'/>").doesNotContain("bogus", "disk:/x");
        GraphicsDevice vnc = hvm.devices(GraphicsDevice.class).get(0);
        assertThat(vnc.port()).isEqualTo(5903);
        // The model keeps the password; only a secure dump shows it, as VIR_DOMAIN_XML_SECURE did.
        assertThat(vnc.passwd()).isEqualTo("pw");
        assertThat(hvm.toString()).doesNotContain("pw");
    }

    @Test
    void aVifOfTheBridgeScriptWithoutBridgeIsABridgedInterfaceLibvirt9Refuses() {
        DomainDefinition def = XendConfig.toDomain(SexprReader.read("(domain (domid 2)(name pv)(memory 64)(vcpus 1)"
                + "(uuid 596a5d2171f48fb2e068e2386a5c413e)(bootloader)(device (vif (script vif-bridge))))"), 3);
        assertThat(def.devices(InterfaceDevice.class).get(0).type()).isEqualTo("bridge");
        assertThat(def.devices(InterfaceDevice.class).get(0).sourceBridge()).isNull();
        assertThatThrownBy(() -> PostParse.apply(def, XendRules.INSTANCE)).isInstanceOf(VirtException.class)
                .hasMessageContaining("interface type='bridge' requires a 'source' element");
    }

    @Test
    void anInactiveDomainHasNoGeneratedInterfaceName() {
        DomainDefinition def = XendConfig.toDomain(SexprReader.read("(domain (name pv)(memory 64)(vcpus 1)"
                + "(uuid 596a5d2171f48fb2e068e2386a5c413e)(bootloader)(device (vif (bridge xenbr0))))"), 3);
        assertThat(def.devices(InterfaceDevice.class).get(0).targetDev()).isNull();
        assertThat(def.os().type()).isEqualTo("xen");
    }

    @Test
    void domain0HasNoImage() {
        DomainDefinition dom0 = XendConfig.toDomain(SexprReader.read("(domain (domid 0)(name Domain-0)(memory 1024)"
                + "(maxmem 16777215)(vcpus 2)(uuid 00000000-0000-0000-0000-000000000000)(cpu_time 1024.5)"
                + "(state r-----))"), 4);
        assertThat(dom0.name()).isEqualTo("Domain-0");
        assertThat(dom0.currentMemoryKiB()).isEqualTo(1024 * 1024);
        assertThat(XendConfig.domainId(SexprReader.read("(domain (domid 0))"))).isZero();
    }
}
