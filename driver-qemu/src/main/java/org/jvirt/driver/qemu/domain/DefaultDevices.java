package org.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The devices libvirt's QEMU driver adds to a definition at define (qemuDomainDefAddDefaultDevices,
 * but for the controllers, which are the address rules'): the PS/2 mouse and keyboard of an x86
 * machine, a virtio memory balloon where the machine takes one, POWER's USB keyboard and mouse beside
 * graphics, the firmware panic device of pSeries and s390, and the default audio backend.
 * Stateless.
 */
final class DefaultDevices {
    private DefaultDevices() {
    }

    /** {@code devices} of {@code def} with the devices libvirt adds to a definition of its architecture. */
    static List<Device> add(DomainDefinition def, List<Device> devices) {
        String arch = DomainDefaults.arch(def);
        List<Device> out = new ArrayList<>(devices);
        if (DomainDefaults.isX86(arch)) {
            // qemuDomainDefAddImplicitInputDevice: an x86 machine always has its i8042 controller's devices.
            maybeAddInput(out, "mouse", "ps2");
            maybeAddInput(out, "keyboard", "ps2");
        }
        if (takesBalloon(arch) && out.stream().noneMatch(d -> d instanceof MemballoonDevice)) {
            out.add(MemballoonDevice.of("virtio", null));
        }
        boolean ppc64 = arch.equals("ppc64") || arch.equals("ppc64le");
        if (ppc64 && out.stream().anyMatch(d -> d instanceof GraphicsDevice)) {
            // Historically added to POWER guests with graphics; the mouse not beside a USB tablet.
            boolean usbTablet = out.stream().anyMatch(d -> d instanceof InputDevice i && "tablet".equals(i.type())
                    && "usb".equals(i.bus()));
            maybeAddInput(out, "keyboard", "usb");
            if (!usbTablet) {
                maybeAddInput(out, "mouse", "usb");
            }
        }
        boolean pseries = DomainDefaults.isPSeries(def);
        boolean s390 = arch.startsWith("s390");
        if ((pseries || s390) && out.stream().noneMatch(d -> isFirmwarePanic(d, s390 ? "s390" : "pseries"))) {
            // The firmware of pSeries and s390 does what the pvpanic device does.
            out.add(new UnknownDevice(XmlElement.of("panic")));
        }
        if (out.stream().noneMatch(d -> d.elementName().equals("audio"))) {
            String backend = DefaultAudio.backend(out);
            if (backend != null) {
                out.add(new UnknownDevice(XmlElement.builder("audio").attribute("id", "1")
                        .attribute("type", backend).build()));
            }
        }
        return out;
    }

    /** virDomainDefMaybeAddInput: an input of that type on that bus, unless the definition has one. */
    private static void maybeAddInput(List<Device> devices, String type, String bus) {
        for (Device d : devices) {
            if (d instanceof InputDevice input && type.equals(input.type()) && bus.equals(input.bus())) {
                return;
            }
        }
        devices.add(InputDevice.of(type, bus));
    }

    /** A panic device of the default model or of the platform's own. */
    private static boolean isFirmwarePanic(Device d, String platformModel) {
        if (!(d instanceof UnknownDevice u) || !u.element().name().equals("panic")) {
            return false;
        }
        String model = u.element().attribute("model");
        return model == null || model.equals(platformModel);
    }

    /** The ARM and 32-bit SPARC machines have no default memory balloon in libvirt. */
    private static boolean takesBalloon(String arch) {
        return !(arch.equals("armv6l") || arch.equals("armv7l") || arch.equals("aarch64") || arch.equals("sparc"));
    }

    /** Whether the definition has graphics of this type. */
    static boolean hasGraphics(List<Device> devices, String type) {
        return devices.stream().anyMatch(d -> d instanceof GraphicsDevice g && type.equals(g.type()));
    }
}
