package org.jvirt.driver.qemu.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * Virtio sockets ({@code <vsock>}): not yet on the command line, but refused naming what is missing
 * before QEMU is asked anything. {@code vhost-vsock-pci} needs the host's {@code /dev/vhost-vsock}, which
 * libvirt opens (and without which it refuses in the words kept here); the guest's CID must be chosen
 * among those free on the host. The model keeps {@code <vsock>} as an element: {@link #honoured} says
 * which ones {@link #validate} can speak of. Stateless.
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

    /** Refuses every vsock: with libvirt's SYSTEM_ERROR without the host device, else as not built. */
    static void validate(Guest g) {
        for (XmlElement vsock : ElementDevices.named(g.def(), "vsock")) {
            if (!Files.exists(DEVICE)) {
                throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "unable to open vhost-vsock device "
                        + DEVICE + ": No such file or directory", g.name());
            }
            throw Unsupported.config(g.name(), "<vsock> is not supported by the QEMU driver");
        }
    }
}
