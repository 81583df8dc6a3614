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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
 * Domain XML to QEMU argv, every element family, and the refusals.
 *
 * <p>Every command line is compared whole with a golden file
 * {@code src/test/resources/command-lines/NAME.args}, one argument per line as libvirt's
 * {@code tests/qemuxml2argvdata/*.args}, built from the domain XML {@code NAME.xml} beside it. The
 * refusals of {@link #everyRefusalInItsWords} are compared likewise with {@code refusals.txt} (which
 * also says at which stage each definition was refused), and the hot-plug plans with
 * {@code hotplug-plans.txt}.
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
            List.of(new EmulatorInfo.Machine("pc-i440fx-7.2", "pc", true, 255, false),
                    new EmulatorInfo.Machine("pc-q35-7.2", "q35", false, 288, false)),
            List.of("qemu64", "max"), Set.of("virtio-net-pci", "e1000", "rtl8139", "usb-net", "virtio-blk-pci"), true);
    static final EmulatorInfo ARM = new EmulatorInfo("/usr/bin/qemu-system-aarch64", 1, 2, "7.2.22", "aarch64",
            List.of(new EmulatorInfo.Machine("virt-7.2", "virt", false, 512, false)), List.of("max"), Set.of(), false);
    static final EmulatorInfo PPC = new EmulatorInfo("/usr/bin/qemu-system-ppc64", 1, 2, "7.2.22", "ppc64",
            List.of(new EmulatorInfo.Machine("pseries-7.2", "pseries", true, 1024, false)), List.of("power9"),
            Set.of(), false);
    static final Path SOCK = Path.of("/run/x/g.qmp");
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
                () -> String.format("52:54:00:00:ff:%02x", macs.incrementAndGet())));
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
        refused(def("<features><apic eoi='on'/></features>"), ErrorCode.CONFIG_UNSUPPORTED, "attributes");
        refused(DomainXml.parse("<domain type='xen'><name>x</name><memory>65536</memory><os><type>hvm</type></os>"
                + "</domain>"), ErrorCode.CONFIG_UNSUPPORTED, "domain type 'xen'");
        refused(DomainXml.parse("<domain type='qemu'><name>x</name><memory>65536</memory><os><type arch='aarch64'>"
                + "hvm</type></os></domain>"), ErrorCode.CONFIG_UNSUPPORTED, "runs x86_64 guests, not aarch64");
        refused(DomainXml.parse("<domain type='qemu'><name>x</name><memory>65536</memory><vcpu>300</vcpu>"
                + "<os><type>hvm</type></os></domain>"), ErrorCode.CONFIG_UNSUPPORTED, "at most 255 vCPUs");
    }

    @Test
    void unmodelledElementsAreRefusedNamingThem() {
        refused(def("<cpu mode='host-passthrough'/>"), ErrorCode.CONFIG_UNSUPPORTED, "cpu");
        refused(defWith("<tpm model='tpm-tis'><backend type='emulator'/></tpm>"), ErrorCode.CONFIG_UNSUPPORTED,
                "devices/tpm");
        refused(defWith("<disk type='file' device='disk' foo='bar'><source file='/a'/><target dev='vda'/></disk>"),
                ErrorCode.CONFIG_UNSUPPORTED, "devices/disk/@foo");
    }

    @Test
    void osBootKernelAndLoader() {
        golden("os-kernel-loader");
        golden("boot-order");
        refused(DomainXml.parse("<domain type='qemu'><name>k</name><memory>65536</memory><os><type>hvm</type>"
                + "<initrd>/i</initrd></os></domain>"), ErrorCode.CONFIG_UNSUPPORTED, "need a <kernel>");
        refused(DomainXml.parse("<domain type='qemu'><name>k</name><memory>65536</memory><os><type>xen</type>"
                + "</os></domain>"), ErrorCode.CONFIG_UNSUPPORTED, "os type 'xen'");
    }

    @Test
    void clockOffsets() {
        golden("clock-localtime");
        QemuCommand tz = golden("clock-timezone");
        assertThat(tz.environment()).isEqualTo(Map.of("TZ", "Europe/Paris"));
        // CLOCK's instant an hour on, in UTC; and two hours back in CLOCK's zone.
        golden("clock-variable-utc");
        golden("clock-variable-localtime");
        refused(def("<clock offset='utc'><timer name='rtc' tickpolicy='catchup'/></clock>"),
                ErrorCode.CONFIG_UNSUPPORTED, "<timer>");
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

    @Test
    void disksFileAndBlockOnEveryBus() {
        QemuCommand c = golden("disks-every-bus");
        assertThat(c.disks()).isEqualTo(Map.of(
                "vda", new QemuCommand.DiskIds("virtio-disk0", "fmt-vda", "file-vda"),
                "hdb", new QemuCommand.DiskIds("ide0-0-1", "fmt-hdb", "file-hdb"),
                "sda", new QemuCommand.DiskIds("scsi0-0-0-0", "fmt-sda", "file-sda"),
                "sdb", new QemuCommand.DiskIds("scsi0-0-0-1", null, null),
                "vdb", new QemuCommand.DiskIds("virtio-disk1", "fmt-vdb", "file-vdb")));
        refused(defWith("<disk type='network' device='disk'><source protocol='nbd' name='x'><host name='h'/></source>"
                + "<target dev='vda'/></disk>"), ErrorCode.CONFIG_UNSUPPORTED, "devices/disk/source/@protocol");
        refused(defWith("<disk type='file' device='floppy'><source file='/f'/><target dev='fda'/></disk>"),
                ErrorCode.CONFIG_UNSUPPORTED, "device 'floppy'");
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
        refused(defWith("<serial type='spicevmc'/>"), ErrorCode.CONFIG_UNSUPPORTED,
                "character device type 'spicevmc'");
        refused(defWith("<channel type='pty'><target type='virtio'/></channel>"), ErrorCode.CONFIG_UNSUPPORTED,
                "<channel>");
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
        assertThat(c.argv()).noneMatch(a -> a.contains("secret"));
        assertThat(golden("vnc-fixed-port").vncAutoport()).isFalse();
        golden("sound-video-balloon");
        refused(defWith("<graphics type='spice'/>"), ErrorCode.CONFIG_UNSUPPORTED, "graphics type 'spice'");
        refused(defWith("<graphics type='vnc' listen='myhost'/>"), ErrorCode.CONFIG_UNSUPPORTED, "listen address");
        refused(defWith("<input type='tablet' bus='xen'/>"), ErrorCode.CONFIG_UNSUPPORTED, "bus 'xen'");
        refused(defWith("<sound model='pcspk'/>"), ErrorCode.CONFIG_UNSUPPORTED, "sound model 'pcspk'");
        refused(defWith("<memballoon model='xen'/>"), ErrorCode.CONFIG_UNSUPPORTED, "memballoon model 'xen'");
    }

    @Test
    void aPcieMachineWithDevicesOnEveryBus() {
        golden("q35-devices");
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

    static String plan(QemuCommandBuilder.DiskPlan p) {
        return p.ids() + "\n  " + (p.blockdevFile() == null ? "-" : Json.write(p.blockdevFile())) + "\n  "
                + (p.blockdevFormat() == null ? "-" : Json.write(p.blockdevFormat())) + "\n  " + p.deviceDriver()
                + p.busProps() + " write-cache=" + p.writeCache().orElse("-") + "\n";
    }

    static String plan(QemuCommandBuilder.NicPlan p) {
        return p.ids() + "\n  " + p.netdev() + "\n  " + p.device() + " usb=" + p.needsUsb() + "\n";
    }

    @Test
    void hotPlugPlansDisksAndInterfacesAsAStartDoes() {
        StringBuilder out = new StringBuilder();
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='file' device='disk'>"
                + "<driver name='qemu' type='qcow2' cache='none'/><source file='/h/a.qcow2'/><target dev='vdb'/>"
                + "</disk>"), "pc-i440fx-7.2", false, 3)));
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='block' device='disk'>"
                + "<source dev='/dev/h'/><target dev='vdc' bus='virtio'/><address type='pci' domain='0' bus='0'"
                + " slot='9' function='1'/></disk>"), "pc-q35-7.2", true, 0)));
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='file' device='disk'>"
                + "<source file='/h/s.raw'/><target dev='sdj' bus='scsi'/></disk>"), "pc-q35-7.2", true, 0)));
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='file' device='cdrom'>"
                + "<target dev='hdd' bus='ide'/><readonly/></disk>"), "pc-i440fx-7.2", false, 0)));
        out.append(plan(QemuCommandBuilder.planDisk("h", device(DiskDevice.class, "<disk type='file' device='disk'>"
                + "<driver name='qemu' cache='writethrough'/><source file='/h/q.raw'/><target dev='hdc' bus='ide'/>"
                + "</disk>"), "pc-q35-7.2", true, 0)));
        out.append(plan(QemuCommandBuilder.planInterface("h", device(InterfaceDevice.class, "<interface type='user'>"
                + "<mac address='52:54:00:12:34:56'/></interface>"), 2, "x86_64", Set.of(), true)));
        out.append(plan(QemuCommandBuilder.planInterface("h", device(InterfaceDevice.class,
                "<interface type='ethernet'><mac address='52:54:00:12:34:57'/><target dev='tap3'/>"
                        + "<model type='usb-net'/></interface>"), 0, "aarch64", X86.deviceTypes(), false)));
        assertGolden("hotplug-plans.txt", out.toString());
    }

    // ---- every refusal -----------------------------------------------------------------------------

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
        r.add(x86Def("feature-attributes", "<features><apic eoi='on'/></features>"));
        r.add(new Refusal("feature-not-x86", () -> DomainXml.parse("<domain type='qemu'><name>a</name>"
                + "<memory>131072</memory><os><type arch='aarch64' machine='virt'>hvm</type></os>"
                + "<features><acpi/><pae/></features></domain>"), ARM, true));
        r.add(doc("machine-unknown", "<domain type='qemu'><name>b</name><memory>65536</memory><os>"
                + "<type machine='nonesuch'>hvm</type></os></domain>"));
        r.add(doc("vcpus-max", "<domain type='qemu'><name>x</name><memory>65536</memory><vcpu>300</vcpu>"
                + "<os><type>hvm</type></os></domain>"));
        // clock, lifecycle, boot
        r.add(x86Def("clock-timer", "<clock offset='utc'><timer name='rtc' tickpolicy='catchup'/></clock>"));
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
        r.add(x86("char-address", "<serial type='pty'><address type='isa' iobase='0x3f8' irq='4'/></serial>"));
        r.add(x86("char-sources", "<serial type='file'><source path='/a'/><source path='/b'/></serial>"));
        r.add(x86("char-file-path", "<serial type='file'/>"));
        r.add(x86("char-unix-mode", "<serial type='unix'><source mode='listen' path='/s'/></serial>"));
        r.add(x86("char-tcp-service", "<serial type='tcp'><source mode='bind' host='127.0.0.1'/></serial>"));
        r.add(x86("char-tcp-protocol", "<serial type='tcp'><source mode='bind' host='h' service='1'/>"
                + "<protocol type='tls'/></serial>"));
        r.add(x86("char-udp-connect", "<serial type='udp'><source mode='bind' service='1'/></serial>"));
        r.add(x86("char-type", "<serial type='spicevmc'/>"));
        r.add(x86("char-type-vc", "<serial type='vc'/>"));
        r.add(x86("serial-target-type", "<serial type='pty'><target type='pci-serial'/></serial>"));
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
        r.add(x86("channel", "<channel type='pty'><target type='virtio'/></channel>"));
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
        r.add(x86("sound-model", "<sound model='pcspk'/>"));
        r.add(x86("graphics-two", "<graphics type='vnc'/><graphics type='vnc'/>"));
        r.add(x86("graphics-spice", "<graphics type='spice'/>"));
        r.add(x86("graphics-address", "<graphics type='vnc'>" + pci(0, 9) + "</graphics>"));
        r.add(x86("graphics-listen-type", "<graphics type='vnc'><listen type='network' network='default'/>"
                + "</graphics>"));
        r.add(x86("graphics-listen-two", "<graphics type='vnc'><listen type='address' address='127.0.0.1'/>"
                + "<listen type='address' address='::1'/></graphics>"));
        r.add(x86("graphics-listen-host", "<graphics type='vnc' listen='myhost'/>"));
        r.add(x86("graphics-port", "<graphics type='vnc' port='5800' autoport='no'/>"));
        r.add(x86("graphics-keymap", "<graphics type='vnc' keymap='EN_us'/>"));
        r.add(x86("video-two", "<video><model type='vga'/></video><video><model type='virtio'/></video>"));
        r.add(x86("video-model", "<video><model type='qxl'/></video>"));
        r.add(x86("video-address", "<video><model type='vga'/>" + pci(3, 2) + "</video>"));
        r.add(x86("balloon-model", "<memballoon model='xen'/>"));
        r.add(x86("balloon-address", "<memballoon model='virtio'>" + pci(0, 40) + "</memballoon>"));
        r.add(x86("device-unknown", "<watchdog model='i6300esb' action='reset'/>"));
        r.add(x86("device-tpm", "<tpm model='tpm-tis'><backend type='emulator'/></tpm>"));
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
        r.add(x86("first-serial-then-input", "<input type='tablet' bus='xen'/><serial type='vc'/>"));
        r.add(x86("first-input-then-sound", "<sound model='pcspk'/><input type='tablet' bus='xen'/>"));
        r.add(x86("first-sound-then-graphics", "<graphics type='spice'/><sound model='pcspk'/>"));
        r.add(x86("first-graphics-then-video", "<video><model type='qxl'/></video><graphics type='spice'/>"));
        r.add(x86("first-video-then-balloon", "<memballoon model='xen'/><video><model type='qxl'/></video>"));
        r.add(x86("first-balloon-then-unknown", "<watchdog model='i6300esb'/><memballoon model='xen'/>"));
        r.add(x86Def("first-clock-then-lifecycle", "<clock offset='absolute'/><on_reboot>rename-restart</on_reboot>"));
        r.add(doc("first-lifecycle-then-boot", "<domain type='qemu'><name>k</name><memory>65536</memory><os>"
                + "<type>hvm</type><initrd>/i</initrd></os><on_crash>rename-restart</on_crash></domain>"));
        r.add(x86("first-disk-serial-then-next-disk", disk + "<target dev='vda'/><serial>a;b</serial></disk>"
                + "<disk type='file' device='floppy'><source file='/f'/><target dev='fda'/></disk>"));
        r.add(x86("first-char-backend-then-target", "<serial type='vc'><target type='pci-serial'/></serial>"));
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
                        "pc-i440fx-7.2", false, 0)),
                new Case("disk-format", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='disk'><driver name='qemu' type='iso'/><source file='/f'/>"
                                + "<target dev='vdb'/></disk>"), "pc-i440fx-7.2", false, 0)),
                new Case("disk-ide-on-virt", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='disk'><source file='/f'/><target dev='hda' bus='ide'/></disk>"),
                        "virt-7.2", true, 0)),
                new Case("disk-scsi-many", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='disk'><source file='/f'/><target dev='sdp' bus='scsi'/></disk>"),
                        "pc-i440fx-7.2", false, 0)),
                new Case("disk-virtio-pci-slot", () -> QemuCommandBuilder.planDisk("h", device(DiskDevice.class,
                        "<disk type='file' device='disk'><source file='/f'/><target dev='vdb'/>" + pci(0, 32)
                                + "</disk>"), "pc-i440fx-7.2", false, 0)),
                new Case("interface-script", () -> QemuCommandBuilder.planInterface("h", device(InterfaceDevice.class,
                        "<interface type='user'><mac address='52:54:00:12:34:56'/><script path='/x'/></interface>"),
                        0, "x86_64", Set.of(), false)),
                new Case("interface-bridge-missing", () -> QemuCommandBuilder.planInterface("h",
                        device(InterfaceDevice.class, "<interface type='bridge'><mac address='52:54:00:12:34:56'/>"
                                + "<source bridge='nosuchbr0'/></interface>"), 0, "x86_64", Set.of(), false)),
                new Case("interface-model-unavailable", () -> QemuCommandBuilder.planInterface("h",
                        device(InterfaceDevice.class, "<interface type='user'><mac address='52:54:00:12:34:56'/>"
                                + "<model type='pcnet'/></interface>"), 0, "x86_64", X86.deviceTypes(), false)));
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
