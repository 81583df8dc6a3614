package org.jvirt.driver.qemu.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jvirt.model.InputDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * Inputs passed through from the host ({@code <input type='passthrough' bus='virtio'><source evdev=>}):
 * the host's event device, which the model keeps as an element, read for the
 * {@code virtio-input-host-pci} device {@link DeviceCommand#inputs} writes; taken off the input for
 * {@link HonouredElements}; refused before QEMU starts when it is not on this host. Stateless.
 */
final class PassthroughInputs {
    private PassthroughInputs() {
    }

    /** A passthrough input's event device ({@code <source evdev>}), or null. */
    static String evdev(InputDevice in) {
        for (XmlElement e : in.unknowns().elementsAt("")) {
            if (e.name().equals("source") && e.children().isEmpty() && e.attributes().keySet().equals(java.util.Set.of("evdev"))) {
                return e.attribute("evdev");
            }
        }
        return null;
    }

    /** A passthrough input without the {@code <source evdev>} {@link DeviceCommand#inputs} reads. */
    static InputDevice withoutSource(InputDevice in) {
        if (!"passthrough".equals(in.type()) || evdev(in) == null) {
            return in;
        }
        List<XmlElement> kept = in.unknowns().elementsAt("").stream()
                .filter(e -> !(e.name().equals("source") && Map.of("evdev", evdev(in)).equals(e.attributes()))).toList();
        return new InputDevice(in.type(), in.bus(), in.address(), in.unknowns().withElementsAt("", kept));
    }

    /** Refuses a passthrough input without an event device, or whose device this host has not. */
    static void validate(Guest g, InputDevice in) {
        String evdev = evdev(in);
        if (evdev == null) {
            throw Unsupported.invalid(g.name(), "a passthrough input needs <source evdev=...>");
        }
        if (!Files.exists(Path.of(evdev))) {
            throw Unsupported.noSource(g.name(), "the host input device '" + evdev + "' does not exist on this host");
        }
    }
}
