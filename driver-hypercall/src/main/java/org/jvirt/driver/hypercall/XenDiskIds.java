package org.jvirt.driver.hypercall;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device number Xen's block back end names a guest disk by ({@code vbd-DOMID-NUMBER}), from the disk's
 * name as libvirt 0.4.4's {@code xenLinuxDomainDeviceID} computed it: {@code xvdX} is major 202 with 16
 * minors a disk (from {@code xvdq} on, Xen's extended numbering), {@code hdX} the IDE majors in pairs of
 * disks, {@code sdX} major 8 with 16 minors a disk; a number stands for itself. Stateless.
 */
final class XenDiskIds {
    private static final Pattern NAME = Pattern.compile("(xvd|hd|sd)([a-z]{1,2})([0-9]{0,2})");
    /** The majors of IDE disks hda/hdb, hdc/hdd ... hds/hdt. */
    private static final int[] IDE_MAJORS = {3, 22, 33, 34, 56, 57, 88, 89, 90, 91};
    private static final int XVD_MAJOR = 202;
    private static final int SCSI_MAJOR = 8;

    private XenDiskIds() {
    }

    /** The device number of {@code disk}; -1 when it is no disk name Xen numbers. */
    static int of(String disk) {
        if (disk.matches("[0-9]{1,9}")) {
            return Integer.parseInt(disk);
        }
        Matcher m = NAME.matcher(disk);
        if (!m.matches()) {
            return -1;
        }
        String letters = m.group(2);
        int index = letters.length() == 1 ? letters.charAt(0) - 'a' : (letters.charAt(0) - 'a' + 1) * 26
                + letters.charAt(1) - 'a';
        int partition = m.group(3).isEmpty() ? 0 : Integer.parseInt(m.group(3));
        switch (m.group(1)) {
            case "xvd" -> {
                if (index < 16 && partition < 16) {
                    return XVD_MAJOR << 8 | index << 4 | partition;
                }
                return partition < 256 ? 1 << 28 | index << 8 | partition : -1;
            }
            case "hd" -> {
                if (index >= IDE_MAJORS.length * 2 || partition >= 64) {
                    return -1;
                }
                return IDE_MAJORS[index / 2] << 8 | (index % 2) * 64 + partition;
            }
            default -> {
                return index < 16 && partition < 16 ? SCSI_MAJOR << 8 | index << 4 | partition : -1;
            }
        }
    }
}
