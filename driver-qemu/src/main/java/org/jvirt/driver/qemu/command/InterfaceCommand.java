package org.jvirt.driver.qemu.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;

/**
 * Network interfaces on the command line, as libvirt's {@code qemuBuildInterfaceCommandLine}: a
 * {@code -netdev} host side ({@code hostnet0}: user-mode, a host bridge, a tap) and the guest's NIC
 * {@code -device} ({@code net0}) using it. Start and hot-plug share {@link #plan}.
 *
 * <p>Takes what {@link QemuValidate} accepted and refuses nothing. Stateless.
 */
final class InterfaceCommand {
    /** libvirt's NIC models and the QEMU device of each. */
    static final Map<String, String> NIC_MODELS = Map.of("virtio", "virtio-net-pci", "e1000", "e1000",
            "e1000e", "e1000e", "rtl8139", "rtl8139", "ne2k_pci", "ne2k_pci", "pcnet", "pcnet", "vmxnet3", "vmxnet3",
            "usb-net", "usb-net", "i82559er", "i82559er");

    private InterfaceCommand() {
    }

    /** Every interface, in document order; the first takes its place in the boot order. */
    static void add(Guest g, CommandLine out) {
        int i = 0;
        boolean first = true;
        for (InterfaceDevice nic : g.def().devices(InterfaceDevice.class)) {
            int boot = g.bootIndex("network", first);
            first = false;
            QemuCommandBuilder.NicPlan p = plan(nic, i, g.def(), boot);
            if (p.needsUsb()) {
                out.usb(g);
            }
            out.arg("-netdev", Json.write(p.netdev()));
            out.device(p.device());
            out.nics.put(nic.mac(), p.ids());
            i++;
        }
    }

    /**
     * The model of an interface: its own, else the one libvirt gives the architecture (the PC's
     * rtl8139, virtio elsewhere).
     */
    static String model(InterfaceDevice nic, String arch) {
        if (nic.model() != null) {
            return nic.model();
        }
        return arch.equals("x86_64") || arch.equals("i686") ? "rtl8139" : "virtio";
    }

    /**
     * The QEMU side of an interface {@link QemuValidate#nic} accepted: its {@code -netdev} and
     * {@code -device} properties in libvirt's order.
     *
     * @param index the interface's number ({@code net0}, {@code hostnet0})
     * @param def the definition the interface is in (or goes into), whose machine and controllers place it
     * @param bootIndex its place in the boot order, 0 for none
     */
    static QemuCommandBuilder.NicPlan plan(InterfaceDevice nic, int index, DomainDefinition def, int bootIndex) {
        String netdevId = "hostnet" + index;
        Map<String, Object> netdev = new LinkedHashMap<>();
        switch (nic.type()) {
            case "user" -> netdev.put("type", "user");
            case "bridge" -> {
                netdev.put("type", "bridge");
                netdev.put("br", nic.sourceBridge());
            }
            case "ethernet" -> {
                // No qemu-ifup scripts, as libvirt: a tap's setup is left to whoever made it.
                netdev.put("type", "tap");
                if (nic.targetDev() != null) {
                    netdev.put("ifname", nic.targetDev());
                }
                netdev.put("script", "no");
                netdev.put("downscript", "no");
            }
            case "client", "server", "mcast", "udp" -> {
                netdev.put("type", "socket");
                InterfaceOptions.socket(netdev, nic);
            }
            default -> throw new IllegalStateException("interface type '" + nic.type() + "' was not validated");
        }
        netdev.put("id", netdevId);
        String driver = DeviceProps.virtio(NIC_MODELS.get(model(nic, def.os().arch())), nic.address());
        boolean usbNic = driver.equals("usb-net");
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("driver", driver);
        if (driver.startsWith("virtio-net-")) {
            InterfaceOptions.virtio(device, nic);
        }
        device.put("netdev", netdevId);
        device.put("id", "net" + index);
        device.put("mac", nic.mac());
        if (bootIndex > 0) {
            device.put("bootindex", bootIndex);
        }
        if (usbNic) {
            device.put("bus", "usb.0");
            if (nic.address() != null && nic.address().attribute("port") != null) {
                device.put("port", nic.address().attribute("port"));
            }
        } else if (nic.address() != null && "pci".equals(nic.address().type())) {
            DeviceProps.pciAddress(device, nic.address(), DeviceProps.pciBus(def, 0));
        }
        InterfaceOptions.rom(device, nic);
        return new QemuCommandBuilder.NicPlan(new QemuCommand.NicIds("net" + index, netdevId), netdev, device, usbNic);
    }
}
