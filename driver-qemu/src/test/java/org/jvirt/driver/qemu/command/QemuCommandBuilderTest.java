package org.jvirt.driver.qemu.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.domain.QemuRules;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.PostParse;
import org.junit.jupiter.api.Test;

/**
 * Domain XML to QEMU argv, every element family, and the refusals of each.
 *
 * <p>Every command line is compared whole with a golden file
 * {@code src/test/resources/command-lines/NAME.args}, one argument per line as libvirt's
 * {@code tests/qemuxml2argvdata/*.args}, built from the domain XML {@code NAME.xml} beside it; the
 * hot-plug plans likewise with {@code hotplug-plans.txt}. ({@link QemuValidateTest} compares every
 * refusal in full with {@code refusals.txt} and {@code hotplug-refusals.txt}.)
 *
 * <p>After an intended change, rewrite the golden files from what the code produces instead of failing,
 * and review them with {@code git diff}:
 * <pre>
 * ./mvnw -o -q -pl driver-qemu test -Dtest=QemuCommandBuilderTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djvirt.updateGoldenFiles=true
 * </pre>
 * A missing golden file fails the test unless the switch is on.
 *
 * <p>The one input of a command line that is not in the definition, the time a variable guest clock
 * starts from, comes from {@link #CLOCK}; the MAC addresses post-parse gives interfaces without one
 * come from a counter ({@link #completed}).
 */
class QemuCommandBuilderTest {
    static final EmulatorInfo X86 = new EmulatorInfo("/usr/bin/qemu-system-x86_64", 1, 2, "7.2.22", "x86_64",
            List.of(new EmulatorInfo.Machine("pc-i440fx-7.2", "pc", true, 255, false, "qemu64", "pc.ram"),
                    new EmulatorInfo.Machine("pc-q35-7.2", "q35", false, 288, false, "qemu64", "pc.ram")),
            List.of("qemu64", "max"), Set.of("virtio-net-pci", "e1000", "rtl8139", "usb-net", "virtio-blk-pci", "VGA", "ivshmem-plain",
                    "cirrus-vga", "qxl-vga", "qxl", "virtio-vga", "virtio-gpu-pci", "bochs-display", "ramfb"),
            true);
    static final EmulatorInfo ARM = new EmulatorInfo("/usr/bin/qemu-system-aarch64", 1, 2, "7.2.22", "aarch64",
            List.of(new EmulatorInfo.Machine("virt-7.2", "virt", false, 512, false, "cortex-a15", "mach-virt.ram")),
            List.of("cortex-a15", "max"), Set.of(), false);
    static final EmulatorInfo PPC = new EmulatorInfo("/usr/bin/qemu-system-ppc64", 1, 2, "7.2.22", "ppc64",
            List.of(new EmulatorInfo.Machine("pseries-7.2", "pseries", true, 1024, false, null, "ppc_spapr.ram")),
            List.of("power9"), Set.of(), false);
    static final Path SOCK = Path.of("/var/lib/jvirt/qemu/domain-1-g");
    /** Already 2024-03-01 00:30 in Paris, still February 29th in UTC: a variable clock's basis shows. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-02-29T23:30:00Z"), ZoneId.of("Europe/Paris"));

    static final boolean UPDATE = Boolean.getBoolean("jvirt.updateGoldenFiles");
    static final Path GOLDEN = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolve("src/test/resources/command-lines");

    static DomainDefinition def(String devicesAndMore) {
        return DomainXml.parse("<domain type='qemu'><name>g</name><uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>"
                + "<memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + devicesAndMore + "</domain>");
    }

    static DomainDefinition defWith(String devices) {
        return def("<features><acpi/><apic/></features><devices>" + devices + "</devices>");
    }

    static DomainDefinition armWith(String devices) {
        return DomainXml.parse("<domain type='qemu'><name>a</name><uuid>3e1f8f52-8a0e-4c55-9d2c-0c2b6f0d1a77</uuid>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type></os>"
                + "<devices>" + devices + "</devices></domain>");
    }

    /** The domain XML of a golden case, {@code command-lines/NAME.xml}. */
    static DomainDefinition xml(String name) {
        return DomainXml.parse(read(GOLDEN.resolve(name + ".xml")));
    }

    /**
     * {@code d} as QemuRules complete it for {@code emulator}, as define and create do; interfaces
     * without a MAC address get {@code 52:54:00:00:ff:01}, {@code :02}... in document order.
     */
    static DomainDefinition completed(DomainDefinition d, EmulatorInfo emulator) {
        AtomicInteger macs = new AtomicInteger();
        return PostParse.apply(d, new QemuRules(x -> emulator,
                () -> String.format("52:54:00:00:ff:%02x", macs.incrementAndGet()), e -> true));
    }

    static QemuCommand build(DomainDefinition d, EmulatorInfo emulator, String accel, boolean incoming) {
        return QemuCommandBuilder.build(completed(d, emulator), emulator, accel, SOCK, incoming, CLOCK);
    }

    static QemuCommand build(DomainDefinition d) {
        return build(d, X86, "tcg", false);
    }

    /** Builds {@code NAME.xml} for x86 under TCG and compares the command line with {@code NAME.args}. */
    static QemuCommand golden(String name) {
        return golden(name, name, X86, "tcg", false);
    }

    static QemuCommand golden(String args, String xml, EmulatorInfo emulator, String accel, boolean incoming) {
        QemuCommand c = build(xml(xml), emulator, accel, incoming);
        assertArgv(args, c);
        return c;
    }

    /** {@code c}'s argv is {@code NAME.args}, one argument a line. */
    static void assertArgv(String name, QemuCommand c) {
        assertThat(c.argv()).as("one argument a line").noneMatch(a -> a.contains("\n"));
        assertGolden(name + ".args", String.join("\n", c.argv()) + "\n");
    }

    /** {@code actual} is the content of golden file {@code file}, or becomes it under the update switch. */
    static void assertGolden(String file, String actual) {
        Path p = GOLDEN.resolve(file);
        if (UPDATE) {
            try {
                Files.writeString(p, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(p).as("golden file %s (write it with -Djvirt.updateGoldenFiles=true)", p).exists();
        assertThat(actual).as("%s (rewrite it with -Djvirt.updateGoldenFiles=true if the change is meant)", p)
                .isEqualTo(read(p));
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void refused(DomainDefinition d, ErrorCode code, String... words) {
        assertThatThrownBy(() -> build(d)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            for (String w : words) {
                assertThat(e.getMessage()).contains(w);
            }
        });
    }

    @Test
    void theBaseLineHasNoDefaultsAndQmpOnAUnixSocket() {
        QemuCommand c = golden("baseline");
        assertThat(c.environment()).isEmpty();
        assertThat(c.cpuset()).isNull();
        assertThat(c.vncAutoport()).isFalse();
    }

    @Test
    void machineArchVcpusMemoryAndFeatures() {
        golden("features-pae");
        golden("features-i686");
        golden("q35-kvm-vcpus", "q35-kvm-vcpus", X86, "kvm", false);
        refused(DomainXml.parse("<domain type='qemu'><name>b</name><memory>65536</memory><os>"
                + "<type machine='nonesuch'>hvm</type></os></domain>"), ErrorCode.CONFIG_UNSUPPORTED,
                "machine type 'nonesuch'", "pc-i440fx-7.2");
        refused(def("<features><hap/></features>"), ErrorCode.CONFIG_UNSUPPORTED, "feature <hap/>");
        refused(def("<features><apic eoi='on' foo='1'/></features>"), ErrorCode.CONFIG_UNSUPPORTED, "attribute 'foo'");
        // the flags of features and paravirtual timers, after the model; vmport on the machine
        golden("features-flags");
        // SMM and its TSEG on q35, whose power management is ICH9's
        golden("q35-smm-pm");
        refused(DomainXml.parse("<domain type='xen'><name>x</name><memory>65536</memory><os><type>hvm</type></os>"
                + "</domain>"), ErrorCode.CONFIG_UNSUPPORTED, "domain type 'xen'");
        refused(DomainXml.parse("<domain type='qemu'><name>x</name><memory>65536</memory><os><type arch='aarch64'>"
                + "hvm</type></os></domain>"), ErrorCode.CONFIG_UNSUPPORTED, "does not support arch 'aarch64'");
        refused(DomainXml.parse("<domain type='qemu'><name>x</name><memory>65536</memory><vcpu>300</vcpu>"
                + "<os><type>hvm</type></os></domain>"), ErrorCode.CONFIG_UNSUPPORTED, "at most 255 vCPUs");
    }

    @Test
    void cpuModelFeaturesTopologyAndVcpus() {
        golden("cpu-custom");
        golden("cpu-max");
    }

    @Test
    void memoryNumaNodesModulesAndIoThreads() {
        golden("numa-memory-modules");
        golden("memory-backing-file");
    }

    @Test
    void cpuMemoryAndTuningRefusalsInLibvirtsWords() {
        refused(def("<cpu mode='host-passthrough'/>"), ErrorCode.CONFIG_UNSUPPORTED,
                "CPU mode 'host-passthrough' for x86_64 qemu domain on x86_64 host is not supported by hypervisor");
        refused(def("<cpu><model>Nehalem</model></cpu>"), ErrorCode.CONFIG_UNSUPPORTED,
                "CPU model Nehalem is not supported by hypervisor");
        refused(def("<cputune><vcpupin vcpu='0' cpuset='0'/><shares>2048</shares></cputune>"),
                ErrorCode.CONFIG_UNSUPPORTED, "CPU tuning is not available in session mode");
        refused(def("<cputune><vcpusched vcpus='0' scheduler='fifo' priority='1'/></cputune>"),
                ErrorCode.CONFIG_UNSUPPORTED, "<cputune><vcpusched", "is not supported");
        refused(def("<cputune><vcpupin vcpu='0' cpuset='1000'/></cputune>"), ErrorCode.CONFIG_UNSUPPORTED,
                "<cputune><vcpupin vcpu='0' cpuset='1000'>: host CPU 1000 does not exist");
        refused(def("<iothreads>1</iothreads><cputune><iothreadpin iothread='2' cpuset='0'/></cputune>"),
                ErrorCode.CONFIG_UNSUPPORTED, "Cannot find 'iothread' : 2");
        refused(def("<numatune><memory mode='strict' placement='auto'/></numatune>"), ErrorCode.INTERNAL_ERROR,
                "Advice from numad is needed in case of automatic numa placement");
        refused(def("<numatune><memory mode='strict' nodeset='0-1000'/></numatune>"), ErrorCode.CONFIG_UNSUPPORTED,
                "is unavailable");
        refused(def("<maxMemory slots='2' unit='GiB'>1</maxMemory>"), ErrorCode.CONFIG_UNSUPPORTED,
                "At least one numa node has to be configured when enabling memory hotplug");
        refused(def("<memoryBacking><hugepages><page size='2' unit='MiB'/></hugepages></memoryBacking>"),
                ErrorCode.INTERNAL_ERROR, "hugetlbfs filesystem is not mounted");
        refused(def("<maxMemory slots='2' unit='GiB'>1</maxMemory><cpu><numa><cell id='0' cpus='0' memory='65536'/>"
                + "</numa></cpu><devices><memory model='dimm'><target><size unit='MiB'>128</size><node>0</node></target>"
                + "</memory></devices>"), ErrorCode.CONFIG_UNSUPPORTED, "<memory model='dimm'>", "ACPI");
    }

    @Test
    void unmodelledElementsAreRefusedNamingThem() {
        refused(def("<cpu><model>qemu64</model><maxphysaddr mode='passthrough'/></cpu>"), ErrorCode.CONFIG_UNSUPPORTED,
                "does not support cpu");
        refused(defWith("<tpm model='tpm-tis'><backend type='external'/></tpm>"), ErrorCode.CONFIG_UNSUPPORTED,
                "devices/tpm");
        refused(defWith("<disk type='file' device='disk' foo='bar'><source file='/a'/><target dev='vda'/></disk>"),
                ErrorCode.CONFIG_UNSUPPORTED, "devices/disk/@foo");
    }

    @Test
    void osBootKernelAndLoader() {
        golden("os-kernel-loader");
        // flash firmware and its NVRAM as blockdevs the machine names; secure boot (any readable files do)
        golden("q35-pflash-secure");
        // the SLIC table libvirt passes (any readable file is one to the command line)
        golden("acpi-table");
        golden("boot-order");
        refused(DomainXml.parse("<domain type='qemu'><name>k</name><memory>65536</memory><os><type>hvm</type>"
                + "<initrd>/i</initrd></os></domain>"), ErrorCode.CONFIG_UNSUPPORTED, "need a <kernel>");
        refused(DomainXml.parse("<domain type='qemu'><name>k</name><memory>65536</memory><os><type>xen</type>"
                + "</os></domain>"), ErrorCode.CONFIG_UNSUPPORTED, "os type 'xen'");
    }

    @Test
    void bootMenuSmbiosAndTheQemuNamespace() {
        QemuCommand c = golden("boot-smbios-namespace");
        // the namespace's environment, an absent value empty; metadata, seclabel none and the lease build nothing
        assertThat(c.environment()).isEqualTo(Map.of("JVIRT_TEST", "yes", "EMPTY", ""));
    }

    @Test
    void clockOffsets() {
        golden("clock-localtime");
        QemuCommand tz = golden("clock-timezone");
        assertThat(tz.environment()).isEqualTo(Map.of("TZ", "Europe/Paris"));
        // CLOCK's instant an hour on, in UTC; and two hours back in CLOCK's zone.
        golden("clock-variable-utc");
        golden("clock-variable-localtime");
        // RTC catch-up and track, the PIT's policy, no HPET; PIIX4's sleep states
        golden("clock-timers");
        refused(def("<clock offset='utc'><timer name='platform'/></clock>"),
                ErrorCode.CONFIG_UNSUPPORTED, "unsupported timer type (name) 'platform'");
        refused(def("<clock offset='absolute' start='0'/>"), ErrorCode.CONFIG_UNSUPPORTED, "clock offset 'absolute'");
    }

    @Test
    void aVariableClockStartsFromTheBuildersClock() {
        DomainDefinition d = completed(xml("clock-variable-utc"), X86);
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofDays(1));
        List<String> now = QemuCommandBuilder.build(d, X86, "tcg", SOCK, false, CLOCK).argv();
        List<String> tomorrow = QemuCommandBuilder.build(d, X86, "tcg", SOCK, false, later).argv();
        int rtc = now.indexOf("-rtc") + 1;
        assertThat(now.get(rtc)).isEqualTo("base=2024-03-01T00:30:00");
        assertThat(tomorrow.get(rtc)).isEqualTo("base=2024-03-02T00:30:00");
    }

    @Test
    void lifecycleActions() {
        golden("lifecycle");
        refused(def("<on_reboot>rename-restart</on_reboot>"), ErrorCode.CONFIG_UNSUPPORTED,
                "on_reboot action 'rename-restart'");
    }

    /**
     * Floppies (boot order on the PC's floppy controller), USB disks, further SCSI controllers and their
     * options, and the disk options libvirt gives QEMU: I/O mode, error policies, geometry, WWN, vendor,
     * product, serial with a space; the I/O limits go over QMP once QEMU runs.
     */
    @Test
    void diskOptionsFloppiesAndUsbDisks() {
        QemuCommand c = golden("disk-options");
        DiskDevice hda = completed(xml("disk-options"), X86).devices(DiskDevice.class).stream()
                .filter(d -> d.targetDev().equals("hda")).findFirst().orElseThrow();
        assertThat(QemuCommandBuilder.diskThrottle(hda, c.disks().get("hda").device()).map(Json::write))
                .contains("{\"id\":\"ide0-0-0\",\"bps\":5000,\"bps_rd\":0,\"bps_wr\":0,\"iops\":0,\"iops_rd\":0,"
                        + "\"iops_wr\":0,\"group\":\"g1\"}");
    }

    /**
     * Socket interfaces (client, server, multicast, UDP), a virtio NIC's tuning and offloads, PCI ROM
     * settings, and the PCI root's 64-bit hole, as libvirt 9 writes them.
     */
    @Test
    void interfaceOptionsSocketsAndPciHole() {
        golden("interface-options");
        refused(defWith("<interface type='client'><mac address='52:54:00:00:00:02'/><source address='127.0.0.1'/>"
                + "</interface>"), ErrorCode.XML_ERROR, "needs <source address= port=>");
        refused(defWith("<interface type='user'><mac address='52:54:00:00:00:02'/><model type='e1000'/>"
                + "<driver queues='2'/></interface>"), ErrorCode.CONFIG_UNSUPPORTED, "for virtio NICs only");
    }

    @Test
    void disksFileAndBlockOnEveryBus() {
        QemuCommand c = golden("disks-every-bus");
        assertThat(c.disks()).isEqualTo(Map.of(
                "vda", new QemuCommand.DiskIds("virtio-disk0", "libvirt-5-format", "libvirt-5-storage"),
                "hdb", new QemuCommand.DiskIds("ide0-0-1", "libvirt-4-format", "libvirt-4-storage"),
                "sda", new QemuCommand.DiskIds("scsi0-0-0", "libvirt-3-format", "libvirt-3-storage"),
                "sdb", new QemuCommand.DiskIds("scsi0-0-1", null, null),
                "vdb", new QemuCommand.DiskIds("virtio-disk1", "libvirt-1-format", "libvirt-1-storage")));
        refused(defWith("<disk type='network' device='disk'><source protocol='nbd' name='x'><host name='h'/></source>"
                + "<target dev='vda'/></disk>"), ErrorCode.CONFIG_UNSUPPORTED, "devices/disk/source/@protocol");
        refused(defWith("<disk type='block' device='lun'><source dev='/dev/sdz'/><target dev='sda' bus='scsi'/></disk>"),
                ErrorCode.CONFIG_UNSUPPORTED, "device 'lun'");
        refused(defWith("<disk type='file' device='disk'><driver name='qemu' type='iso'/><source file='/f'/>"
                + "<target dev='vda'/></disk>"), ErrorCode.CONFIG_UNSUPPORTED, "image format 'iso'");
        refused(defWith("<disk type='file' device='disk'><source file='/f'/><target dev='xvda' bus='xen'/></disk>"),
                ErrorCode.CONFIG_UNSUPPORTED, "disk bus 'xen'");
        refused(defWith("<disk type='file' device='cdrom'><source file='/f'/><target dev='vda'/></disk>"),
                ErrorCode.CONFIG_UNSUPPORTED, "CD-ROM cannot be on the virtio bus");
        refused(defWith("<disk type='file' device='disk'><target dev='vda'/></disk>"), ErrorCode.NO_SOURCE,
                "missing source information for device vda");
        refused(defWith("<disk type='file' device='disk'><source file='/f'/><target dev='hde'/></disk>"),
                ErrorCode.CONFIG_UNSUPPORTED, "four IDE devices");
        // A cache mode libvirt does not know is refused as the document is read, in libvirt's words.
        assertThatThrownBy(() -> defWith("<disk type='file' device='disk'><driver name='qemu' cache='bogus'/>"
                + "<source file='/f'/><target dev='vda'/></disk>")).isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("XML error: Invalid value for attribute 'cache' in element 'driver': 'bogus'."));
        refused(defWith("<disk type='file' device='disk'><source file='/f'/><target dev='vda'/></disk>"
                + "<disk type='file' device='disk'><source file='/g'/><target dev='vda'/></disk>"),
                ErrorCode.XML_ERROR, "target 'vda' duplicated");
    }

    @Test
    void networkInterfaces() {
        QemuCommand c = golden("interfaces");
        assertThat(c.interfaces()).isEqualTo(Map.of(
                "52:54:00:11:22:33", new QemuCommand.NicIds("net0", "hostnet0"),
                "52:54:00:11:22:34", new QemuCommand.NicIds("net1", "hostnet1"),
                "52:54:00:11:22:35", new QemuCommand.NicIds("net2", "hostnet2")));
        // Post-parse gives an interface without a MAC one; the command line is built with it.
        golden("interface-generated-mac");
        assertThat(PostParse.apply(defWith("<interface type='user'/>"), new QemuRules(x -> X86))
                .devices(InterfaceDevice.class).get(0).mac()).matches("52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}");
        refused(defWith("<interface type='network'><source network='default'/></interface>"),
                ErrorCode.CONFIG_UNSUPPORTED, "interface type 'network'");
        refused(defWith("<interface type='bridge'><source bridge='nosuchbr0'/></interface>"),
                ErrorCode.CONFIG_UNSUPPORTED, "no bridge 'nosuchbr0'");
        refused(defWith("<interface type='user'><model type='vmxnet9'/></interface>"), ErrorCode.CONFIG_UNSUPPORTED,
                "NIC model 'vmxnet9'");
        refused(defWith("<interface type='user'><model type='pcnet'/></interface>"), ErrorCode.CONFIG_UNSUPPORTED,
                "not available in this QEMU");
        refused(defWith("<interface type='user'><script path='/x'/></interface>"), ErrorCode.CONFIG_UNSUPPORTED,
                "<script>");
    }

    @Test
    void serialConsoleAndCharacterBackends() {
        QemuCommand c = golden("char-devices");
        assertThat(c.charDevices()).isEqualTo(Map.of("serial0", "charserial0", "console0", "charserial0",
                "serial1", "charserial1", "serial2", "charserial2", "serial3", "charserial3",
                "parallel0", "charparallel0", "console1", "charconsole1"));
        golden("char-backends");
        // channels (a guest agent's socket named as libvirt names it), serial port models, logs, reconnects
        c = golden("channels");
        assertThat(c.charDevices()).containsEntry("channel0", "charchannel0").containsEntry("channel4", "charchannel4")
                .containsEntry("console1", "charconsole1").containsEntry("serial2", "charserial2");
        // libvirt refuses a SPICE channel without SPICE graphics at define already.
        refused(defWith("<serial type='spicevmc'/>"), ErrorCode.CONFIG_UNSUPPORTED,
                "chardev 'spicevmc' not supported without spice graphics");
        refused(defWith("<serial type='stdio'/>"), ErrorCode.CONFIG_UNSUPPORTED, "character device type 'stdio'");
        refused(defWith("<channel type='pty'><target type='xen' name='a'/></channel>"), ErrorCode.CONFIG_UNSUPPORTED,
                "channel target type 'xen'");
        // As libvirt reads it, a serial console alone is the first serial port seen from the other side.
        assertThat(golden("console-alone").charDevices())
                .isEqualTo(Map.of("serial0", "charserial0", "console0", "charserial0"));
        // libvirt's own check of the completed definition (virDomainChrSourceDefValidate), in its words and code.
        assertThatThrownBy(() -> build(defWith("<serial type='file'/>"))).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).isEqualTo("internal error: Missing source path attribute for char device");
                });
    }

    @Test
    void vncInputSoundAndBalloon() {
        QemuCommand c = golden("vnc-input-sound");
        assertThat(c.vncAutoport()).isTrue();
        assertThat(c.argv()).as("the VNC password 'secret' is not on the command line")
                .noneMatch(a -> a.contains("secret") && !a.contains("\"id\":\"masterKey0\""));
        assertThat(golden("vnc-fixed-port").vncAutoport()).isFalse();
        golden("sound-video-balloon");
        // several adapters: the primary VGA-compatible, the others plain, with libvirt's sizes and heads
        golden("video-qxl-heads");
        // VNC on a unix socket beside SPICE on an address, with its options; VNC listening nowhere
        golden("graphics-spice-vnc");
        golden("graphics-vnc-none");
        refused(defWith("<graphics type='sdl'/>"), ErrorCode.CONFIG_UNSUPPORTED, "graphics type 'sdl'");
        refused(defWith("<graphics type='vnc' listen='myhost'/>"), ErrorCode.CONFIG_UNSUPPORTED, "listen address");
        refused(defWith("<input type='tablet' bus='xen'/>"), ErrorCode.CONFIG_UNSUPPORTED, "bus 'xen'");
        refused(defWith("<sound model='pcspk'/><sound model='pcspk'/>"), ErrorCode.CONFIG_UNSUPPORTED, "one speaker");
        // No PCI device and no address: libvirt's address assignment finds it no slot.
        refused(defWith("<memballoon model='xen'/>"), ErrorCode.INTERNAL_ERROR, "connect flags 00");
    }

    @Test
    void rngsHubsWatchdogsBalloonPanicSmartcardsRedirectionIommuAndSharedMemory() {
        QemuCommand c = golden("other-devices");
        // the balloon's statistics period is no option: the driver sets it over QMP once QEMU runs
        assertThat(QemuCommandBuilder.balloonStatsPeriod(xml("other-devices"))).hasValue(5);
        assertThat(QemuCommandBuilder.balloonStatsPeriod(xml("baseline"))).isEmpty();
        assertThat(c.argv()).containsSubsequence("-sandbox", "-device", "{\"driver\":\"pvpanic\",\"ioport\":1285}", "-msg");
        golden("aarch64-rng-mmio", "aarch64-rng-mmio", ARM, "tcg", false);
        golden("smartcard-redirdev");
        golden("q35-iommu-shmem");
        // any file stands for the host's event device here: the command line only names it
        golden("input-passthrough");
    }

    @Test
    void aPcieMachineWithDevicesOnEveryBus() {
        golden("q35-devices");
        golden("q35-controllers");
        golden("usb-companions");
    }

    @Test
    void aThirtyTwoBitPcWithTheRemainingModels() {
        golden("i686-odds-and-ends");
        golden("video-none");
    }

    /**
     * A definition built as read, without post-parse: graphics without a video adapter get the one
     * post-parse would have added, and nothing else is added (no balloon, no boot order).
     */
    @Test
    void aDefinitionWithoutPostParse() {
        QemuCommand c = QemuCommandBuilder.build(xml("graphics-without-video"), X86, "tcg", SOCK, false, CLOCK);
        assertArgv("graphics-without-video", c);
    }

    @Test
    void anotherArchitecture() {
        golden("aarch64-virt", "aarch64-virt", ARM, "tcg", false);
        golden("aarch64-devices", "aarch64-devices", ARM, "tcg", false);
        // a device tree after the kernel; GICv3 on the machine; the PMU a flag of the default CPU
        golden("aarch64-dtb-gic3", "aarch64-dtb-gic3", ARM, "tcg", false);
        golden("aarch64-devices-kvm", "aarch64-devices", ARM, "kvm", false);
        assertThatThrownBy(() -> completed(DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64'>hvm</type></os></domain>"), ARM))
                .isInstanceOf(VirtException.class).hasMessageContaining("no default machine type")
                .hasMessageContaining("virt-7.2");
    }

    @Test
    void incomingMigrationAndShellForm() {
        golden("baseline-incoming", "baseline", X86, "tcg", true);
        QemuCommand c = new QemuCommand(List.of("/usr/bin/qemu-system-x86_64", "-name", "guest=a b", "-m",
                "size=65536k", "-append", "it's"), Map.of("TZ", "Europe/Paris"), "0-1,^1", Map.of(), Map.of(),
                Map.of(), false);
        assertThat(c.toShellString()).isEqualTo("TZ=Europe/Paris taskset -c '0-1,^1' /usr/bin/qemu-system-x86_64 \\\n"
                + "-name 'guest=a b' \\\n-m size=65536k \\\n-append 'it'\\''s'\n");
        assertThat(QemuCommand.quote("a b'c")).isEqualTo("'a b'\\''c'");
    }

    @Test
    void targetNamesIndexLikeLibvirt() {
        assertThat(DiskCommand.targetIndex("hda")).isZero();
        assertThat(DiskCommand.targetIndex("vdz")).isEqualTo(25);
        assertThat(DiskCommand.targetIndex("sdaa")).isEqualTo(26);
        assertThat(DiskCommand.targetIndex("xyz1")).isEqualTo(-1);
        assertThat(QemuValidate.targetIndex("g", "sdb")).isEqualTo(1);
        assertThatThrownBy(() -> QemuValidate.targetIndex("g", "xyz1")).isInstanceOfSatisfying(
                VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).contains("disk target 'xyz1' is not a disk name");
                });
    }

    // ---- hot-plug ----------------------------------------------------------------------------------

    /** The device a domain document holds, as hot-plug gets it: parsed, not completed. */
    static <T extends org.jvirt.model.Device> T device(Class<T> type, String deviceXml) {
        return DomainXml.parse("<domain type='qemu'><name>h</name><memory>65536</memory><os><type>hvm</type></os>"
                + "<devices>" + deviceXml + "</devices></domain>").devices(type).get(0);
    }

    /** A guest of {@code machine} and {@code arch} that devices are hot-plugged into. */
    static org.jvirt.model.DomainDefinition guest(String machine, String arch) {
        return DomainXml.parse("<domain type='qemu'><name>h</name><memory>65536</memory><os><type arch='" + arch
                + "' machine='" + machine + "'>hvm</type></os></domain>");
    }

    static String plan(QemuCommandBuilder.DiskPlan p) {
        return p.ids() + "\n  " + (p.blockdevFile() == null ? "-" : Json.write(p.blockdevFile())) + "\n  "
                + (p.blockdevFormat() == null ? "-" : Json.write(p.blockdevFormat())) + "\n  " + Json.write(p.device())
                + "\n";
    }

    static String plan(QemuCommandBuilder.NicPlan p) {
        return p.ids() + "\n  " + Json.write(p.netdev()) + "\n  " + Json.write(p.device()) + " usb=" + p.needsUsb()
                + "\n";
    }

    @Test
    void hotPlugPlansDisksAndInterfacesAsAStartDoes() {
        StringBuilder out = new StringBuilder();
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='file' device='disk'>"
                + "<driver name='qemu' type='qcow2' cache='none'/><source file='/h/a.qcow2'/><target dev='vdb'/>"
                + "</disk>"), guest("pc-i440fx-7.2", "x86_64"), 4)));
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='block' device='disk'>"
                + "<source dev='/dev/h'/><target dev='vdc' bus='virtio'/><address type='pci' domain='0' bus='0'"
                + " slot='9' function='1'/></disk>"), guest("pc-q35-7.2", "x86_64"), 1)));
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='file' device='disk'>"
                + "<source file='/h/s.raw'/><target dev='sdj' bus='scsi'/></disk>"), guest("pc-q35-7.2", "x86_64"), 1)));
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='file' device='cdrom'>"
                + "<target dev='hdd' bus='ide'/><readonly/></disk>"), guest("pc-i440fx-7.2", "x86_64"), 1)));
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='file' device='disk'>"
                + "<driver name='qemu' cache='writethrough'/><source file='/h/q.raw'/><target dev='hdc' bus='ide'/>"
                + "</disk>"), guest("pc-q35-7.2", "x86_64"), 1)));
        out.append(plan(QemuCommandBuilder.planInterface("h", device(InterfaceDevice.class, "<interface type='user'>"
                + "<mac address='52:54:00:12:34:56'/></interface>"), 2, guest("pc-i440fx-7.2", "x86_64"), Set.of())));
        out.append(plan(QemuCommandBuilder.planInterface("h", device(InterfaceDevice.class,
                "<interface type='ethernet'><mac address='52:54:00:12:34:57'/><target dev='tap3'/>"
                        + "<model type='usb-net'/></interface>"), 0, guest("virt-7.2", "aarch64"), X86.deviceTypes())));
        assertGolden("hotplug-plans.txt", out.toString());
    }
}
