package org.jvirt.driver.qemu.command;

import java.util.Map;
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
            QemuCommandBuilder.NicPlan p = plan(nic, i, g.arch());
            if (p.needsUsb()) {
                out.usb(g);
            }
            out.arg("-netdev", p.netdev());
            String dev = p.device();
            int boot = g.bootIndex("network", first);
            first = false;
            if (boot > 0) {
                dev += ",bootindex=" + boot;
            }
            out.arg("-device", dev + g.pciProps(nic.address()));
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
     * The QEMU side of an interface {@link QemuValidate#nic} accepted.
     *
     * @param index the interface's number ({@code net0}, {@code hostnet0})
     */
    static QemuCommandBuilder.NicPlan plan(InterfaceDevice nic, int index, String arch) {
        String netdevId = "hostnet" + index;
        String netdev = switch (nic.type()) {
            case "user" -> "user,id=" + netdevId;
            case "bridge" -> "bridge,id=" + netdevId + ",br=" + nic.sourceBridge();
            // No qemu-ifup scripts, as libvirt: a tap's setup is left to whoever made it.
            case "ethernet" -> "tap,id=" + netdevId + (nic.targetDev() == null ? "" : ",ifname=" + nic.targetDev())
                    + ",script=no,downscript=no";
            default -> throw new IllegalStateException("interface type '" + nic.type() + "' was not validated");
        };
        String driver = NIC_MODELS.get(model(nic, arch));
        boolean usbNic = driver.equals("usb-net");
        String port = usbNic && nic.address() != null && nic.address().attribute("port") != null
                ? ",port=" + nic.address().attribute("port") : "";
        String device = driver + ",netdev=" + netdevId + ",id=net" + index + ",mac=" + nic.mac()
                + (usbNic ? ",bus=usb.0" + port : "");
        return new QemuCommandBuilder.NicPlan(new QemuCommand.NicIds("net" + index, netdevId), netdev, device, usbNic);
    }
}
