package org.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.UnknownDevice;

/**
 * libvirt's qemuDomainAssignSpaprVIOAddresses: the devices that sit on the sPAPR VIO bus
 * (spapr-vlan interfaces, ibmvscsi controllers, spapr-vio serial ports, and on pSeries NVRAM and
 * TPMs) get a {@code spapr-vio} address; one without a register takes its kind's base register
 * (QEMU's), moved up by 0x1000 while another device has it; a register the document gave twice is
 * refused. Stateless.
 */
final class SpaprVio {
    private SpaprVio() {
    }

    static void assign(GuestDevices devices, Chipset chipset) {
        boolean pseries = chipset.arch().startsWith("ppc64") && chipset.machine().startsWith("pseries");
        List<int[]> order = new ArrayList<>();
        for (int i : devices.indexesOf("interface")) {
            order.add(new int[] {i, 0x1000, "spapr-vlan".equals(((InterfaceDevice) devices.get(i)).model()) ? 1 : 0});
        }
        for (int i : devices.indexesOf("controller")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            order.add(new int[] {i, 0x2000, c.type().equals("scsi") && "ibmvscsi".equals(c.model()) ? 1 : 0});
        }
        for (int i : devices.indexesOf("serial")) {
            order.add(new int[] {i, 0x30000000,
                "spapr-vio-serial".equals(((CharDevice) devices.get(i)).targetType()) ? 1 : 0});
        }
        for (int i : devices.indexesOf("nvram")) {
            order.add(new int[] {i, 0x3000, pseries ? 1 : 0});
        }
        for (int i : devices.indexesOf("tpm")) {
            String model = ((UnknownDevice) devices.get(i)).element().attribute("model");
            order.add(new int[] {i, 0x4000, pseries && !"spapr-tpm-proxy".equals(model) ? 1 : 0});
        }
        for (int[] entry : order) {
            int i = entry[0];
            DeviceAddress a = devices.address(i);
            boolean vio = a != null && "spapr-vio".equals(a.type());
            if (!vio && entry[2] == 0) {
                continue;
            }
            String given = vio ? a.attribute("reg") : null;
            long reg = given == null ? entry[1] : PciAddress.number(given);
            while (taken(devices, i, reg)) {
                if (given != null) {
                    throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.QEMU, ErrorCode.XML_ERROR.format(
                            "spapr-vio address 0x" + Long.toHexString(reg) + " already in use"));
                }
                reg += 0x1000;
            }
            devices.setAddress(i, new DeviceAddress("spapr-vio", Map.of("reg", String.format("0x%08x", reg))));
        }
    }

    /** qemuDomainSpaprVIOFindByReg: another device has this register. */
    private static boolean taken(GuestDevices devices, int self, long reg) {
        for (int j = 0; j < devices.size(); j++) {
            DeviceAddress b = devices.address(j);
            if (j != self && b != null && "spapr-vio".equals(b.type()) && b.attribute("reg") != null
                    && PciAddress.number(b.attribute("reg")) == reg) {
                return true;
            }
        }
        return false;
    }
}
