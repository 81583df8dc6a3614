package org.jvirt.driver.qemu.command;

import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest's ACPI sleep states, {@code <pm><suspend-to-mem enabled=/><suspend-to-disk enabled=/></pm>},
 * as libvirt's qemuBuildPMCommandLine: each state said is a {@code disable_s3}/{@code disable_s4}
 * global of the machine's power-management device (ICH9's LPC bridge on q35, PIIX4's otherwise).
 * Only x86 machines have either device: libvirt refuses the states elsewhere. Stateless.
 */
final class PowerCommand {
    private PowerCommand() {
    }

    /** The {@code <pm>} element, or null. */
    static XmlElement pm(Guest g) {
        return DomainDefaults.topElement(g.def(), "pm");
    }

    /**
     * Refuses a {@code <pm>} with anything but the two states, an {@code enabled} other than yes or no,
     * or a state on a guest whose emulator has no PIIX4 or ICH9 power management (libvirt's wording).
     */
    static void validate(Guest g) {
        XmlElement pm = pm(g);
        if (pm == null) {
            return;
        }
        if (!pm.attributes().isEmpty()) {
            throw Unsupported.config(g.name(), "attributes of <pm> are not supported");
        }
        for (XmlElement state : pm.children()) {
            String acpi = switch (state.name()) {
                case "suspend-to-mem" -> "S3";
                case "suspend-to-disk" -> "S4";
                default -> throw Unsupported.config(g.name(), "<pm><" + state.name() + "> is not supported");
            };
            String enabled = state.attribute("enabled");
            if (!state.attributes().keySet().stream().allMatch("enabled"::equals) || !state.children().isEmpty()) {
                throw Unsupported.config(g.name(), "<pm><" + state.name() + "> takes only enabled=");
            }
            if (enabled != null && !enabled.equals("yes") && !enabled.equals("no")) {
                throw Unsupported.invalid(g.name(), "invalid value for '" + state.name() + "' enabled: " + enabled);
            }
            if (enabled != null && !g.x86()) {
                throw Unsupported.config(g.name(), "setting ACPI " + acpi + " not supported");
            }
        }
    }

    /** The {@code -global}s of the states {@code <pm>} says, S3 then S4, after {@code -no-acpi}'s place. */
    static void add(Guest g, CommandLine out) {
        XmlElement pm = pm(g);
        if (pm == null) {
            return;
        }
        String device = Machines.isQ35(g.machine()) ? "ICH9-LPC" : "PIIX4_PM";
        global(out, device, "disable_s3", pm.child("suspend-to-mem"));
        global(out, device, "disable_s4", pm.child("suspend-to-disk"));
    }

    private static void global(CommandLine out, String device, String property, XmlElement state) {
        if (state != null && state.attribute("enabled") != null) {
            out.arg("-global", device + "." + property + "=" + (state.attribute("enabled").equals("no") ? 1 : 0));
        }
    }
}
