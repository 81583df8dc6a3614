package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.Unknowns;
import org.jvirt.model.xml.XmlElement;

/**
 * The memory balloon on the command line, as libvirt's qemuBuildMemballoonCommandLine: a
 * {@code virtio-balloon-pci} {@code balloon0} with what its {@code autodeflate} ({@code deflate-on-oom})
 * and {@code freePageReporting} ({@code free-page-reporting}) say, at its address; none for model
 * {@code none}. Its {@code <stats period>} the driver sets over QMP once QEMU runs ({@link #statsPeriod}).
 * The model keeps those unparsed: {@link #withoutOptions} takes them off for
 * {@link HonouredElements}, {@link #validate} refuses their values QEMU has no word for. Stateless.
 */
final class BalloonCommand {
    /** The balloon's attributes this class reads, and their QEMU properties. */
    private static final Map<String, String> OPTIONS = Map.of("autodeflate", "deflate-on-oom",
            "freePageReporting", "free-page-reporting");

    private BalloonCommand() {
    }

    /** The {@code <stats period='N'/>} of the definition's virtio balloon, when it has one. */
    static OptionalInt statsPeriod(DomainDefinition def) {
        for (MemballoonDevice b : def.devices(MemballoonDevice.class)) {
            for (XmlElement e : b.unknowns().elementsAt("")) {
                if (e.name().equals("stats") && e.attribute("period") != null
                        && e.attribute("period").matches("[0-9]{1,9}")) {
                    return OptionalInt.of(Integer.parseInt(e.attribute("period")));
                }
            }
        }
        return OptionalInt.empty();
    }

    /** A balloon without the attributes {@link #add} writes, and its {@code <stats period>}, set over QMP. */
    static MemballoonDevice withoutOptions(MemballoonDevice b) {
        Unknowns u = b.unknowns();
        List<XmlElement> top = u.elementsAt("");
        List<XmlElement> kept = top.stream().filter(e -> !isStats(e)).toList();
        if (kept.size() != top.size()) {
            u = u.withElementsAt("", kept);
        }
        for (String attribute : OPTIONS.keySet()) {
            u = u.withoutAttribute("", attribute);
        }
        return u.equals(b.unknowns()) ? b : new MemballoonDevice(b.model(), b.address(), u);
    }

    /** Whether an element is a {@code <stats period='N'/>} and nothing more. */
    private static boolean isStats(XmlElement e) {
        return e.name().equals("stats") && e.children().isEmpty() && e.attributes().keySet().equals(Set.of("period"));
    }

    /** Refuses a balloon model other than virtio, and an option neither on nor off. */
    static void validate(Guest g) {
        for (MemballoonDevice b : g.def().devices(MemballoonDevice.class)) {
            String model = b.model() == null ? "virtio" : b.model();
            switch (model) {
                case "none" -> { }
                case "virtio" -> DeviceValidate.pciAddress(b.address());
                default -> throw Unsupported.config(g.name(), "memballoon model '" + model
                        + "' is not supported (supported: virtio, none)");
            }
            for (String attribute : new java.util.TreeSet<>(OPTIONS.keySet())) {
                String v = b.unknowns().attributesAt("").get(attribute);
                if (v != null && !Set.of("on", "off").contains(v)) {
                    throw Unsupported.invalid(g.name(), "memballoon " + attribute + " '" + v + "' is neither on nor off");
                }
            }
            for (XmlElement e : b.unknowns().elementsAt("")) {
                if (isStats(e) && !e.attribute("period").matches("[0-9]{1,9}")) {
                    throw Unsupported.invalid(g.name(), "invalid statistics collection period '" + e.attribute("period")
                            + "'");
                }
            }
        }
    }

    /** Whether a definition's command line has the balloon ({@code balloon0}), which QMP then drives. */
    static boolean builds(DomainDefinition def) {
        return def.devices(MemballoonDevice.class).stream().anyMatch(BalloonCommand::virtio);
    }

    private static boolean virtio(MemballoonDevice b) {
        return b.model() == null || b.model().equals("virtio");
    }

    static void add(Guest g, CommandLine out) {
        for (MemballoonDevice b : g.def().devices(MemballoonDevice.class)) {
            if (virtio(b)) {
                Map<String, Object> p = Json.object("driver", DeviceProps.virtio("virtio-balloon-pci", b.address()),
                        "id", "balloon0");
                Map<String, String> options = b.unknowns().attributesAt("");
                for (String attribute : new String[] {"autodeflate", "freePageReporting"}) {
                    if (options.get(attribute) != null) {
                        p.put(OPTIONS.get(attribute), options.get(attribute).equals("on"));
                    }
                }
                DeviceProps.address(p, b.address(), g.def());
                out.device(p);
            }
        }
    }
}
