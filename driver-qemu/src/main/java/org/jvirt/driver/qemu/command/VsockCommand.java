package org.jvirt.driver.qemu.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.xml.XmlElement;

/**
 * The virtio socket ({@code <vsock>}) on the command line, as libvirt's qemuBuildVsockCommandLine: the
 * {@code vhost-vsock-pci} device {@code vsock0} with the guest's CID, written last. QEMU opens the host's
 * {@code /dev/vhost-vsock} itself (libvirt opens it and hands QEMU the descriptor); without it the start
 * is refused naming it, as libvirt refuses. A CID chosen automatically is refused: libvirt asks the
 * host's vhost-vsock which CIDs are free, which the driver cannot. The model keeps {@code <vsock>} as an
 * element: {@link #honoured} says which ones this class speaks of. Stateless.
 */
final class VsockCommand {
    /** The host device QEMU's vhost-vsock works through. */
    static final Path DEVICE = Path.of("/dev/vhost-vsock");

    private VsockCommand() {
    }

    /** Whether a {@code <vsock>} has only a {@code model}, a {@code <cid>} and an {@code <address>}. */
    static boolean honoured(XmlElement vsock) {
        XmlElement cid = vsock.child("cid");
        return ElementDevices.only(vsock, Set.of("model"), Set.of("cid", "address"))
                && (cid == null || ElementDevices.leaf(cid, Set.of("auto", "address")));
    }

    /** {@link #validate(Guest, boolean)} on this host. */
    static void validate(Guest g) {
        validate(g, Files.exists(DEVICE));
    }

    /**
     * Refuses a vsock without the host's device (libvirt's SYSTEM_ERROR), of a model other than virtio,
     * without a CID of its own, or placed where QEMU cannot put it.
     *
     * @param hostDevice whether this host has {@link #DEVICE}
     */
    static void validate(Guest g, boolean hostDevice) {
        List<XmlElement> vsocks = ElementDevices.named(g.def(), "vsock");
        if (vsocks.size() > 1) {
            throw Unsupported.config(g.name(), "only one <vsock> device is supported");
        }
        for (XmlElement vsock : vsocks) {
            if (!hostDevice) {
                throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "unable to open vhost-vsock device "
                        + DEVICE + ": No such file or directory", g.name());
            }
            String model = vsock.attribute("model");
            if (model != null && !model.equals("virtio")) {
                throw Unsupported.config(g.name(), "vsock model '" + model + "' is not supported, only 'virtio'");
            }
            XmlElement cid = vsock.child("cid");
            String address = cid == null ? null : cid.attribute("address");
            if (address == null) {
                throw Unsupported.config(g.name(), "<vsock>: a CID chosen automatically is not supported by the QEMU"
                        + " driver; give <cid address='N'/>");
            }
            if (!address.matches("[0-9]{1,10}") || Long.parseLong(address) < 3 || Long.parseLong(address) > 0xffffffffL) {
                throw Unsupported.invalid(g.name(), "<vsock>: guest CID '" + address + "' is not one of 3 to 4294967295");
            }
            DeviceAddress a = ElementDevices.address(vsock);
            if (a != null && !"pci".equals(a.type())) {
                throw Unsupported.config(g.name(), "<vsock>: address type '" + a.type() + "' is not supported, only 'pci'");
            }
            DeviceValidate.pciAddress(a);
        }
    }

    static void add(Guest g, CommandLine out) {
        for (XmlElement vsock : ElementDevices.named(g.def(), "vsock")) {
            Map<String, Object> p = Json.object("driver", "vhost-vsock-pci", "id", "vsock0",
                    "guest-cid", Long.parseLong(vsock.child("cid").attribute("address")));
            DeviceProps.address(p, ElementDevices.address(vsock), g.def());
            out.device(p);
        }
    }
}
