package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.xml.XmlElement;

/**
 * Random number generators ({@code <rng>}) on the command line, as libvirt's qemuBuildRNGCommandLine: for
 * each, its backend — a {@code -chardev} for an EGD daemon, then the {@code rng-random}, {@code rng-egd}
 * or {@code rng-builtin} object {@code objrngN} — and the {@code virtio-rng} device {@code rngN} using it,
 * with its rate limit. The model keeps {@code <rng>} as an element: {@link #honoured} says which ones this
 * class builds whole, {@link #validate} refuses the values it cannot build. Stateless.
 */
final class RngCommand {
    private static final Set<String> BACKENDS = Set.of("random", "egd", "builtin");
    /** The character devices an EGD daemon can be reached through. */
    private static final Set<String> EGD_TYPES = Set.of("tcp", "udp", "unix", "pipe", "file", "dev", "pty", "null");

    private RngCommand() {
    }

    /**
     * Whether an {@code <rng>} element has only what this class reads: {@code model}, a {@code <backend>}
     * (a file, or an EGD character device's sources, protocol and reconnection), a {@code <rate>} and an
     * {@code <address>}.
     */
    static boolean honoured(XmlElement rng) {
        if (!ElementDevices.only(rng, Set.of("model"), Set.of("backend", "rate", "address"))) {
            return false;
        }
        XmlElement rate = rng.child("rate");
        if (rate != null && !ElementDevices.leaf(rate, Set.of("bytes", "period"))) {
            return false;
        }
        XmlElement backend = rng.child("backend");
        if (backend == null || !backend.attributes().keySet().stream().allMatch(Set.of("model", "type")::contains)) {
            return false;
        }
        return ElementDevices.chardevChildren(backend, Set.of());
    }

    /** Refuses the generators whose model, backend or address QEMU cannot be given, in document order. */
    static void validate(Guest g) {
        for (XmlElement rng : ElementDevices.named(g.def(), "rng")) {
            String model = rng.attribute("model");
            if (!"virtio".equals(model)) {
                throw Unsupported.config(g.name(), "domain configuration does not support rng model '" + model + "'");
            }
            XmlElement backend = rng.child("backend");
            String kind = backend.attribute("model");
            if (!BACKENDS.contains(kind)) {
                throw Unsupported.config(g.name(), "rng backend model '" + kind
                        + "' is not supported (supported: random, egd, builtin)");
            }
            switch (kind) {
                case "random" -> {
                    if (backend.text().isBlank() || !backend.children().isEmpty()) {
                        throw Unsupported.invalid(g.name(), "<rng><backend model='random'> needs the file to read");
                    }
                }
                case "egd" -> {
                    if (!EGD_TYPES.contains(String.valueOf(backend.attribute("type")))) {
                        throw Unsupported.config(g.name(), "<rng><backend model='egd' type='"
                                + backend.attribute("type") + "'> is not supported (supported: "
                                + String.join(", ", new java.util.TreeSet<>(EGD_TYPES)) + ")");
                    }
                    CharDeviceValidate.backend(g.name(), ElementDevices.chardev(backend));
                }
                default -> {
                    if (!backend.text().isBlank() || !backend.children().isEmpty()) {
                        throw Unsupported.config(g.name(), "<rng><backend model='builtin'> takes no source");
                    }
                }
            }
            ElementDevices.reconnect(g.name(), "<rng>", backend);
            rate(g.name(), rng.child("rate"));
            DeviceAddress a = ElementDevices.address(rng);
            if (a != null && !"pci".equals(a.type()) && !"virtio-mmio".equals(a.type())) {
                throw Unsupported.config(g.name(), "<rng>: address type '" + a.type()
                        + "' is not supported, only 'pci' and 'virtio-mmio'");
            }
            if (a != null && "pci".equals(a.type())) {
                DeviceValidate.pciAddress(a);
            }
        }
    }

    private static void rate(String domain, XmlElement rate) {
        if (rate == null) {
            return;
        }
        for (String attribute : List.of("bytes", "period")) {
            String v = rate.attribute(attribute);
            if (v != null && !v.matches("[0-9]{1,9}")) {
                throw Unsupported.invalid(domain, "<rng><rate " + attribute + "='" + v + "'> is not a number");
            }
        }
        if (rate.attribute("bytes") == null) {
            throw Unsupported.invalid(domain, "<rng><rate> needs bytes");
        }
    }

    /** Every generator: its backend's chardev and object, then its device. */
    static void add(Guest g, CommandLine out) {
        int i = 0;
        for (XmlElement rng : ElementDevices.named(g.def(), "rng")) {
            String alias = "rng" + i++;
            XmlElement backend = rng.child("backend");
            Map<String, Object> object = Json.object("qom-type", "rng-" + backend.attribute("model"),
                    "id", "obj" + alias);
            switch (backend.attribute("model")) {
                case "random" -> object.put("filename", backend.text().strip());
                case "egd" -> {
                    String chardev = "char" + alias;
                    out.arg("-chardev", ElementDevices.chardevArg(backend, chardev));
                    object.put("chardev", chardev);
                }
                default -> {
                    // rng-builtin reads the host's own generator
                }
            }
            out.arg("-object", Json.write(object));
            DeviceAddress a = ElementDevices.address(rng);
            Map<String, Object> p = Json.object("driver", a != null && "virtio-mmio".equals(a.type())
                    ? "virtio-rng-device" : "virtio-rng-pci", "rng", "obj" + alias, "id", alias);
            XmlElement rate = rng.child("rate");
            if (rate != null && Long.parseLong(rate.attribute("bytes")) > 0) {
                // libvirt's period when none is given: a second
                long period = rate.attribute("period") == null ? 0 : Long.parseLong(rate.attribute("period"));
                p.put("max-bytes", Long.parseLong(rate.attribute("bytes")));
                p.put("period", period == 0 ? 1000 : period);
            }
            DeviceProps.address(p, a, g.def());
            out.device(p);
        }
    }
}
