package org.jvirt.driver.qemu.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;
import org.junit.jupiter.api.Test;

/** Domain XML to QEMU argv, every element family, and the refusals. */
class QemuCommandBuilderTest {
    static final EmulatorInfo X86 = new EmulatorInfo("/usr/bin/qemu-system-x86_64", 1, 2, "7.2.22", "x86_64",
            List.of(new EmulatorInfo.Machine("pc-i440fx-7.2", "pc", true, 255, false),
                    new EmulatorInfo.Machine("pc-q35-7.2", "q35", false, 288, false)),
            List.of("qemu64", "max"), Set.of("virtio-net-pci", "e1000", "rtl8139", "usb-net", "virtio-blk-pci"), true);
    static final EmulatorInfo ARM = new EmulatorInfo("/usr/bin/qemu-system-aarch64", 1, 2, "7.2.22", "aarch64",
            List.of(new EmulatorInfo.Machine("virt-7.2", "virt", false, 512, false)), List.of("max"), Set.of(), false);
    static final Path SOCK = Path.of("/run/x/g.qmp");

    static DomainDefinition def(String devicesAndMore) {
        return DomainXml.parse("<domain type='qemu'><name>g</name><uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>"
                + "<memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + devicesAndMore + "</domain>");
    }

    static DomainDefinition defWith(String devices) {
        return def("<features><acpi/><apic/></features><devices>" + devices + "</devices>");
    }

    /** {@code d} as QemuRules complete it for {@code emulator}, as define and create do. */
    static DomainDefinition completed(DomainDefinition d, EmulatorInfo emulator) {
        return PostParse.apply(d, new QemuRules(x -> emulator));
    }

    static QemuCommand build(DomainDefinition d) {
        return QemuCommandBuilder.build(completed(d, X86), X86, "tcg", SOCK, false);
    }

    static String argv(DomainDefinition d) {
        return String.join(" ", build(d).argv());
    }

    static void refused(DomainDefinition d, String... words) {
        assertThatThrownBy(() -> build(d)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isIn(ErrorCode.CONFIG_UNSUPPORTED, ErrorCode.XML_ERROR, ErrorCode.NO_SOURCE);
            for (String w : words) {
                assertThat(e.getMessage()).contains(w);
            }
        });
    }

    @Test
    void theBaseLineHasNoDefaultsAndQmpOnAUnixSocket() {
        List<String> a = build(defWith("")).argv();
        assertThat(a.get(0)).isEqualTo("/usr/bin/qemu-system-x86_64");
        assertThat(String.join(" ", a)).contains("-name guest=g,debug-threads=on -S",
                "-chardev socket,id=charmonitor,path=/run/x/g.qmp,server=on,wait=off",
                "-mon chardev=charmonitor,id=monitor,mode=control",
                "-machine pc-i440fx-7.2,usb=off,dump-guest-core=off,acpi=on -accel tcg",
                "-m size=65536k", "-smp 1,sockets=1,dies=1,cores=1,threads=1",
                "-uuid c7a5fdbd-cdaf-9455-926a-d65c16db1809", "-no-user-config -nodefaults", "-rtc base=utc",
                "-device virtio-balloon-pci,id=balloon0", "-display none", "-boot strict=on");
        assertThat(a).doesNotContain("-cpu");
    }

    @Test
    void machineArchVcpusMemoryAndFeatures() {
        String a = argv(def("<features><pae/></features>"));
        assertThat(a).contains("acpi=off", "-cpu qemu64,-apic,-x2apic");
        DomainDefinition q35 = DomainXml.parse("<domain type='kvm'><name>q</name><memory>131072</memory>"
                + "<vcpu current='2'>4</vcpu><os><type arch='x86_64' machine='q35'>hvm</type></os>"
                + "<features><acpi/><apic/></features></domain>");
        QemuCommand c = QemuCommandBuilder.build(completed(q35, X86), X86, "kvm", SOCK, false);
        assertThat(String.join(" ", c.argv())).contains("-machine pc-q35-7.2,", "-accel kvm",
                "-smp 2,maxcpus=4,sockets=4", "-device pcie-root-port,port=0x10,chassis=1,id=pci.1,bus=pcie.0");
        refused(DomainXml.parse("<domain type='qemu'><name>b</name><memory>65536</memory><os>"
                + "<type machine='nonesuch'>hvm</type></os></domain>"), "machine type 'nonesuch'", "pc-i440fx-7.2");
        refused(def("<features><hap/></features>"), "feature <hap/>");
        refused(def("<features><apic eoi='on'/></features>"), "attributes");
        refused(DomainXml.parse("<domain type='xen'><name>x</name><memory>65536</memory><os><type>hvm</type></os>"
                + "</domain>"), "domain type 'xen'");
        refused(DomainXml.parse("<domain type='qemu'><name>x</name><memory>65536</memory><os><type arch='aarch64'>"
                + "hvm</type></os></domain>"), "runs x86_64 guests, not aarch64");
        refused(DomainXml.parse("<domain type='qemu'><name>x</name><memory>65536</memory><vcpu>300</vcpu>"
                + "<os><type>hvm</type></os></domain>"), "at most 255 vCPUs");
    }

    @Test
    void unmodelledElementsAreRefusedNamingThem() {
        refused(def("<cpu mode='host-passthrough'/>"), "cpu");
        refused(defWith("<tpm model='tpm-tis'><backend type='emulator'/></tpm>"), "devices/tpm");
        refused(defWith("<disk type='file' device='disk' foo='bar'><source file='/a'/><target dev='vda'/></disk>"),
                "devices/disk/@foo");
    }

    @Test
    void osBootKernelAndLoader() {
        DomainDefinition k = DomainXml.parse("<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><loader>/fw.bin</loader><kernel>/k</kernel><initrd>/i</initrd>"
                + "<cmdline>console=ttyS0 quiet</cmdline></os></domain>");
        List<String> argv = build(k).argv();
        assertThat(String.join("|", argv)).contains("-bios|/fw.bin", "-kernel|/k", "-initrd|/i",
                "-append|console=ttyS0 quiet");
        DomainDefinition order = DomainXml.parse("<domain type='qemu'><name>o</name><memory>65536</memory>"
                + "<os><type>hvm</type><boot dev='cdrom'/><boot dev='hd'/><boot dev='network'/></os><devices><disk type='file' device='disk'><source file='/d.img'/><target dev='vda'/></disk>"
                + "<disk type='file' device='cdrom'><source file='/c.iso'/><target dev='hdc'/></disk>"
                + "<interface type='user'><mac address='52:54:00:00:00:01'/></interface></devices></domain>");
        String o = argv(order);
        assertThat(o).contains("virtio-blk-pci,drive=fmt-vda,id=virtio-disk0,bootindex=2",
                "ide-cd,drive=fmt-hdc,bus=ide.1,unit=0,id=ide0-1-0,bootindex=1", "bootindex=3");
        refused(DomainXml.parse("<domain type='qemu'><name>k</name><memory>65536</memory><os><type>hvm</type>"
                + "<initrd>/i</initrd></os></domain>"), "need a <kernel>");
        refused(DomainXml.parse("<domain type='qemu'><name>k</name><memory>65536</memory><os><type>xen</type>"
                + "</os></domain>"), "os type 'xen'");
    }

    @Test
    void clockOffsets() {
        assertThat(argv(def("<clock offset='localtime'/>"))).contains("-rtc base=localtime");
        QemuCommand tz = build(def("<clock offset='timezone' timezone='Europe/Paris'/>"));
        assertThat(tz.environment()).containsEntry("TZ", "Europe/Paris");
        assertThat(argv(def("<clock offset='variable' adjustment='3600' basis='utc'/>"))).containsPattern(
                "-rtc base=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        refused(def("<clock offset='utc'><timer name='rtc' tickpolicy='catchup'/></clock>"), "<timer>");
        refused(def("<clock offset='absolute' start='0'/>"), "clock offset 'absolute'");
    }

    @Test
    void lifecycleActions() {
        String a = argv(def("<on_poweroff>preserve</on_poweroff><on_reboot>destroy</on_reboot>"));
        assertThat(a).contains("-no-shutdown", "-no-reboot");
        refused(def("<on_reboot>rename-restart</on_reboot>"), "on_reboot action 'rename-restart'");
    }

    @Test
    void disksFileAndBlockOnEveryBus() {
        QemuCommand c = build(defWith(
                "<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/>"
                        + "<source file='/img/a,b.qcow2'/><target dev='vda' bus='virtio'/><serial>S1</serial></disk>"
                        + "<disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='hdb' bus='ide'/>"
                        + "<readonly/></disk>"
                        + "<disk type='file' device='disk'><source file='/s.raw'/><target dev='sda' bus='scsi'/></disk>"
                        + "<disk type='file' device='cdrom'><target dev='sdb' bus='scsi'/><readonly/></disk>"
                        + "<disk type='file' device='disk'><driver name='qemu' type='raw' cache='writethrough'/>"
                        + "<source file='/w.raw'/><target dev='vdb'/><shareable/></disk>"));
        String a = String.join(" ", c.argv());
        assertThat(a).contains(
                "{\"driver\":\"file\",\"filename\":\"/img/a,b.qcow2\",\"node-name\":\"file-vda\","
                        + "\"cache\":{\"direct\":true,\"no-flush\":false}",
                "\"node-name\":\"fmt-vda\",\"read-only\":false,\"cache\":{\"direct\":true,\"no-flush\":false},"
                        + "\"driver\":\"qcow2\",\"file\":\"file-vda\"}",
                "virtio-blk-pci,drive=fmt-vda,id=virtio-disk0,bootindex=1,serial=S1",
                "{\"driver\":\"host_device\",\"filename\":\"/dev/sdz\"",
                "\"node-name\":\"fmt-hdb\",\"read-only\":true",
                "ide-hd,drive=fmt-hdb,bus=ide.0,unit=1,id=ide0-0-1",
                "-device virtio-scsi-pci,id=scsi0",
                "scsi-hd,drive=fmt-sda,bus=scsi0.0,channel=0,scsi-id=0,lun=0,id=scsi0-0-0-0",
                "scsi-cd,bus=scsi0.0,channel=0,scsi-id=0,lun=1,id=scsi0-0-0-1",
                "virtio-blk-pci,drive=fmt-vdb,id=virtio-disk1,share-rw=on,write-cache=off");
        assertThat(c.disks()).containsKeys("vda", "hdb", "sda", "sdb", "vdb");
        assertThat(c.disks().get("sdb").node()).isNull();
        refused(defWith("<disk type='network' device='disk'><source protocol='nbd' name='x'><host name='h'/></source><target dev='vda'/></disk>"), "devices/disk/source/@protocol");
        refused(defWith("<disk type='file' device='floppy'><source file='/f'/><target dev='fda'/></disk>"),
                "device 'floppy'");
        refused(defWith("<disk type='file' device='disk'><driver name='qemu' type='iso'/><source file='/f'/>"
                + "<target dev='vda'/></disk>"), "image format 'iso'");
        refused(defWith("<disk type='file' device='disk'><source file='/f'/><target dev='xvda' bus='xen'/></disk>"),
                "disk bus 'xen'");
        refused(defWith("<disk type='file' device='cdrom'><source file='/f'/><target dev='vda'/></disk>"),
                "CD-ROM cannot be on the virtio bus");
        refused(defWith("<disk type='file' device='disk'><target dev='vda'/></disk>"), "missing source information for device vda");
        refused(defWith("<disk type='file' device='disk'><source file='/f'/><target dev='hde'/></disk>"),
                "four IDE devices");
        // A cache mode libvirt does not know is refused as the document is read, in libvirt's words.
        assertThatThrownBy(() -> defWith("<disk type='file' device='disk'><driver name='qemu' cache='bogus'/>"
                + "<source file='/f'/><target dev='vda'/></disk>")).isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("XML error: Invalid value for attribute 'cache' in element 'driver': 'bogus'."));
        refused(defWith("<disk type='file' device='disk'><source file='/f'/><target dev='vda'/></disk>"
                + "<disk type='file' device='disk'><source file='/g'/><target dev='vda'/></disk>"), "target 'vda' duplicated");
    }

    @Test
    void networkInterfaces() {
        QemuCommand c = build(defWith("<interface type='user'><mac address='52:54:00:11:22:33'/>"
                + "<model type='virtio'/></interface><interface type='ethernet'><mac address='52:54:00:11:22:34'/>"
                + "<target dev='tap7'/><model type='e1000'/></interface>"
                + "<interface type='user'><mac address='52:54:00:11:22:35'/></interface>"));
        String a = String.join(" ", c.argv());
        assertThat(a).contains("-netdev user,id=hostnet0",
                "-device virtio-net-pci,netdev=hostnet0,id=net0,mac=52:54:00:11:22:33",
                "-netdev tap,id=hostnet1,ifname=tap7,script=no,downscript=no",
                "-device e1000,netdev=hostnet1,id=net1,mac=52:54:00:11:22:34",
                "-device rtl8139,netdev=hostnet2,id=net2,mac=52:54:00:11:22:35");
        assertThat(c.interfaces().get("52:54:00:11:22:33").netdev()).isEqualTo("hostnet0");
        String gen = argv(defWith("<interface type='user'/>"));
        assertThat(gen).containsPattern("mac=52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}");
        refused(defWith("<interface type='network'><source network='default'/></interface>"),
                "interface type 'network'");
        refused(defWith("<interface type='bridge'><source bridge='nosuchbr0'/></interface>"),
                "no bridge 'nosuchbr0'");
        refused(defWith("<interface type='user'><model type='vmxnet9'/></interface>"), "NIC model 'vmxnet9'");
        refused(defWith("<interface type='user'><model type='pcnet'/></interface>"), "not available in this QEMU");
        refused(defWith("<interface type='user'><script path='/x'/></interface>"), "<script>");
    }

    @Test
    void serialConsoleAndCharacterBackends() {
        QemuCommand c = build(defWith("<serial type='pty'><target port='0'/></serial>"
                + "<console type='pty'><target type='serial' port='0'/></console>"
                + "<serial type='file'><source path='/var/log/s.log'/></serial>"
                + "<serial type='unix'><source mode='bind' path='/run/s.sock'/></serial>"
                + "<serial type='tcp'><source mode='bind' host='127.0.0.1' service='4555'/><protocol type='telnet'/>"
                + "</serial>"
                + "<parallel type='null'/>"
                + "<console type='unix'><source mode='connect' path='/run/c.sock'/><target type='virtio'/></console>"));
        String a = String.join(" ", c.argv());
        assertThat(a).contains("-chardev pty,id=charserial0", "-device isa-serial,chardev=charserial0,id=serial0",
                "-chardev file,id=charserial1,path=/var/log/s.log",
                "-chardev socket,id=charserial2,path=/run/s.sock,server=on,wait=off",
                "-chardev socket,id=charserial3,host=127.0.0.1,port=4555,server=on,wait=off,telnet=on",
                "-chardev null,id=charparallel0", "-device isa-parallel,chardev=charparallel0,id=parallel0",
                "-device virtio-serial-pci,id=virtio-serial0",
                "-chardev socket,id=charconsole1,path=/run/c.sock,server=off",
                "-device virtconsole,chardev=charconsole1,id=console1");
        assertThat(c.charDevices()).containsEntry("console0", "charserial0").containsEntry("serial1", "charserial1");
        refused(defWith("<serial type='spicevmc'/>"), "character device type 'spicevmc'");
        refused(defWith("<channel type='pty'><target type='virtio'/></channel>"), "<channel>");
        // As libvirt reads it, a serial console alone is the first serial port seen from the other side.
        assertThat(argv(defWith("<console type='pty'><target type='serial' port='0'/></console>")))
                .contains("-chardev pty,id=charserial0", "-device isa-serial,chardev=charserial0,id=serial0");
        // libvirt's own check of the completed definition (virDomainChrSourceDefValidate), in its words and code.
        assertThatThrownBy(() -> build(defWith("<serial type='file'/>"))).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).isEqualTo("internal error: Missing source path attribute for char device");
                });
    }

    @Test
    void vncInputSoundAndBalloon() {
        QemuCommand c = build(defWith("<input type='tablet' bus='usb'/><input type='mouse' bus='ps2'/>"
                + "<input type='keyboard' bus='virtio'/><graphics type='vnc' autoport='yes' listen='127.0.0.1'"
                + " passwd='secret' keymap='en-us'/><sound model='ich6'/><memballoon model='none'/>"));
        String a = String.join(" ", c.argv());
        assertThat(a).contains("-device piix3-usb-uhci,id=usb", "-device usb-tablet,id=input0,bus=usb.0",
                "-device virtio-keyboard-pci,id=input2", "-vnc 127.0.0.1:0,to=99,password=on", "-k en-us",
                "-device VGA,id=video0", "-audiodev none,id=audio1", "-device intel-hda,id=sound0",
                "hda-duplex,id=sound0-codec0,bus=sound0.0,cad=0,audiodev=audio1");
        assertThat(a).doesNotContain("balloon").doesNotContain("-display none").doesNotContain("secret");
        assertThat(c.vncAutoport()).isTrue();
        assertThat(argv(defWith("<graphics type='vnc' port='5907' autoport='no'/>"))).contains("-vnc 127.0.0.1:7");
        refused(defWith("<graphics type='spice'/>"), "graphics type 'spice'");
        refused(defWith("<graphics type='vnc' listen='myhost'/>"), "listen address");
        refused(defWith("<input type='tablet' bus='xen'/>"), "bus 'xen'");
        refused(defWith("<sound model='pcspk'/>"), "sound model 'pcspk'");
        refused(defWith("<memballoon model='xen'/>"), "memballoon model 'xen'");
    }

    @Test
    void anotherArchitecture() {
        DomainDefinition d = DomainXml.parse("<domain type='qemu'><name>a</name><memory>131072</memory>"
                + "<os><type arch='aarch64' machine='virt'>hvm</type></os><devices>"
                + "<serial type='pty'/><interface type='user'><mac address='52:54:00:00:00:09'/></interface>"
                + "</devices></domain>");
        QemuCommand c = QemuCommandBuilder.build(completed(d, ARM), ARM, "tcg", SOCK, false);
        String a = String.join(" ", c.argv());
        assertThat(a).startsWith("/usr/bin/qemu-system-aarch64").contains("-machine virt-7.2,usb=off",
                "-cpu max", "-serial chardev:charserial0", "virtio-net-pci,netdev=hostnet0",
                "pcie-root-port");
        assertThatThrownBy(() -> completed(DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64'>hvm</type></os></domain>"), ARM))
                .isInstanceOf(VirtException.class).hasMessageContaining("no default machine type")
                .hasMessageContaining("virt-7.2");
    }

    @Test
    void incomingMigrationAndShellForm() {
        QemuCommand c = QemuCommandBuilder.build(completed(defWith(""), X86), X86, "tcg", SOCK, true);
        assertThat(String.join(" ", c.argv())).contains("-incoming defer");
        assertThat(c.toShellString()).contains("-m size=65536k \\\n");
        assertThat(QemuCommand.quote("a b'c")).isEqualTo("'a b'\\''c'");
    }

    @Test
    void targetNamesIndexLikeLibvirt() {
        assertThat(QemuCommandBuilder.targetIndex("g", "hda")).isZero();
        assertThat(QemuCommandBuilder.targetIndex("g", "vdz")).isEqualTo(25);
        assertThat(QemuCommandBuilder.targetIndex("g", "sdaa")).isEqualTo(26);
        assertThatThrownBy(() -> QemuCommandBuilder.targetIndex("g", "xyz1")).isInstanceOf(VirtException.class);
    }
}
