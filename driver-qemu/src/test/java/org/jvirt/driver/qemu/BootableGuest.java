package org.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A guest that really boots and obeys the ACPI power button: the kernel of Debian's
 * {@code linux-image-*-cloud-amd64} and an initramfs of {@code busybox-static} whose {@code /init}
 * loads {@code evdev.ko} and {@code button.ko} from the same package and powers off when the
 * button is pressed. Built once from the Debian packages ({@code apt-get download}, unpacked with
 * {@code dpkg-deb -x}) and cached under {@code ~/.cache/jvirt/qemu-test} (or
 * {@code -Djvirt.qemu.guestCache=DIR}).
 */
final class BootableGuest {
    static final String READY = "JVIRT-GUEST-READY";

    final Path kernel;
    final Path initrd;

    private BootableGuest(Path kernel, Path initrd) {
        this.kernel = kernel;
        this.initrd = initrd;
    }

    private static BootableGuest cached;

    /** The kernel and initramfs, built on first use; skips (or fails under JVIRT_REQUIRE_PEERS) when impossible. */
    static synchronized BootableGuest get() {
        if (cached != null) {
            return cached;
        }
        String prop = System.getProperty("jvirt.qemu.guestCache");
        Path dir = prop != null ? Path.of(prop) : Path.of(System.getProperty("user.home"), ".cache/jvirt/qemu-test");
        // The initramfs is named after its /init, so that a changed script is built anew.
        Path kernel = dir.resolve("vmlinuz");
        Path initrd = dir.resolve("initrd-" + Integer.toHexString(INIT.hashCode()) + ".gz");
        try {
            if (!Files.isRegularFile(kernel) || !Files.isRegularFile(initrd)) {
                build(dir, kernel, initrd);
            }
        } catch (IOException | InterruptedException e) {
            String why = "cannot build the bootable test guest from Debian's packages: " + e.getMessage();
            if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
                fail(why + ", and JVIRT_REQUIRE_PEERS is set");
            }
            System.out.println("SKIPPED: " + why);
            assumeTrue(false, why);
        }
        cached = new BootableGuest(kernel, initrd);
        return cached;
    }

    /** Domain XML booting this guest, its serial console written to {@code serialLog}. */
    String xml(String name, Path serialLog) {
        return "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type><kernel>" + kernel + "</kernel><initrd>" + initrd
                + "</initrd><cmdline>console=ttyS0 quiet panic=-1</cmdline></os><features><acpi/><apic/></features>"
                + "<devices><serial type='file'><source path='" + serialLog + "'/></serial></devices></domain>";
    }

    /** How many times the guest has said it is ready in {@code serialLog}. */
    static int readyCount(Path serialLog) throws IOException {
        if (!Files.exists(serialLog)) {
            return 0;
        }
        String s = Files.readString(serialLog, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = s.indexOf(READY); i >= 0; i = s.indexOf(READY, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits until the guest has said it is ready {@code times} times, at most {@code seconds}. */
    static boolean awaitReady(Path serialLog, int times, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (readyCount(serialLog) >= times) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static void build(Path dir, Path kernel, Path initrd) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "build");
        String image = kernelPackage();
        run(work, "apt-get", "download", image, "busybox-static");
        Path unpacked = work.resolve("root");
        try (Stream<Path> debs = Files.list(work)) {
            for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                run(work, "dpkg-deb", "-x", deb.toString(), unpacked.toString());
            }
        }
        Path vmlinuz = only(unpacked.resolve("boot"), "vmlinuz-");
        Path modules = only(unpacked.resolve("lib/modules"), "");
        Path busybox = unpacked.resolve("bin/busybox");
        byte[] cpio = initramfs(Files.readAllBytes(busybox),
                Files.readAllBytes(modules.resolve("kernel/drivers/input/evdev.ko")),
                Files.readAllBytes(modules.resolve("kernel/drivers/acpi/button.ko")));
        Path tmpInitrd = dir.resolve("initrd.gz.tmp");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmpInitrd))) {
            out.write(cpio);
        }
        Files.copy(vmlinuz, dir.resolve("vmlinuz.tmp"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve("vmlinuz.tmp"), kernel, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpInitrd, initrd, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        run(dir, "rm", "-rf", work.toString());
    }

    /** The versioned kernel package the cloud meta-package depends on, after an apt-get update if need be. */
    private static String kernelPackage() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            String deps = output("apt-cache", "depends", "linux-image-cloud-amd64");
            for (String line : deps.split("\n")) {
                line = line.trim();
                if (line.startsWith("Depends: linux-image-")) {
                    return line.substring("Depends: ".length()).trim();
                }
            }
            run(Path.of("/"), "apt-get", "update", "-qq");
        }
        throw new IOException("apt knows no linux-image-cloud-amd64");
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IOException("nothing named " + prefix + "* in " + dir));
        }
    }

    private static void run(Path cwd, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
        }
    }

    private static String output(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static final String INIT = """
            #!/bin/busybox sh
            B=/bin/busybox
            $B mount -t proc proc /proc
            $B mount -t sysfs sys /sys
            $B mount -t devtmpfs dev /dev
            $B insmod /lib/modules/evdev.ko
            $B insmod /lib/modules/button.ko
            n=0
            for e in /sys/class/input/event*; do
              if $B grep -q "Power Button" $e/device/name 2>/dev/null; then
                n=$((n+1))
                ( exec 3< /dev/input/${e##*/}; $B touch /armed.$n; $B head -c 1 <&3 >/dev/null
                  echo JVIRT-GUEST-POWEROFF > /dev/ttyS0; $B poweroff -f ) &
              fi
            done
            # Ready only once every power button is being listened to: a press before that would be lost.
            i=0
            while [ "$($B ls /armed.* 2>/dev/null | $B wc -l)" -lt "$n" ] && [ $i -lt 500 ]; do
              $B usleep 10000; i=$((i+1))
            done
            echo JVIRT-GUEST-READY > /dev/ttyS0
            while true; do $B sleep 60; done
            """;

    /** A newc cpio archive holding busybox, the two modules and {@code /init}. */
    static byte[] initramfs(byte[] busybox, byte[] evdev, byte[] button) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(busybox.length + evdev.length + button.length + 4096);
        List<Object[]> entries = new ArrayList<>();
        for (String d : new String[] {"bin", "dev", "proc", "sys", "lib", "lib/modules"}) {
            entries.add(new Object[] {d, 040755, new byte[0], 0});
        }
        entries.add(new Object[] {"dev/console", 020600, new byte[0], (5 << 8) | 1});
        entries.add(new Object[] {"bin/busybox", 0100755, busybox, 0});
        entries.add(new Object[] {"lib/modules/evdev.ko", 0100644, evdev, 0});
        entries.add(new Object[] {"lib/modules/button.ko", 0100644, button, 0});
        entries.add(new Object[] {"init", 0100755, INIT.getBytes(StandardCharsets.US_ASCII), 0});
        int ino = 1;
        for (Object[] e : entries) {
            int rdev = (Integer) e[3];
            entry(out, ino++, (String) e[0], (Integer) e[1], (byte[]) e[2], rdev >> 8, rdev & 0xff);
        }
        entry(out, 0, "TRAILER!!!", 0, new byte[0], 0, 0);
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, int ino, String name, int mode, byte[] data, int rmaj,
                              int rmin) throws IOException {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        String h = String.format("070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", ino, mode, 0, 0,
                (mode & 040000) != 0 ? 2 : 1, 0, data.length, 0, 0, rmaj, rmin, n.length, 0);
        out.write(h.getBytes(StandardCharsets.US_ASCII));
        out.write(n);
        pad(out);
        out.write(data);
        pad(out);
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
