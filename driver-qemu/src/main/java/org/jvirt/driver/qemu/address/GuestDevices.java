package org.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * A definition's devices while addresses are given out: each one's address read and replaced
 * whatever its kind (the model's records, or an element the model keeps verbatim), and controllers
 * appended as libvirt's {@code virDomainDefAddController} appends them. Each device's address is read
 * once until the device changes: the assigner asks for it a dozen times a device, and reading it parses
 * its attributes (and copies an element's). Mutable; used by one thread.
 */
final class GuestDevices {
    /** In the caches: not read since the device last changed. */
    private static final Object UNREAD = new Object();
    /** In the caches: no address, or none of that kind. */
    private static final Object NONE = new Object();

    private final List<Device> devices;
    /** Per device: UNREAD, NONE or its DeviceAddress. */
    private final List<Object> addresses;
    /** Per device: UNREAD, NONE or its PciAddress. */
    private final List<Object> pcis;
    /**
     * The indexes of each element name, and of each controller type, as last asked: the assigners ask some
     * forty times a define. A list is never changed once made (a caller may be iterating over it while it
     * adds a device): a change of the devices drops the lists it makes wrong.
     */
    private final Map<String, List<Integer>> byElement = new HashMap<>();
    private final Map<String, List<Integer>> byControllerType = new HashMap<>();

    GuestDevices(List<Device> devices) {
        this.devices = new ArrayList<>(devices);
        this.addresses = new ArrayList<>(Collections.nCopies(devices.size(), UNREAD));
        this.pcis = new ArrayList<>(Collections.nCopies(devices.size(), UNREAD));
    }

    int size() {
        return devices.size();
    }

    Device get(int index) {
        return devices.get(index);
    }

    void set(int index, Device device) {
        Device old = devices.get(index);
        if (old == device) {
            // Unchanged: what was read of it still holds.
            return;
        }
        if (!old.elementName().equals(device.elementName()) || !controllerType(old).equals(controllerType(device))) {
            byElement.clear();
            byControllerType.clear();
        }
        devices.set(index, device);
        addresses.set(index, UNREAD);
        pcis.set(index, UNREAD);
    }

    /** Appends {@code device}; returns its index. */
    int add(Device device) {
        byElement.remove(device.elementName());
        byControllerType.remove(controllerType(device));
        devices.add(device);
        addresses.add(UNREAD);
        pcis.add(UNREAD);
        return devices.size() - 1;
    }

    List<Device> toList() {
        return List.copyOf(devices);
    }

    /** The devices of {@code elementName}, in their order; unmodifiable. */
    List<Integer> indexesOf(String elementName) {
        return byElement.computeIfAbsent(elementName, name -> {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                if (devices.get(i).elementName().equals(name)) {
                    out.add(i);
                }
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** The controllers of {@code type}, in their order; unmodifiable. */
    List<Integer> controllers(String type) {
        return byControllerType.computeIfAbsent(type, t -> {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                if (controllerType(devices.get(i)).equals(t)) {
                    out.add(i);
                }
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** A controller's type; the empty string for any other device. */
    private static String controllerType(Device d) {
        return d instanceof ControllerDevice c && c.type() != null ? c.type() : "";
    }

    /** The index in this list of the controller of {@code type} and {@code index}, or -1. */
    int controller(String type, int index) {
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i) instanceof ControllerDevice c && c.type().equals(type) && c.index() != null
                    && c.index() == index) {
                return i;
            }
        }
        return -1;
    }

    /** The device's {@code <address>}, whatever its kind; null when it has none. */
    DeviceAddress address(int index) {
        Object known = addresses.get(index);
        if (known == UNREAD) {
            Device d = devices.get(index);
            DeviceAddress a = d instanceof UnknownDevice u ? addressOf(u.element()) : d.address();
            known = a == null ? NONE : a;
            addresses.set(index, known);
        }
        return known == NONE ? null : (DeviceAddress) known;
    }

    /** The {@code <address>} of a device the model keeps as an element, or null. */
    static DeviceAddress addressOf(XmlElement device) {
        XmlElement a = device.child("address");
        return a == null ? null : DeviceAddress.of(a);
    }

    /** The device's PCI address, or null when it has none or another kind. */
    PciAddress pci(int index) {
        Object known = pcis.get(index);
        if (known == UNREAD) {
            PciAddress a;
            try {
                a = PciAddress.of(address(index));
            } catch (NumberFormatException e) {
                a = null;
            }
            known = a == null ? NONE : a;
            pcis.set(index, known);
        }
        return known == NONE ? null : (PciAddress) known;
    }

    /** virDeviceInfoPCIAddressIsWanted: no address at all, or {@code type='pci'} with no slot chosen. */
    boolean wantsPci(int index) {
        DeviceAddress a = address(index);
        if (a == null) {
            return true;
        }
        PciAddress pci = pci(index);
        return pci != null && !pci.present();
    }

    /** virDeviceInfoPCIAddressIsPresent: a PCI address with a slot chosen. */
    boolean hasPci(int index) {
        PciAddress pci = pci(index);
        return pci != null && pci.present();
    }

    void setPci(int index, PciAddress address) {
        setAddress(index, address.toDeviceAddress());
    }

    /** Gives the device {@code address}, replacing the one it has. */
    void setAddress(int index, DeviceAddress address) {
        set(index, withAddress(devices.get(index), address));
    }

    private static Device withAddress(Device d, DeviceAddress a) {
        if (d instanceof ControllerDevice c) {
            return new ControllerDevice(c.type(), c.index(), c.model(), a, c.unknowns());
        } else if (d instanceof DiskDevice disk) {
            return disk.toBuilder().address(a).build();
        } else if (d instanceof InterfaceDevice nic) {
            return nic.toBuilder().address(a).build();
        } else if (d instanceof CharDevice chr) {
            return chr.toBuilder().address(a).build();
        } else if (d instanceof InputDevice in) {
            return new InputDevice(in.type(), in.bus(), a, in.unknowns());
        } else if (d instanceof SoundDevice s) {
            return new SoundDevice(s.model(), a, s.unknowns());
        } else if (d instanceof MemballoonDevice m) {
            return new MemballoonDevice(m.model(), a, m.unknowns());
        } else if (d instanceof VideoDevice v) {
            return new VideoDevice(v.modelType(), v.ram(), v.vram(), v.vgamem(), v.heads(), v.primary(), a,
                    v.unknowns());
        } else if (d instanceof UnknownDevice u) {
            return new UnknownDevice(withAddress(u.element(), a));
        }
        throw new IllegalArgumentException("a <" + d.elementName() + "> has no address");
    }

    /**
     * {@code element} with its {@code <address>} replaced, or added last: libvirt writes a device's
     * address after every other child (its {@code <rom>} and {@code <acpi>} too, virDomainDeviceInfoFormat).
     */
    private static XmlElement withAddress(XmlElement element, DeviceAddress a) {
        XmlElement.Builder address = XmlElement.builder("address").attribute("type", a.type());
        a.attributes().forEach(address::attribute);
        XmlElement.Builder b = XmlElement.builder(element.name()).text(element.text());
        element.attributes().forEach(b::attribute);
        boolean placed = false;
        for (XmlElement child : element.children()) {
            if (child.name().equals("address")) {
                if (!placed) {
                    b.child(address.build());
                    placed = true;
                }
                continue;
            }
            b.child(child);
        }
        if (!placed) {
            b.child(address.build());
        }
        return b.build();
    }
}
