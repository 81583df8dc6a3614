package org.jvirt.driver.qemu.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.jvirt.spi.AtomicFiles;

/**
 * Whether KVM can run guests on this host. {@code /dev/kvm} existing is not enough (nested
 * set-ups expose a device that cannot boot a guest): the device must be readable and writable,
 * and the emulator must enable KVM on it. The answer is computed once per JVM; the boot probe's
 * verdict, which runs QEMU twice and takes a second or more, is moreover kept in the cache
 * directory for as long as the host's boot, the device node and the emulator binary stay the same,
 * so that short processes (a {@code jvirsh start} of a kvm domain, {@code jvirsh capabilities})
 * do not each run it again.
 */
public final class KvmProbe {
    /**
     * The answer.
     *
     * @param usable whether kvm domains can run
     * @param reason why not, or a short confirmation
     */
    public record Status(boolean usable, String reason) {
    }

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final String CACHE_FILE = "kvm-probe";
    private static final int MAX_CACHE_BYTES = 64 * 1024;
    private static volatile Status cached;

    private KvmProbe() {
    }

    /**
     * The status for this host, probed once per JVM with {@code catalog}'s x86_64 emulator (its
     * verdict cached in {@code catalog}'s cache directory); {@code JVIRT_QEMU_KVM=off} forces "not
     * usable", {@code on} skips the probe.
     */
    public static synchronized Status status(EmulatorCatalog catalog) {
        Status s = cached;
        if (s == null) {
            s = probe(Path.of("/dev/kvm"), System.getenv("JVIRT_QEMU_KVM"), catalog.binaryForArch("x86_64"),
                    catalog.cacheDir().resolve(CACHE_FILE), BOOT_ID);
            cached = s;
        }
        return s;
    }

    static Status probe(Path dev, String override, Path qemu) {
        return probe(dev, override, qemu, null, BOOT_ID);
    }

    /**
     * @param cacheFile where the boot probe's verdict is kept, or null for none
     * @param bootId the file naming this boot of the host
     */
    static Status probe(Path dev, String override, Path qemu, Path cacheFile, Path bootId) {
        if ("off".equals(override)) {
            return new Status(false, "KVM is disabled by JVIRT_QEMU_KVM=off");
        }
        if (!Files.exists(dev)) {
            return new Status(false, dev + " does not exist (no KVM module, or no hardware virtualization)");
        }
        if (!Files.isReadable(dev) || !Files.isWritable(dev)) {
            return new Status(false, dev + " is not readable and writable by this user");
        }
        if ("on".equals(override)) {
            return new Status(true, "KVM is enabled by JVIRT_QEMU_KVM=on");
        }
        String key = cacheFile == null || qemu == null ? null : cacheKey(dev, qemu, bootId);
        if (key != null) {
            Status known = readVerdict(cacheFile, key);
            if (known != null) {
                return known;
            }
        }
        Status s = KvmBootProbe.run(dev, qemu);
        if (key != null) {
            writeVerdict(cacheFile, key, s);
        }
        return s;
    }

    /**
     * What the verdict depends on: this boot of the host (a reboot may change the hypervisor
     * below), the device node (reloading the KVM module with other parameters makes a new one)
     * and the emulator binary (path, modification time, size). Null when any is unknown: the probe
     * then runs and nothing is kept.
     */
    static String cacheKey(Path dev, Path qemu, Path bootId) {
        try {
            BasicFileAttributes q = Files.readAttributes(qemu, BasicFileAttributes.class);
            return "boot " + Files.readString(bootId, StandardCharsets.US_ASCII).strip() + "\n"
                    + "device " + dev.toAbsolutePath() + " " + Files.getAttribute(dev, "unix:ino") + " "
                    + ((FileTime) Files.getAttribute(dev, "unix:ctime")).toMillis() + "\n"
                    + "emulator " + qemu.toAbsolutePath() + " " + q.lastModifiedTime().toMillis() + " " + q.size()
                    + "\n";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Status readVerdict(Path file, String key) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_CACHE_BYTES) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.startsWith(key)) {
                return null;
            }
            String[] rest = text.substring(key.length()).split("\n", 2);
            if (rest.length != 2 || !rest[0].startsWith("usable ") || !rest[1].startsWith("reason ")) {
                return null;
            }
            boolean usable = switch (rest[0].substring("usable ".length())) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("bad verdict");
            };
            return new Status(usable, rest[1].substring("reason ".length()).strip());
        } catch (IOException | RuntimeException e) {
            return null; // a damaged verdict is probed again
        }
    }

    private static void writeVerdict(Path file, String key, Status s) {
        String text = key + "usable " + s.usable() + "\nreason " + s.reason().replace('\n', ' ') + "\n";
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The cache only saves time.
        }
    }
}
