package org.jvirt.driver.qemu.command;

import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.xml.XmlElement;

/**
 * Panic notifiers ({@code <panic>}) on the command line, as libvirt's qemuBuildPanicCommandLine: the ISA
 * {@code pvpanic} device (at its {@code iobase}, QEMU's {@code ioport}), written after the sandbox as
 * libvirt does; Hyper-V's is no device but the {@code hv-crash} CPU flag ({@link FeatureCommand#cpuFlags}); pSeries'
 * and s390's are their firmware's ({@link HonouredElements#isFirmwarePanic}). The model keeps
 * {@code <panic>} as an element: {@link #honoured} says which ones this class builds, {@link #validate}
 * refuses the rest in libvirt's words. Stateless.
 */
final class PanicCommand {
    private PanicCommand() {
    }

    /** Whether a {@code <panic>} has only a {@code model} and an {@code <address>}. */
    static boolean honoured(XmlElement panic) {
        return ElementDevices.only(panic, Set.of("model"), Set.of("address"));
    }

    /** Refuses a panic device of a model this guest has not, or placed where its model cannot be. */
    static void validate(Guest g) {
        for (XmlElement panic : ElementDevices.named(g.def(), "panic")) {
            String model = panic.attribute("model") == null ? "isa" : panic.attribute("model");
            DeviceAddress a = ElementDevices.address(panic);
            switch (model) {
                case "isa" -> {
                    if (!g.x86()) {
                        throw Unsupported.config(g.name(), "the QEMU binary does not support the ISA panic device");
                    }
                    if (a != null && !"isa".equals(a.type())) {
                        throw Unsupported.config(g.name(), "panic is supported only with ISA address type");
                    }
                    if (a != null && a.attribute("iobase") != null
                            && !a.attribute("iobase").matches("(0x[0-9a-fA-F]{1,4}|[0-9]{1,5})")) {
                        throw Unsupported.invalid(g.name(), "<panic>: invalid iobase '" + a.attribute("iobase") + "'");
                    }
                }
                case "hyperv" -> {
                    if (!g.x86()) {
                        throw Unsupported.config(g.name(),
                                "only i686 and x86_64 guests support panic device of model 'hyperv'");
                    }
                    if (a != null) {
                        throw Unsupported.config(g.name(),
                                "setting the panic device address is not supported for model 'hyperv'");
                    }
                }
                case "pseries" -> {
                    if (!g.machine().startsWith("pseries")) {
                        throw Unsupported.config(g.name(), "only pSeries guests support panic device of model 'pseries'");
                    }
                }
                case "s390" -> {
                    if (!g.arch().startsWith("s390")) {
                        throw Unsupported.config(g.name(), "only S390 guests support panic device of model 's390'");
                    }
                }
                default -> throw Unsupported.config(g.name(), "panic model '" + model
                        + "' is not supported (supported: isa, hyperv)");
            }
        }
    }

    /** The ISA panic devices, each at its I/O port when it has one. */
    static void add(Guest g, CommandLine out) {
        for (XmlElement panic : ElementDevices.named(g.def(), "panic")) {
            String model = panic.attribute("model") == null ? "isa" : panic.attribute("model");
            if (!model.equals("isa")) {
                continue;
            }
            Map<String, Object> p = Json.object("driver", "pvpanic");
            DeviceAddress a = ElementDevices.address(panic);
            if (a != null && a.attribute("iobase") != null) {
                p.put("ioport", (int) QemuOptions.addressNumber(a.attribute("iobase")));
            }
            out.device(p);
        }
    }
}
