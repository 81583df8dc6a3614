package org.jvirt.driver.qemu.probe;

import java.nio.file.Path;

/**
 * Runs a tiny guest under KVM to see whether it really executes guest code. Nested hosts may
 * expose a {@code /dev/kvm} on which the BIOS runs but an operating system cannot (this is the
 * case on the machines jvirt is tested on): the payload switches the CPU to 64-bit long mode,
 * as every x86_64 kernel does, and reports over the debug port.
 */
final class KvmBootProbe {
    private KvmBootProbe() {
    }

    static KvmProbe.Status run(Path dev) {
        // Until the long-mode payload is wired in, a device we can open is not proof enough.
        return new KvmProbe.Status(false, dev + " can be opened, but jvirt could not prove that it boots an"
                + " operating system; set JVIRT_QEMU_KVM=on to use it anyway");
    }
}
