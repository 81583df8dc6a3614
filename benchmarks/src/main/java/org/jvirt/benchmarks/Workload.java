package org.jvirt.benchmarks;

import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;

/**
 * What the benchmarks, the heap probe and {@code libvirt_testdriver_bench.py} all do the same way:
 * the URI, the domain every per-call operation touches, and the small domain XML that is defined.
 * Keep {@link #smallDomain} identical to {@code SMALL_DOMAIN} in the Python helper, so that both
 * sides parse the same document.
 */
public final class Workload {
    /** libvirt's built-in test node; its state is shared by every connection of one JVM. */
    public static final String URI = "test:///default";
    /** The running domain {@code test:///default} starts with. */
    public static final String TEST_DOMAIN = "test";
    /** Name and UUID of the domain that the redefine benchmark defines over and over. */
    public static final String REDEFINED_NAME = "bench-redefined";
    public static final UUID REDEFINED_UUID = UUID.fromString("0f3c6c6e-3a4b-4f0e-9b1a-6d2b5c7e8f90");

    private static final String HEAD = "<domain type='test'>\n  <name>";
    private static final String TAIL = "</name>\n"
            + "  <memory unit='KiB'>65536</memory>\n"
            + "  <vcpu>1</vcpu>\n"
            + "  <os>\n"
            + "    <type arch='i686'>hvm</type>\n"
            + "  </os>\n"
            + "</domain>\n";
    private static final String TAIL_WITH_UUID_HEAD = "</name>\n  <uuid>";
    private static final String TAIL_WITH_UUID = "</uuid>\n"
            + "  <memory unit='KiB'>65536</memory>\n"
            + "  <vcpu>1</vcpu>\n"
            + "  <os>\n"
            + "    <type arch='i686'>hvm</type>\n"
            + "  </os>\n"
            + "</domain>\n";

    /** Name and UUID of the device-rich domain that the devices benchmark redefines over and over. */
    public static final String DEVICES_NAME = "bench-devices";
    public static final UUID DEVICES_UUID = UUID.fromString("5d1c3e2a-8b7f-4c6d-9e0a-1b2c3d4e5f60");

    /**
     * A domain whose devices every post-parse rule touches (drive addresses, implicit controllers,
     * the console of the first serial port, graphics listens, the implicit video adapter, input
     * buses, generated interface names); the same text as libvirt_testdriver_bench.py's.
     */
    public static final String DEVICES_DOMAIN = "<domain type='test'>\n"
            + "  <name>" + DEVICES_NAME + "</name>\n"
            + "  <uuid>" + DEVICES_UUID + "</uuid>\n"
            + "  <memory unit='KiB'>65536</memory>\n"
            + "  <vcpu>1</vcpu>\n"
            + "  <os>\n"
            + "    <type arch='i686'>hvm</type>\n"
            + "  </os>\n"
            + "  <devices>\n"
            + "    <disk type='file' device='disk'><source file='/guest/a.img'/><target dev='hda'/></disk>\n"
            + "    <disk type='file' device='disk'><source file='/guest/b.img'/><target dev='sdb'/></disk>\n"
            + "    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>\n"
            + "    <interface type='network'><source network='default'/></interface>\n"
            + "    <serial type='pty'/>\n"
            + "    <input type='mouse'/>\n"
            + "    <graphics type='vnc' port='-1' listen='127.0.0.1'/>\n"
            + "  </devices>\n"
            + "</domain>\n";

    /**
     * The Q35 guest virt-install writes (disk, NIC, USB, video, guest-agent channel, RNG) that issue 12
     * defines on the QEMU driver, NAME and DISK to be replaced; the same document as driver-qemu's
     * {@code QemuBenchmark.VIRT_INSTALL} and {@code libvirt_qemu_bench.py}'s.
     */
    public static final String VIRT_INSTALL = "<domain type='qemu'><name>NAME</name><memory unit='KiB'>131072</memory>"
            + "<currentMemory unit='KiB'>131072</currentMemory>"
            + "<vcpu placement='static'>1</vcpu><os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>"
            + "<features><acpi/><apic/></features>"
            + "<clock offset='utc'><timer name='rtc' tickpolicy='catchup'/><timer name='pit' tickpolicy='delay'/>"
            + "<timer name='hpet' present='no'/></clock>"
            + "<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>"
            + "<pm><suspend-to-mem enabled='no'/><suspend-to-disk enabled='no'/></pm>"
            + "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
            + "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='DISK'/>"
            + "<target dev='vda' bus='virtio'/></disk>"
            + "<controller type='usb' model='qemu-xhci' ports='15'/>"
            + "<interface type='user'><model type='virtio'/></interface>"
            + "<console type='pty'/>"
            + "<channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
            + "<input type='tablet' bus='usb'/>"
            + "<graphics type='vnc' port='-1'/>"
            + "<video><model type='virtio'/></video>"
            + "<memballoon model='virtio'/>"
            + "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"
            + "</devices></domain>";

    private Workload() {
    }

    /** A small inactive domain called {@code name}; the driver picks its UUID. */
    public static String smallDomain(String name) {
        return HEAD + name + TAIL;
    }

    /** A small inactive domain called {@code name} with a fixed UUID (defining it again redefines it). */
    public static String smallDomain(String name, UUID uuid) {
        return HEAD + name + TAIL_WITH_UUID_HEAD + uuid + TAIL_WITH_UUID;
    }

    /** Opens {@link #URI} read-write. */
    public static Connection open() {
        return Jvirt.open(URI);
    }

    /** Defines {@code count} small domains {@code prefix0 .. prefix(count-1)}. */
    public static void defineMany(Connection connection, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            connection.defineDomain(smallDomain(prefix + i));
        }
    }
}
