package org.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.qmp.QmpClient;
import org.jvirt.driver.qemu.qmp.QmpEvent;
import org.jvirt.driver.qemu.qmp.QmpException;
import org.jvirt.driver.qemu.qmp.QmpListener;

/**
 * jvirt's QEMU driver timed as {@code libvirt_qemu_bench.py} times libvirt's: the same guest, the
 * same operations, median of the rounds; plus QEMU's own start-to-QMP-ready (process start until
 * {@code qmp_capabilities} is answered) with the command line the issue names. Prints one JSON
 * object. Run by {@code compare-libvirt.sh}.
 *
 * <p>Usage: {@code QemuBenchmark ROOT ROUNDS SAVEDIR}
 */
public final class QemuBenchmark {
    static final String XML = "<domain type='qemu'><name>bench</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
            + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/><apic/></features>"
            + "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator><serial type='pty'/>"
            + "<console type='pty'><target type='serial' port='0'/></console><memballoon model='virtio'/></devices>"
            + "</domain>";

    /**
     * A guest as virt-install writes one for Q35 (disk, NIC, USB, video, guest-agent channel, RNG),
     * NAME and DISK to be replaced; the same document as {@code libvirt_qemu_bench.py}'s VIRT_INSTALL.
     */
    static final String VIRT_INSTALL = "<domain type='qemu'><name>NAME</name><memory unit='KiB'>131072</memory><currentMemory unit='KiB'>131072</currentMemory>"
            + "<vcpu placement='static'>1</vcpu><os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>"
            + "<features><acpi/><apic/></features>"
            + "<clock offset='utc'><timer name='rtc' tickpolicy='catchup'/><timer name='pit' tickpolicy='delay'/><timer name='hpet' present='no'/></clock>"
            + "<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>"
            + "<pm><suspend-to-mem enabled='no'/><suspend-to-disk enabled='no'/></pm>"
            + "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
            + "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='DISK'/><target dev='vda' bus='virtio'/></disk>"
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

    private QemuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path saveDir = Path.of(args[2]);
        Map<String, List<Double>> ops = new LinkedHashMap<>();
        for (String k : new String[] {"start", "suspend", "resume", "save", "restore", "destroy", "info_us",
                "qemu_ready", "define_vi_us", "define_vi_early_us", "start_vi"}) {
            ops.put(k, new ArrayList<>());
        }
        Path image = saveDir.resolve("jvirt-bench.sav");
        try (Connection conn = QemuGuests.open(root)) {
            // Warm-up, as on libvirt's side: probe caches and JIT.
            for (int i = 0; i < 3; i++) {
                Domain d = conn.createDomain(XML);
                d.suspend();
                d.resume();
                d.destroy();
            }
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                Domain dom = conn.createDomain(XML);
                ops.get("start").add(ms(t));
                int n = 20000;
                t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    dom.info();
                }
                ops.get("info_us").add((System.nanoTime() - t) / 1e3 / n);
                for (int i = 0; i < 20; i++) {
                    t = System.nanoTime();
                    dom.suspend();
                    ops.get("suspend").add(ms(t));
                    t = System.nanoTime();
                    dom.resume();
                    ops.get("resume").add(ms(t));
                }
                t = System.nanoTime();
                dom.save(image);
                ops.get("save").add(ms(t));
                t = System.nanoTime();
                conn.restore(image);
                ops.get("restore").add(ms(t));
                dom = conn.domainByName("bench");
                t = System.nanoTime();
                dom.destroy();
                ops.get("destroy").add(ms(t));
                Files.delete(image);
                ops.get("qemu_ready").add(qemuReady(saveDir));
                virtInstall(conn, saveDir, ops, r == 0);
            }
        }
        StringBuilder json = new StringBuilder("{");
        for (var e : ops.entrySet()) {
            json.append(json.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ")
                    .append(String.format("%.4f", median(e.getValue())));
        }
        System.out.println(json.append('}'));
        // Every sample, for whoever wants more than the medians (compare-libvirt.sh keeps it in jvirt.log).
        ops.forEach((k, v) -> System.err.println(k + ": " + v.stream().map(x -> String.format("%.1f", x)).toList()));
    }

    /**
     * The virt-install guest: bursts of 200 definitions (microseconds each, in-process, the mean of a burst),
     * then a start; a start jvirt refuses is reported as -1 with the reason on standard error. Timed with the
     * define path compiled, as in a JVM that has run a while: the first round defines 11,000 guests before
     * (C2 still compiles the path after 5,000 on a two-core machine, each burst until then faster than the one
     * before); each later round 200, as the other operations ran in between. Among the first round's, the 7
     * bursts after the first 1,000 are timed too, the JIT still at work: reported beside.
     */
    static void virtInstall(Connection conn, Path dir, Map<String, List<Double>> ops, boolean first)
            throws Exception {
        Path disk = dir.resolve("jvirt-vi.qcow2");
        if (!Files.exists(disk)) {
            Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "1G")
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("qemu-img failed");
            }
        }
        String xml = VIRT_INSTALL.replace("DISK", disk.toString());
        if (first) {
            defineBursts(conn, xml, 5);
            List<Double> early = ops.get("define_vi_early_us");
            for (int i = 0; i < 7; i++) {
                early.add(defineBurst(conn, xml));
            }
            defineBursts(conn, xml, 43);
        } else {
            defineBursts(conn, xml, 1);
        }
        ops.get("define_vi_us").add(defineBurst(conn, xml));
        try {
            long t = System.nanoTime();
            Domain d = conn.createDomain(xml.replace("NAME", "vi"));
            ops.get("start_vi").add(ms(t));
            d.destroy();
        } catch (org.jvirt.api.VirtException e) {
            System.err.println("the virt-install guest does not start: " + e.getMessage());
            ops.get("start_vi").add(-1.0);
        }
    }

    /** Defines and undefines {@code bursts} bursts of 200 guests, untimed. */
    private static void defineBursts(Connection conn, String xml, int bursts) {
        for (int b = 0; b < bursts; b++) {
            defineBurst(conn, xml);
        }
    }

    /** Defines 200 guests, then undefines them; returns the definitions' mean time in microseconds. */
    private static double defineBurst(Connection conn, String xml) {
        int n = 200;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            conn.defineDomain(xml.replace("NAME", "vi-" + i));
        }
        double us = (System.nanoTime() - t) / 1e3 / n;
        for (int i = 0; i < n; i++) {
            conn.domainByName("vi-" + i).undefine();
        }
        return us;
    }

    /** QEMU alone: spawn until qmp_capabilities is answered, in milliseconds. */
    static double qemuReady(Path dir) throws Exception {
        Path sock = dir.resolve("own.sock");
        Path log = dir.resolve("own.log");
        Files.deleteIfExists(log);
        Files.createFile(log);
        long t = System.nanoTime();
        QemuProcess p = QemuLauncher.launch(List.of("/usr/bin/qemu-system-x86_64", "-machine", "pc,accel=tcg",
                "-nodefaults", "-display", "none", "-m", "64", "-S", "-qmp", "unix:" + sock + ",server=on,wait=off"),
                null, Map.of(), log);
        double ready;
        try (QmpClient q = QmpClient.connect(sock, QmpClient.Options.DEFAULT, new QmpListener() {
            @Override
            public void onEvent(QmpEvent event) {
            }

            @Override
            public void onClose(QmpException cause) {
            }
        }, p::isAlive)) {
            ready = ms(t);
            q.execute("quit");
        }
        p.await(java.time.Duration.ofSeconds(5));
        Files.deleteIfExists(sock);
        return ready;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
