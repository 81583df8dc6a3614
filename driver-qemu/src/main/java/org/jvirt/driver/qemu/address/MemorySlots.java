package org.jvirt.driver.qemu.address;

import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's qemuDomainAssignMemorySlots: in a guest with memory hot-plug ({@code <maxMemory slots=>}),
 * each DIMM or NVDIMM without a slot takes the lowest free one. Stateless.
 */
final class MemorySlots {
    private MemorySlots() {
    }

    static void assign(GuestDevices devices, DomainDefinition def) {
        int slots = slots(def);
        if (slots <= 0) {
            return;
        }
        boolean[] taken = new boolean[slots];
        for (int i : devices.indexesOf("memory")) {
            DeviceAddress a = devices.address(i);
            if (a != null && "dimm".equals(a.type()) && a.attribute("slot") != null) {
                long slot = PciAddress.number(a.attribute("slot"));
                if (slot >= 0 && slot < slots) {
                    taken[(int) slot] = true;
                }
            }
        }
        for (int i : devices.indexesOf("memory")) {
            String model = ((UnknownDevice) devices.get(i)).element().attribute("model");
            DeviceAddress a = devices.address(i);
            if (!("dimm".equals(model) || "nvdimm".equals(model)) || a != null && "dimm".equals(a.type())) {
                continue;
            }
            int slot = 0;
            while (slot < slots && taken[slot]) {
                slot++;
            }
            if (slot == slots) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                        ErrorCode.INTERNAL_ERROR.format("failed to find an empty memory slot"));
            }
            taken[slot] = true;
            devices.setAddress(i, new DeviceAddress("dimm", Map.of("slot", Integer.toString(slot))));
        }
    }

    /** virDomainDefHasMemoryHotplug's slot count: {@code <maxMemory slots=>} with a size, else 0. */
    private static int slots(DomainDefinition def) {
        for (XmlElement e : def.unknowns().elementsAt("")) {
            if (e.name().equals("maxMemory") && !e.text().isBlank() && e.attribute("slots") != null) {
                try {
                    return PciAddress.number(e.text()) > 0 ? (int) PciAddress.number(e.attribute("slots")) : 0;
                } catch (NumberFormatException ex) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
