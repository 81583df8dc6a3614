package org.jvirt.driver.qemu.address;

import org.jvirt.model.DomainDefinition;

/**
 * The guest's architecture and machine type, and what libvirt's QEMU driver makes of them for
 * addressing (qemuDomainIsI440FX, qemuDomainIsQ35, qemuDomainIsARMVirt, qemuDomainSupportsPCI).
 *
 * @param arch the guest architecture ({@code x86_64}, {@code aarch64}...)
 * @param machine the machine type, never null ({@code ""} when unknown)
 */
record Chipset(String arch, String machine) {

    static Chipset of(DomainDefinition def) {
        String arch = def.os() == null || def.os().arch() == null ? "" : def.os().arch();
        String machine = def.os() == null || def.os().machine() == null ? "" : def.os().machine();
        return new Chipset(arch, machine);
    }

    boolean x86() {
        return arch.equals("x86_64") || arch.equals("i686");
    }

    boolean arm() {
        return arch.equals("armv6l") || arch.equals("armv7l") || arch.equals("aarch64");
    }

    boolean i440fx() {
        return x86() && (machine.equals("pc") || machine.startsWith("pc-0.") || machine.startsWith("pc-1.")
                || machine.startsWith("pc-i440fx-") || machine.startsWith("rhel"));
    }

    boolean q35() {
        return x86() && (machine.equals("q35") || machine.startsWith("pc-q35-"));
    }

    boolean armVirt() {
        return arm() && (machine.equals("virt") || machine.startsWith("virt-"));
    }

    boolean riscv() {
        return arch.equals("riscv32") || arch.equals("riscv64");
    }

    boolean riscvVirt() {
        return riscv() && (machine.equals("virt") || machine.startsWith("virt-"));
    }

    /** qemuDomainSupportsPCI: every guest but Arm and RISC-V ones; of those only virt (QEMU has gpex) and versatilepb. */
    boolean supportsPci() {
        return !arm() && !riscv() || machine.equals("versatilepb") || armVirt() || riscvVirt();
    }

    /** qemuDomainDefaultNetModel: virtio on Arm and the like, rtl8139 on x86 and POWER. */
    String defaultNicModel() {
        if (arm()) {
            return machine.equals("versatilepb") ? "smc91c111" : armVirt() ? "virtio" : "lan9118";
        }
        return x86() || arch.startsWith("ppc") ? "rtl8139" : "virtio";
    }
}
