package org.jvirt.driver.qemu.probe;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether KVM can run guests on this host. {@code /dev/kvm} existing is not enough (nested
 * set-ups expose a device that cannot boot a guest): the device must be readable and writable,
 * and the emulator must enable KVM on it. The answer is computed once per JVM.
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

    private static volatile Status cached;

    private KvmProbe() {
    }

    /**
     * The status for this host, probed once per JVM with {@code catalog}'s x86_64 emulator;
     * {@code JVIRT_QEMU_KVM=off} forces "not usable", {@code on} skips the probe.
     */
    public static synchronized Status status(EmulatorCatalog catalog) {
        Status s = cached;
        if (s == null) {
            s = probe(Path.of("/dev/kvm"), System.getenv("JVIRT_QEMU_KVM"), catalog.binaryForArch("x86_64"));
            cached = s;
        }
        return s;
    }

    static Status probe(Path dev, String override, Path qemu) {
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
        return KvmBootProbe.run(dev, qemu);
    }
}
