package org.jvirt.driver.qemu.command;

import java.util.Set;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The checks of a disk's {@link DiskOptions} before its command line is built: values QEMU has a
 * meaning for, numbers where numbers go (libvirt's schema already holds its documents to these; the
 * checks stand for documents built in code). Stateless.
 */
final class DiskValidate {
    private static final Set<String> IO_MODES = Set.of("threads", "native", "io_uring");
    private static final Set<String> ERROR_POLICIES = Set.of("stop", "report", "ignore", "enospace");
    private static final Set<String> TRANSLATIONS = Set.of("none", "lba", "auto", "default");

    private DiskValidate() {
    }

    /**
     * @param where how errors name the disk ({@code disk 'vda'})
     * @throws org.jvirt.api.VirtException XML_ERROR naming the value, CONFIG_UNSUPPORTED for an option
     *         the disk's bus has no use for
     */
    static void options(String domain, String where, DiskDevice d) {
        DiskOptions o;
        try {
            o = DiskOptions.of(d);
        } catch (NumberFormatException e) {
            throw Unsupported.invalid(domain, where + ": the I/O thread of <driver iothread> must be a number");
        }
        oneOf(domain, where, "<driver io>", o.io(), IO_MODES);
        oneOf(domain, where, "<driver error_policy>", o.errorPolicy(), ERROR_POLICIES);
        oneOf(domain, where, "<driver rerror_policy>", o.readErrorPolicy(), Set.of("stop", "report", "ignore"));
        if (o.iothread() != 0 && (o.iothread() < 0 || !d.targetBus().equals("virtio"))) {
            throw Unsupported.config(domain, where + ": an I/O thread (<driver iothread>) is for virtio disks only");
        }
        if (o.geometry() != null) {
            for (String a : new String[] {"cyls", "heads", "secs"}) {
                number(domain, where, "<geometry " + a + ">", o.geometry().attribute(a));
            }
            oneOf(domain, where, "<geometry trans>", o.geometry().attribute("trans"), TRANSLATIONS);
        }
        if (o.wwn() != null && !o.wwn().matches("(0[xX])?[0-9a-fA-F]{16}")) {
            throw Unsupported.invalid(domain, where + ": <wwn> '" + o.wwn() + "' is not 16 hexadecimal digits");
        }
        if ((o.vendor() != null || o.product() != null || o.wwn() != null) && !d.targetBus().equals("scsi")
                && !d.targetBus().equals("ide") && !d.targetBus().equals("sata")) {
            throw Unsupported.config(domain, where + ": <wwn>, <vendor> and <product> are for SCSI and IDE disks only");
        }
        if (o.blockio() != null) {
            number(domain, where, "<blockio logical_block_size>", o.blockio().attribute("logical_block_size"));
            number(domain, where, "<blockio physical_block_size>", o.blockio().attribute("physical_block_size"));
        }
        if (o.iotune() != null) {
            for (XmlElement e : o.iotune().children()) {
                if (!DiskCommand.isThrottle(e.name())) {
                    throw Unsupported.config(domain, where + ": <iotune><" + e.name()
                            + "> is not supported by the QEMU driver");
                }
                if (!e.name().equals("group_name")) {
                    number(domain, where, "<iotune><" + e.name() + ">", e.text().strip());
                }
            }
        }
        if (o.removable() != null && !d.targetBus().equals("usb")) {
            throw Unsupported.config(domain, where + ": <target removable> is for USB disks only");
        }
    }

    private static void oneOf(String domain, String where, String what, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw Unsupported.invalid(domain, where + ": " + what + " '" + value + "' is none of "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
    }

    private static void number(String domain, String where, String what, String value) {
        if (value != null && !value.matches("[0-9]{1,19}")) {
            throw Unsupported.invalid(domain, where + ": " + what + " '" + value + "' is not a number");
        }
    }
}
