package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.ARM;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.CLOCK;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.PPC;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.SOCK;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.X86;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.armWith;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.assertGolden;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.completed;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.def;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.defWith;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.InterfaceDevice;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the driver in full, at start and at hot-plug: each definition or device with a
 * fault is refused with a code, error domain and message compared with a golden file beside the
 * command lines ({@code command-lines/refusals.txt}, {@code hotplug-refusals.txt}); rewrite them with
 * {@code -Djvirt.updateGoldenFiles=true} as {@link QemuCommandBuilderTest} says. The fault reported
 * is the first of a definition's, so the several-fault cases pin the order of the checks.
 */
class QemuValidateTest {
    /**
     * A definition the driver must refuse: its XML, the emulator it is built for, and whether it is
     * completed by post-parse first (as define and create do) or built as read, as a caller that skips
     * post-parse would (what the builder checks for itself, post-parse settling most of it).
     */
    record Refusal(String name, Supplier<DomainDefinition> definition, EmulatorInfo emulator, boolean complete) {
    }

    static Refusal x86(String name, String devices) {
        return new Refusal(name, () -> defWith(devices), X86, true);
    }

    static Refusal x86Def(String name, String afterOs) {
        return new Refusal(name, () -> def(afterOs), X86, true);
    }

    static Refusal doc(String name, String xml) {
        return new Refusal(name, () -> DomainXml.parse(xml), X86, true);
    }

    static Refusal arm(String name, String devices) {
        return new Refusal(name, () -> armWith(devices), ARM, true);
    }

    /** A definition built as read, without post-parse: an i440FX PC with {@code devices} and {@code more}. */
    static Refusal raw(String name, String type, String more, String devices) {
        return new Refusal(name, () -> DomainXml.parse("<domain type='" + type + "'><name>r</name>"
                + "<uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid><memory>65536</memory>"
                + "<os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>" + more + "<devices>" + devices
                + "</devices></domain>"), X86, false);
    }

    static String pci(int bus, int slot) {
        return "<address type='pci' domain='0x0000' bus='" + bus + "' slot='" + slot + "' function='0'/>";
    }

    /**
     * Definitions each with one fault (or several, the first of which must be the one reported), with the
     * stage that refuses each: the reading of the document, post-parse (QemuRules) or the command line.
     */
    static List<Refusal> refusals() {
        String disk = "<disk type='file' device='disk'><source file='/f'/>";
        List<Refusal> r = new ArrayList<>();
        // the domain
        r.add(doc("os-type", "<domain type='qemu'><name>k</name><memory>65536</memory><os><type>xen</type></os>"
                + "</domain>"));
        r.add(doc("domain-type", "<domain type='xen'><name>x</name><memory>65536</memory><os><type>hvm</type>"
                + "</os></domain>"));
        r.add(x86Def("bootloader", "<bootloader>/usr/bin/pygrub</bootloader>"));
        r.add(doc("os-root", "<domain type='qemu'><name>k</name><memory>65536</memory><os><type>hvm</type>"
                + "<kernel>/k</kernel><root>/dev/vda</root></os></domain>"));
        r.add(doc("vcpu-placement", "<domain type='qemu'><name>k</name><memory>65536</memory>"
                + "<vcpu placement='auto'>1</vcpu><os><type>hvm</type></os></domain>"));
        r.add(doc("vcpu-cpuset", "<domain type='qemu'><name>k</name><memory>65536</memory>"
                + "<vcpu cpuset='0-1,x'>1</vcpu><os><type>hvm</type></os></domain>"));
        r.add(doc("memory-small", "<domain type='qemu'><name>k</name><memory unit='KiB'>512</memory>"
                + "<os><type>hvm</type></os></domain>"));
        r.add(doc("arch", "<domain type='qemu'><name>x</name><memory>65536</memory><os><type arch='aarch64'>"
                + "hvm</type></os></domain>"));
        r.add(x86Def("feature-unknown", "<features><hap/></features>"));
        r.add(x86Def("feature-attributes", "<features><apic eoi='on' foo='1'/></features>"));
        r.add(new Refusal("feature-not-x86", () -> DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type></os>"
                + "<features><acpi/><pvspinlock state='on'/></features></domain>"), ARM, true));
        r.add(new Refusal("feature-eoi-not-x86", () -> DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type></os>"
                + "<features><apic eoi='on'/></features></domain>"), ARM, true));
        r.add(x86Def("feature-state", "<features><pmu state='maybe'/></features>"));
        r.add(x86Def("feature-hyperv-unknown", "<features><hyperv><nonesuch state='on'/></hyperv></features>"));
        r.add(x86Def("feature-hyperv-vpindex", "<features><hyperv><vpindex state='on'/></hyperv></features>"));
        r.add(x86Def("feature-hyperv-spinlocks", "<features><hyperv><spinlocks state='on' retries='10'/></hyperv>"
                + "</features>"));
        r.add(x86Def("feature-kvm-unknown", "<features><kvm><nonesuch state='on'/></kvm></features>"));
        r.add(x86Def("feature-tseg-not-q35", "<features><smm state='on'><tseg unit='MiB'>48</tseg></smm></features>"));
        r.add(new Refusal("feature-vmport-not-x86", () -> DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type></os>"
                + "<features><vmport state='off'/></features></domain>"), ARM, true));
        r.add(new Refusal("pm-not-x86", () -> DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type></os>"
                + "<pm><suspend-to-mem enabled='no'/></pm></domain>"), ARM, true));
        r.add(x86Def("pm-unknown", "<pm><suspend-to-hybrid enabled='no'/></pm>"));
        r.add(doc("machine-unknown", "<domain type='qemu'><name>b</name><memory>65536</memory><os>"
                + "<type machine='nonesuch'>hvm</type></os></domain>"));
        r.add(doc("vcpus-max", "<domain type='qemu'><name>x</name><memory>65536</memory><vcpu>300</vcpu>"
                + "<os><type>hvm</type></os></domain>"));
        // clock, lifecycle, boot
        r.add(x86Def("clock-timer-platform", "<clock offset='utc'><timer name='platform'/></clock>"));
        r.add(x86Def("clock-timer-unknown", "<clock offset='utc'><timer name='sundial'/></clock>"));
        r.add(x86Def("clock-rtc-track", "<clock offset='utc'><timer name='rtc' track='boot'/></clock>"));
        r.add(x86Def("clock-rtc-policy", "<clock offset='utc'><timer name='rtc' tickpolicy='merge'/></clock>"));
        r.add(x86Def("clock-pit-policy", "<clock offset='utc'><timer name='pit' tickpolicy='merge'/></clock>"));
        r.add(x86Def("clock-armvtimer", "<clock offset='utc'><timer name='armvtimer'/></clock>"));
        r.add(new Refusal("clock-hpet-not-x86", () -> DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type></os>"
                + "<clock offset='utc'><timer name='hpet' present='yes'/></clock></domain>"), ARM, true));
        r.add(new Refusal("clock-kvmclock-not-x86", () -> DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type></os>"
                + "<clock offset='utc'><timer name='kvmclock' present='yes'/></clock></domain>"), ARM, true));
        r.add(x86Def("clock-utc-attribute", "<clock offset='utc' adjustment='reset'/>"));
        r.add(x86Def("clock-localtime-attribute", "<clock offset='localtime' adjustment='reset'/>"));
        r.add(x86Def("clock-timezone-missing", "<clock offset='timezone'/>"));
        r.add(x86Def("clock-timezone-invalid", "<clock offset='timezone' timezone='Europe/Paris;x'/>"));
        r.add(x86Def("clock-timezone-attribute", "<clock offset='timezone' timezone='UTC' basis='utc'/>"));
        r.add(x86Def("clock-variable-attribute", "<clock offset='variable' adjustment='1' timezone='UTC'/>"));
        r.add(x86Def("clock-variable-adjustment", "<clock offset='variable' adjustment=' 5'/>"));
        r.add(x86Def("clock-variable-basis", "<clock offset='variable' adjustment='1' basis='gps'/>"));
        r.add(x86Def("clock-absolute", "<clock offset='absolute' start='0'/>"));
        r.add(x86Def("on-poweroff", "<on_poweroff>rename-restart</on_poweroff>"));
        r.add(x86Def("on-reboot", "<on_reboot>rename-restart</on_reboot>"));
        r.add(x86Def("on-crash", "<on_crash>rename-restart</on_crash>"));
        r.add(doc("initrd-without-kernel", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><initrd>/i</initrd></os></domain>"));
        r.add(doc("cmdline-without-kernel", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><cmdline>quiet</cmdline></os></domain>"));
        r.add(doc("boot-device", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><boot dev='usb'/></os></domain>"));
        r.add(doc("boot-menu-timeout", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><bootmenu enable='yes' timeout='65536'/></os></domain>"));
        r.add(doc("boot-reboot-timeout", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><bios rebootTimeout='-2'/></os></domain>"));
        r.add(doc("boot-useserial", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><bios useserial='yes'/></os></domain>"));
        r.add(new Refusal("boot-useserial-not-x86", () -> DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type>"
                + "<bios useserial='yes'/></os><devices><serial type='pty'/></devices></domain>"), ARM, true));
        r.add(doc("boot-dtb-missing", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><dtb>/nonexistent.dtb</dtb></os></domain>"));
        r.add(doc("boot-acpi-table", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><acpi><table type='msdm'>/dev/null</table></acpi></os></domain>"));
        r.add(doc("os-firmware", "<domain type='qemu'><name>k</name><memory>65536</memory><os firmware='efi'>"
                + "<type>hvm</type></os></domain>"));
        r.add(doc("nvram-missing", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><loader type='pflash'>/usr/share/seabios/bios.bin</loader>"
                + "<nvram>/nonexistent/VARS.fd</nvram></os></domain>"));
        r.add(doc("loader-missing", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><loader type='pflash'>/nonexistent/CODE.fd</loader></os></domain>"));
        r.add(doc("loader-secure-pc", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type machine='pc'>hvm</type><loader type='pflash' secure='yes'>/usr/share/seabios/bios.bin"
                + "</loader></os></domain>"));
        r.add(doc("smbios-host", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><smbios mode='host'/></os></domain>"));
        r.add(doc("smbios-no-sysinfo", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><smbios mode='sysinfo'/></os></domain>"));
        r.add(doc("smbios-two-boards", "<domain type='qemu'><name>k</name><memory>65536</memory>"
                + "<sysinfo type='smbios'><baseBoard><entry name='product'>a</entry></baseBoard><baseBoard>"
                + "<entry name='product'>b</entry></baseBoard></sysinfo><os><type>hvm</type>"
                + "<smbios mode='sysinfo'/></os></domain>"));
        r.add(x86Def("seclabel-selinux", "<seclabel type='dynamic' model='selinux' relabel='yes'/>"));
        r.add(x86Def("seclabel-dac", "<seclabel type='static' model='dac' relabel='no'><label>+0:+0</label>"
                + "</seclabel>"));
        r.add(x86Def("qemu-env-name", "<qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
                + "<qemu:env name='1A' value='x'/></qemu:commandline>"));
        // controllers
        r.add(x86("controller-scsi-address", "<controller type='scsi' index='0' model='virtio-scsi'>" + pci(1, 3)
                + "</controller>"));
        r.add(x86("controller-virtio-serial-address", "<controller type='virtio-serial' index='0'>" + pci(0, 0)
                + "</controller>"));
        r.add(x86("controller-usb", "<controller type='usb' index='0' model='ich9-ehci1'/>"));
        r.add(x86("controller-scsi-model", "<controller type='scsi' index='0' model='lsilogic'/>"));
        r.add(x86("controller-ide-1", "<controller type='ide' index='1'/>"));
        r.add(arm("controller-ide-on-virt", "<controller type='ide' index='0'/>"));
        // disks
        r.add(x86("disk-network", "<disk type='network' device='disk'><source protocol='nbd' name='x'>"
                + "<host name='h'/></source><target dev='vda'/></disk>"));
        r.add(x86("disk-type-dir", "<disk type='dir' device='disk'><source dir='/d'/><target dev='vda'/></disk>"));
        r.add(x86("disk-floppy", "<disk type='file' device='floppy'><source file='/f'/><target dev='fda'/></disk>"));
        r.add(x86("disk-lun", "<disk type='block' device='lun'><source dev='/dev/l'/><target dev='sda' bus='scsi'/>"
                + "</disk>"));
        r.add(x86("disk-driver-name", "<disk type='file' device='disk'><driver name='tap'/><source file='/f'/>"
                + "<target dev='vda'/></disk>"));
        r.add(x86("disk-format", "<disk type='file' device='disk'><driver name='qemu' type='iso'/>"
                + "<source file='/f'/><target dev='vda'/></disk>"));
        r.add(x86("disk-no-source", "<disk type='file' device='disk'><target dev='vda'/></disk>"));
        r.add(x86("disk-virtio-drive-address", disk + "<target dev='vda' bus='virtio'/>"
                + "<address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>"));
        r.add(x86("disk-virtio-cdrom", "<disk type='file' device='cdrom'><source file='/f'/><target dev='vda'/>"
                + "</disk>"));
        r.add(x86("disk-virtio-target", disk + "<target dev='vd1' bus='virtio'/></disk>"));
        r.add(x86("disk-virtio-pci-bus", disk + "<target dev='vda' bus='virtio'/>" + pci(1, 4) + "</disk>"));
        r.add(x86("disk-virtio-pci-slot", disk + "<target dev='vda' bus='virtio'/>" + pci(0, 0) + "</disk>"));
        r.add(arm("disk-ide-on-virt", disk + "<target dev='hda' bus='ide'/></disk>"));
        r.add(doc("disk-q35-sata-ports", "<domain type='qemu'><name>q</name><memory>65536</memory><os>"
                + "<type machine='q35'>hvm</type></os><devices>" + disk + "<target dev='hdg' bus='ide'/></disk>"
                + "</devices></domain>"));
        r.add(x86("disk-pc-ide-units", disk + "<target dev='hde'/></disk>"));
        r.add(x86("disk-ide-pci-address", disk + "<target dev='hda' bus='ide'/>" + pci(0, 5) + "</disk>"));
        r.add(x86("disk-ide-controller", disk + "<target dev='hda' bus='ide'/>"
                + "<address type='drive' controller='1' bus='0' target='0' unit='0'/></disk>"));
        r.add(x86("disk-ide-target", disk + "<target dev='hda' bus='ide'/>"
                + "<address type='drive' controller='0' bus='0' target='1' unit='0'/></disk>"));
        r.add(x86("disk-ide-target-name", disk + "<target dev='hd' bus='ide'/></disk>"));
        r.add(x86("disk-scsi-controller", disk + "<target dev='sda' bus='scsi'/>"
                + "<address type='drive' controller='2' bus='0' target='0' unit='0'/></disk>"));
        r.add(x86("disk-scsi-target-range", disk + "<target dev='sda' bus='scsi'/>"
                + "<address type='drive' controller='0' bus='0' target='300' unit='0'/></disk>"));
        r.add(x86("disk-scsi-unit-range", disk + "<target dev='sda' bus='scsi'/>"
                + "<address type='drive' controller='0' bus='0' target='0' unit='20000'/></disk>"));
        r.add(x86("disk-scsi-many", disk + "<target dev='sdp' bus='scsi'/></disk>"));
        r.add(x86("disk-bus", disk + "<target dev='xvda' bus='xen'/></disk>"));
        r.add(x86("disk-usb-bus", disk + "<target dev='sda' bus='usb'/></disk>"));
        r.add(x86("serial-isa-port-twice", "<serial type='pty'><target port='0'/></serial>"
                + "<serial type='null'><target port='0'/></serial>"));
        r.add(x86("serial-isa-port-4", "<serial type='pty'><target port='4'/></serial>"));
        r.add(x86("hostdev-zpci-on-x86", "<hostdev mode='subsystem' type='pci'><source><address domain='0x0000'"
                + " bus='0x06' slot='0x12' function='0x5'/></source><address type='pci' domain='0x0000' bus='0x00'"
                + " slot='0x08' function='0x0'><zpci uid='0x0019' fid='0x0000001f'/></address></hostdev>"));
        r.add(x86("disk-usb-cdrom", "<disk type='file' device='cdrom'><source file='/f'/><target dev='sda' bus='usb'/>"
                + "</disk>"));
        r.add(arm("disk-floppy-on-virt", "<disk type='file' device='floppy'><source file='/f'/><target dev='fda'/>"
                + "</disk>"));
        r.add(x86("disk-floppy-drive-c", "<disk type='file' device='floppy'><source file='/f'/><target dev='fda'/>"
                + "<address type='drive' controller='0' bus='0' target='0' unit='2'/></disk>"));
        r.add(x86("disk-io-mode", "<disk type='file' device='disk'><driver name='qemu' io='fast'/><source file='/f'/>"
                + "<target dev='vda'/></disk>"));
        r.add(x86("disk-error-policy", "<disk type='file' device='disk'><driver name='qemu' error_policy='retry'/>"
                + "<source file='/f'/><target dev='vda'/></disk>"));
        r.add(x86("disk-iothread-ide", "<disk type='file' device='disk'><driver name='qemu' iothread='1'/>"
                + "<source file='/f'/><target dev='hda' bus='ide'/></disk>"));
        r.add(x86("disk-wwn", disk + "<target dev='sda' bus='scsi'/><wwn>xyz</wwn></disk>"));
        r.add(x86("disk-geometry", disk + "<target dev='hda' bus='ide'/><geometry cyls='many' heads='16' secs='63'/>"
                + "</disk>"));
        r.add(x86("disk-iotune-unknown", disk + "<target dev='vda'/><iotune><total_bytes_sec>5</total_bytes_sec>"
                + "<warp_speed>9</warp_speed></iotune></disk>"));
        r.add(x86("disk-iotune-number", disk + "<target dev='vda'/><iotune><total_bytes_sec>lots</total_bytes_sec>"
                + "</iotune></disk>"));
        r.add(x86("disk-removable-ide", disk + "<target dev='hda' bus='ide' removable='on'/></disk>"));
        r.add(x86("disk-duplicate-target", disk + "<target dev='vda'/></disk>" + disk + "<target dev='vda'/></disk>"));
        r.add(x86("disk-serial", disk + "<target dev='vda'/><serial>a;b</serial></disk>"));
        // interfaces
        r.add(x86("interface-script", "<interface type='user'><script path='/x'/></interface>"));
        r.add(x86("interface-ip", "<interface type='ethernet'><ip address='192.168.1.2' prefix='24'/></interface>"));
        r.add(x86("interface-drive-address", "<interface type='user'><address type='drive' controller='0' bus='0'"
                + " target='0' unit='1'/></interface>"));
        r.add(x86("interface-user-target", "<interface type='user'><target dev='tap0'/></interface>"));
        r.add(x86("interface-bridge-source", "<interface type='bridge'/>"));
        r.add(x86("interface-bridge-name", "<interface type='bridge'><source bridge='br;0'/></interface>"));
        r.add(x86("interface-bridge-missing", "<interface type='bridge'><source bridge='nosuchbr0'/></interface>"));
        r.add(x86("interface-tap-name", "<interface type='ethernet'><target dev='tap 0'/></interface>"));
        r.add(x86("interface-network", "<interface type='network'><source network='default'/></interface>"));
        r.add(x86("interface-model", "<interface type='user'><model type='vmxnet9'/></interface>"));
        r.add(x86("interface-model-unavailable", "<interface type='user'><model type='pcnet'/></interface>"));
        r.add(x86("interface-duplicate-mac", "<interface type='user'><mac address='52:54:00:00:00:01'/></interface>"
                + "<interface type='user'><mac address='52:54:00:00:00:01'/></interface>"));
        r.add(x86("interface-pci-address", "<interface type='user'>" + pci(2, 3) + "</interface>"));
        // character devices
        r.add(x86("char-address", "<serial type='pty'><address type='usb' bus='0' port='1'/></serial>"));
        r.add(x86("char-sources", "<serial type='file'><source path='/a'/><source path='/b'/></serial>"));
        r.add(x86("char-file-path", "<serial type='file'/>"));
        r.add(x86("char-unix-mode", "<serial type='unix'><source mode='listen' path='/s'/></serial>"));
        r.add(x86("char-tcp-service", "<serial type='tcp'><source mode='bind' host='127.0.0.1'/></serial>"));
        r.add(x86("char-tcp-protocol", "<serial type='tcp'><source mode='bind' host='h' service='1'/>"
                + "<protocol type='tls'/></serial>"));
        r.add(x86("char-udp-connect", "<serial type='udp'><source mode='bind' service='1'/></serial>"));
        r.add(x86("char-type", "<serial type='spicevmc'/>"));
        r.add(x86("char-type-stdio", "<serial type='stdio'/>"));
        r.add(x86("serial-target-type", "<serial type='pty'><target type='usb-serial'/></serial>"));
        r.add(x86("serial-five", "<serial type='pty'/><serial type='pty'/><serial type='pty'/><serial type='pty'/>"
                + "<serial type='pty'/>"));
        r.add(arm("serial-target-type-virt", "<serial type='pty'><target type='isa-serial'/></serial>"));
        r.add(arm("serial-two-on-virt", "<serial type='pty'/><serial type='pty'/>"));
        r.add(new Refusal("serial-ppc", () -> DomainXml.parse("<domain type='qemu'><name>p</name>"
                + "<memory>131072</memory><os><type arch='ppc64'>hvm</type></os><devices><serial type='pty'/>"
                + "</devices></domain>"), PPC, true));
        r.add(x86("console-target-type", "<console type='pty'><target type='sclp'/></console>"));
        r.add(x86("console-virtio-backend", "<console type='spicevmc'><target type='virtio'/></console>"));
        r.add(arm("parallel-not-x86", "<parallel type='pty'/>"));
        r.add(x86("parallel-four", "<parallel type='pty'/><parallel type='pty'/><parallel type='pty'/>"
                + "<parallel type='pty'/>"));
        r.add(x86("parallel-backend", "<parallel type='tcp'><source mode='connect' host='h'/></parallel>"));
        r.add(x86("channel", "<channel type='pty'><target type='xen' name='a'/></channel>"));
        r.add(x86("channel-reconnect-bind", "<channel type='unix'><source mode='bind' path='/s'>"
                + "<reconnect enabled='yes' timeout='5'/></source><target type='virtio' name='a'/></channel>"));
        r.add(x86("char-reconnect-file", "<serial type='file'><source path='/f'><reconnect enabled='yes' timeout='5'/>"
                + "</source></serial>"));
        r.add(x86("char-log-attribute", "<serial type='pty'><log file='/l' mode='x'/></serial>"));
        r.add(x86("char-append-pty", "<serial type='pipe'><source path='/p' append='on'/></serial>"));
        // input, sound, graphics, video, balloon, others
        r.add(x86("input-address", "<input type='tablet' bus='usb'><address type='usb' bus='0' port='1'/></input>"));
        r.add(x86("input-ps2-tablet", "<input type='tablet' bus='ps2'/>"));
        r.add(arm("input-ps2-not-x86", "<input type='mouse' bus='ps2'/>"));
        r.add(x86("input-usb-passthrough", "<input type='passthrough' bus='usb'/>"));
        r.add(x86("input-virtio-passthrough", "<input type='passthrough' bus='virtio'><source evdev='/dev/input/e'/>"
                + "</input>"));
        r.add(x86("input-bus", "<input type='tablet' bus='xen'/>"));
        r.add(x86("sound-address", "<sound model='ich6'>" + pci(0, 4) + "</sound>"));
        r.add(arm("sound-sb16", "<sound model='sb16'/>"));
        r.add(arm("sound-model", "<sound model='pcspk'/>"));
        r.add(x86("sound-pcspk-two", "<sound model='pcspk'/><sound model='pcspk'/>"));
        r.add(x86("graphics-two", "<graphics type='vnc'/><graphics type='vnc'/>"));
        r.add(x86("graphics-sdl", "<graphics type='sdl' display=':0'/>"));
        r.add(x86("graphics-egl-headless", "<graphics type='egl-headless'/>"));
        r.add(x86("graphics-spice-autoport", "<graphics type='spice' autoport='yes'/>"));
        r.add(x86("graphics-spice-tls", "<graphics type='spice' port='5901' tlsPort='5902'/>"));
        r.add(x86("graphics-spice-gl", "<graphics type='spice' port='5901'><gl enable='yes'/></graphics>"));
        r.add(x86("graphics-address", "<graphics type='vnc'>" + pci(0, 9) + "</graphics>"));
        r.add(x86("graphics-listen-type", "<graphics type='vnc'><listen type='network' network='default'/>"
                + "</graphics>"));
        r.add(x86("graphics-listen-two", "<graphics type='vnc'><listen type='address' address='127.0.0.1'/>"
                + "<listen type='address' address='::1'/></graphics>"));
        r.add(x86("graphics-listen-host", "<graphics type='vnc' listen='myhost'/>"));
        r.add(x86("graphics-port", "<graphics type='vnc' port='5800' autoport='no'/>"));
        r.add(x86("graphics-keymap", "<graphics type='vnc' keymap='EN_us'/>"));
        r.add(x86("video-two", "<video><model type='virtio'/></video><video><model type='vga'/></video>"));
        r.add(x86("video-heads", "<video><model type='vga' heads='2'/></video>"));
        r.add(x86("video-accel3d", "<video><model type='virtio'><acceleration accel3d='yes'/></model></video>"));
        r.add(x86("video-qxl-vgamem", "<video><model type='qxl' vgamem='3000'/></video>"));
        r.add(x86("video-model", "<video><model type='gop'/></video>"));
        r.add(x86("video-address", "<video><model type='vga'/>" + pci(3, 2) + "</video>"));
        r.add(x86("balloon-model", "<memballoon model='virtio-transitional'/>"));
        r.add(x86("balloon-address", "<memballoon model='virtio'>" + pci(0, 40) + "</memballoon>"));
        r.add(x86("device-unknown", "<iommu model='intel' foo='bar'/>"));
        r.add(x86("iommu-machine", "<iommu model='intel'/>"));
        r.add(new Refusal("iommu-intremap", () -> DomainXml.parse("<domain type='qemu'><name>q</name>"
                + "<memory>131072</memory><os><type arch='x86_64' machine='q35'>hvm</type></os>"
                + "<devices><iommu model='intel'><driver intremap='on'/></iommu></devices></domain>"), X86, true));
        r.add(new Refusal("iommu-eim", () -> DomainXml.parse("<domain type='qemu'><name>q</name>"
                + "<memory>131072</memory><os><type arch='x86_64' machine='q35'>hvm</type></os>"
                + "<devices><iommu model='intel'><driver eim='on'/></iommu></devices></domain>"), X86, true));
        r.add(x86("input-evdev-missing", "<input type='passthrough' bus='virtio'>"
                + "<source evdev='/nonexistent/event1234'/></input>"));
        r.add(x86("shmem-legacy", "<shmem name='s'/>"));
        r.add(x86("shmem-doorbell", "<shmem name='s'><model type='ivshmem-doorbell'/><server path='/tmp/s'/></shmem>"));
        r.add(x86("shmem-size", "<shmem name='s'><model type='ivshmem-plain'/><size unit='k'>1000</size></shmem>"));
        r.add(x86("shmem-name", "<shmem name='a/b'><model type='ivshmem-plain'/></shmem>"));
        r.add(x86("device-shape-unknown", "<watchdog model='i6300esb' action='reset' foo='bar'/>"));
        // the devices built from the elements the model keeps
        r.add(x86("rng-model", "<rng model='virtio-transitional'><backend model='random'>/dev/random</backend></rng>"));
        r.add(x86("rng-backend", "<rng model='virtio'><backend model='nonesuch'/></rng>"));
        r.add(x86("rng-egd-chardev", "<rng model='virtio'><backend model='egd' type='vc'/></rng>"));
        r.add(x86("rng-rate", "<rng model='virtio'><rate bytes='x'/><backend model='builtin'/></rng>"));
        r.add(x86("rng-address", "<rng model='virtio'><backend model='builtin'/>"
                + "<address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0007'/></rng>"));
        r.add(x86("hub-type", "<hub type='ps2'/>"));
        r.add(x86("watchdog-model", "<watchdog model='diag288'/>"));
        r.add(x86("watchdog-ib700-address", "<watchdog model='ib700'>" + pci(0, 9) + "</watchdog>"));
        r.add(x86("watchdog-dump", "<watchdog model='ib700' action='dump'/>"));
        r.add(x86("watchdog-two", "<watchdog model='ib700'/><watchdog model='i6300esb'/>"));
        r.add(x86("panic-address", "<panic model='isa'>" + pci(0, 9) + "</panic>"));
        r.add(x86("panic-hyperv-address", "<panic model='hyperv'><address type='isa' iobase='0x505'/></panic>"));
        r.add(x86("panic-pseries", "<panic model='pseries'><address type='isa' iobase='0x505'/></panic>"));
        r.add(arm("panic-isa-on-arm", "<panic model='isa'/>"));
        r.add(x86("balloon-autodeflate", "<memballoon model='virtio' autodeflate='maybe'/>"));
        r.add(x86("device-tpm", "<tpm model='tpm-tis'><backend type='external'/></tpm>"));
        r.add(x86("tpm-host-device", "<tpm model='tpm-crb'><backend type='passthrough'>"
                + "<device path='/nonexistent/tpm0'/></backend></tpm>"));
        r.add(x86("smartcard-database", "<controller type='ccid' index='0'/><smartcard mode='host-certificates'>"
                + "<certificate>a</certificate><certificate>b</certificate><certificate>c</certificate>"
                + "<database>/nonexistent/nssdb</database></smartcard>"));
        r.add(x86("smartcard-certificates", "<controller type='ccid' index='0'/><smartcard mode='host-certificates'>"
                + "<certificate>a</certificate><database>/nonexistent/nssdb</database></smartcard>"));
        r.add(x86("smartcard-two", "<controller type='ccid' index='0'/><smartcard mode='passthrough' type='pty'/>"
                + "<smartcard mode='passthrough' type='pty'/>"));
        r.add(x86("smartcard-spicevmc", "<controller type='ccid' index='0'/>"
                + "<smartcard mode='passthrough' type='spicevmc'/>"));
        r.add(x86("redirdev-spicevmc", "<redirdev bus='usb' type='spicevmc'/>"));
        r.add(x86("redirdev-boot", "<redirdev bus='usb' type='tcp'><source mode='connect' host='h' service='1'/>"
                + "<boot order='1'/></redirdev>"));
        // what post-parse settles before the builder sees it, built as read
        r.add(raw("raw-domain-type", "xen", "", ""));
        r.add(raw("raw-clock-adjustment", "qemu", "<clock offset='variable' adjustment='soon'/>", ""));
        r.add(raw("raw-disk-scsi-no-controller", "qemu", "", disk + "<target dev='sda' bus='scsi'/></disk>"));
        r.add(raw("raw-disk-readonly-no-source", "qemu", "", "<disk type='file' device='disk'><target dev='vda'/>"
                + "<readonly/></disk>"));
        r.add(raw("raw-disk-virtio-target", "qemu", "", disk + "<target dev='vd1' bus='virtio'/></disk>"));
        r.add(raw("raw-disk-ide-target", "qemu", "", disk + "<target dev='hd' bus='ide'/></disk>"));
        r.add(raw("raw-disk-scsi-many", "qemu", "", "<controller type='scsi' index='0'/>" + disk
                + "<target dev='sdp' bus='scsi'/></disk>"));
        r.add(raw("raw-disk-duplicate-target", "qemu", "", disk + "<target dev='vda'/></disk>" + disk
                + "<target dev='vda'/></disk>"));
        r.add(raw("raw-interface-bridge-source", "qemu", "", "<interface type='bridge'>"
                + "<mac address='52:54:00:00:00:01'/></interface>"));
        r.add(raw("raw-interface-user-source", "qemu", "", "<interface type='user'><mac address='52:54:00:00:00:01'/>"
                + "<source network='default'/></interface>"));
        r.add(raw("raw-char-sources", "qemu", "", "<serial type='file'><source path='/a'/><source path='/b'/>"
                + "</serial>"));
        r.add(raw("raw-char-protocol", "qemu", "", "<serial type='unix'><source mode='bind' path='/s'/>"
                + "<protocol type='raw'/></serial>"));
        r.add(raw("raw-char-file-path", "qemu", "", "<serial type='file'/>"));
        r.add(raw("raw-char-unix-path", "qemu", "", "<serial type='unix'/>"));
        r.add(raw("raw-char-tcp-service", "qemu", "", "<serial type='tcp'><source mode='bind' host='h'/></serial>"));
        r.add(raw("raw-char-udp-connect", "qemu", "", "<serial type='udp'><source mode='bind' service='1'/></serial>"));
        r.add(raw("raw-console-other-source", "qemu", "", "<serial type='pty'/><console type='file'>"
                + "<source path='/c'/><target type='serial' port='0'/></console>"));
        r.add(raw("raw-console-no-serial", "qemu", "", "<console type='pty'><target type='serial' port='2'/>"
                + "</console>"));
        // several faults: the first of the definition's order is reported
        r.add(x86("first-disk-then-graphics", "<graphics type='spice'/><disk type='file' device='floppy'>"
                + "<source file='/f'/><target dev='fda'/></disk>"));
        r.add(x86("first-disk-then-controller", "<controller type='usb' index='0' model='ich9-ehci1'/>"
                + disk + "<target dev='vda' bus='xen'/></disk>"));
        r.add(x86("first-controller-then-interface", "<interface type='user'><script path='/x'/></interface>"
                + "<controller type='usb' index='0' model='ich9-ehci1'/>"));
        r.add(x86("first-interface-then-serial", "<serial type='vc'/><interface type='network'>"
                + "<source network='default'/></interface>"));
        r.add(x86("first-serial-then-input", "<input type='tablet' bus='xen'/><serial type='stdio'/>"));
        r.add(x86("first-input-then-sound", "<sound model='pcspk'/><sound model='pcspk'/>"
                + "<input type='tablet' bus='xen'/>"));
        r.add(x86("first-sound-then-graphics", "<graphics type='sdl'/><sound model='pcspk'/><sound model='pcspk'/>"));
        r.add(x86("first-graphics-then-video", "<video><model type='gop'/></video><graphics type='sdl'/>"));
        r.add(x86("first-video-then-balloon", "<memballoon model='virtio-transitional'/><video><model type='gop'/></video>"));
        r.add(x86("first-balloon-then-unknown", "<iommu model='intel' foo='bar'/>"
                + "<memballoon model='virtio-transitional'/>"));
        r.add(x86("first-watchdog-then-balloon", "<memballoon model='virtio-transitional'/><watchdog model='diag288'/>"));
        r.add(x86Def("first-clock-then-lifecycle", "<clock offset='absolute'/><on_reboot>rename-restart</on_reboot>"));
        r.add(doc("first-lifecycle-then-boot", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><initrd>/i</initrd></os><on_crash>rename-restart</on_crash></domain>"));
        r.add(x86("first-disk-serial-then-next-disk", disk + "<target dev='vda'/><serial>a;b</serial></disk>"
                + "<disk type='file' device='floppy'><source file='/f'/><target dev='fda'/></disk>"));
        r.add(x86("first-char-backend-then-target", "<serial type='stdio'><target type='usb-serial'/></serial>"));
        return r;
    }

    /**
     * Each refusal in full: its code, its message, and the stage that refused it ({@code parse},
     * {@code post-parse}, or {@code build} for the driver's own checks), compared with
     * {@code refusals.txt}. A definition that is accepted shows as such and fails the comparison.
     */
    @Test
    void everyRefusalInItsWords() {
        StringBuilder out = new StringBuilder();
        for (Refusal r : refusals()) {
            String stage = "parse";
            try {
                DomainDefinition d = r.definition().get();
                stage = "post-parse";
                DomainDefinition complete = r.complete() ? completed(d, r.emulator()) : d;
                stage = "build";
                QemuCommandBuilder.build(complete, r.emulator(), "tcg", SOCK, false, CLOCK);
                out.append(r.name()).append(": ACCEPTED\n");
            } catch (VirtException e) {
                out.append(r.name()).append(": ").append(stage).append(' ').append(e.code()).append(' ')
                        .append(e.domain()).append(": ").append(e.getMessage()).append('\n');
            }
        }
        assertGolden("refusals.txt", out.toString());
    }

    /** Hot-plug refuses what a start refuses, with the same words, before QEMU is asked anything. */
    @Test
    void hotPlugRefusesWhatAStartRefuses() {
        record Case(String name, Runnable plan) {
        }
        List<Case> cases = List.of(
                new Case("disk-floppy", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='floppy'><source file='/f'/><target dev='fda'/></disk>"),
                        QemuCommandBuilderTest.guest("pc-i440fx-7.2", "x86_64"), 1)),
                new Case("disk-format", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='disk'><driver name='qemu' type='iso'/><source file='/f'/>"
                                + "<target dev='vdb'/></disk>"), QemuCommandBuilderTest.guest("pc-i440fx-7.2", "x86_64"), 1)),
                new Case("disk-ide-on-virt", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='disk'><source file='/f'/><target dev='hda' bus='ide'/></disk>"),
                        QemuCommandBuilderTest.guest("virt-7.2", "aarch64"), 1)),
                new Case("disk-scsi-many", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='disk'><source file='/f'/><target dev='sdp' bus='scsi'/></disk>"),
                        QemuCommandBuilderTest.guest("pc-i440fx-7.2", "x86_64"), 1)),
                new Case("disk-virtio-pci-slot", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='disk'><source file='/f'/><target dev='vdb'/>" + pci(0, 32)
                                + "</disk>"), QemuCommandBuilderTest.guest("pc-i440fx-7.2", "x86_64"), 1)),
                new Case("interface-script", () -> QemuCommandBuilder.planInterface("h", device(InterfaceDevice.class,
                        "<interface type='user'><mac address='52:54:00:12:34:56'/><script path='/x'/></interface>"),
                        0, QemuCommandBuilderTest.guest("pc-i440fx-7.2", "x86_64"), Set.of())),
                new Case("interface-bridge-missing", () -> QemuCommandBuilder.planInterface("h",
                        device(InterfaceDevice.class, "<interface type='bridge'><mac address='52:54:00:12:34:56'/>"
                                + "<source bridge='nosuchbr0'/></interface>"), 0, QemuCommandBuilderTest.guest("pc-i440fx-7.2", "x86_64"), Set.of())),
                new Case("interface-model-unavailable", () -> QemuCommandBuilder.planInterface("h",
                        device(InterfaceDevice.class, "<interface type='user'><mac address='52:54:00:12:34:56'/>"
                                + "<model type='pcnet'/></interface>"), 0, QemuCommandBuilderTest.guest("pc-i440fx-7.2", "x86_64"), X86.deviceTypes())));
        StringBuilder out = new StringBuilder();
        for (Case c : cases) {
            try {
                c.plan().run();
                out.append(c.name()).append(": ACCEPTED\n");
            } catch (VirtException e) {
                out.append(c.name()).append(": ").append(e.code()).append(' ').append(e.domain()).append(": ")
                        .append(e.getMessage()).append('\n');
            }
        }
        assertGolden("hotplug-refusals.txt", out.toString());
    }
}
