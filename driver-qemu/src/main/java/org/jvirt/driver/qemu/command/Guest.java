package org.jvirt.driver.qemu.command;

import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DomainDefinition;

/**
 * A definition to start, with the emulator and accelerator it is to run on: what validation and each
 * part of the command line ask of it. Immutable.
 *
 * @param def the definition, completed by post-parse
 * @param emu the emulator that runs it
 * @param accel {@code tcg} or {@code kvm}; null for validation, which does not depend on it
 */
record Guest(DomainDefinition def, EmulatorInfo emu, String accel) {
    /** The domain's name, which errors carry. */
    String name() {
        return def.name();
    }

    String machine() {
        return def.os().machine();
    }

    String arch() {
        return def.os().arch();
    }

    boolean x86() {
        return Machines.isX86(arch());
    }

    /** Whether the emulator has ACPI to turn off ({@code -no-acpi}): QEMU's x86 and 64-bit Arm targets. */
    boolean acpiCapable() {
        String target = emu.arch();
        return target.equals("x86_64") || target.equals("i386") || target.equals("aarch64");
    }

    boolean pcie() {
        return Machines.isPcie(machine());
    }

    /** The bootindex of the first device of a kind in {@code <os><boot>}'s order, or 0. */
    int bootIndex(String kind, boolean firstOfKind) {
        if (!firstOfKind || def.os().kernel() != null) {
            return 0;
        }
        int i = def.os().bootDevices().indexOf(kind);
        return i < 0 ? 0 : i + 1;
    }

    boolean hasController(String type, int index) {
        return def.devices(ControllerDevice.class).stream()
                .anyMatch(c -> c.type().equals(type) && c.index() != null && c.index() == index);
    }
}
