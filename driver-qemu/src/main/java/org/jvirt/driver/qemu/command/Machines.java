package org.jvirt.driver.qemu.command;

/**
 * The machine families and guest architectures a command line differs by, named as QEMU names its
 * machine types ({@code pc-i440fx-7.2}, {@code q35}, {@code virt-7.2}...). Stateless.
 */
final class Machines {
    private Machines() {
    }

    /** The i440FX PC, which has IDE built in and a hot-pluggable PCI bus. */
    static boolean isPc(String machine) {
        return machine.equals("pc") || machine.startsWith("pc-i440fx") || machine.equals("isapc");
    }

    /** The Q35 PC, whose IDE bus is an AHCI controller of six SATA ports. */
    static boolean isQ35(String machine) {
        return machine.equals("q35") || machine.startsWith("pc-q35");
    }

    /** Arm's virt board: no IDE, one serial port. */
    static boolean isArmVirt(String machine) {
        return machine.equals("virt") || machine.startsWith("virt-");
    }

    /** Whether devices go on a PCIe root bus (q35, Arm virt), where hot-plug needs root ports. */
    static boolean isPcie(String machine) {
        return isQ35(machine) || isArmVirt(machine);
    }

    /** x86 guests, 32 or 64 bits: PS/2, ISA serial and parallel ports, the x86-only features. */
    static boolean isX86(String arch) {
        return arch.equals("x86_64") || arch.equals("i686") || arch.equals("i386");
    }
}
