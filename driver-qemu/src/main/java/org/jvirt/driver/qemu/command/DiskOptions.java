package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.Unknowns;
import org.jvirt.model.xml.XmlElement;

/**
 * The settings of a disk the model keeps as unparsed XML and the command line honours: the I/O mode
 * and error policies of {@code <driver>}, its I/O thread, {@code <geometry>}, {@code <wwn>},
 * {@code <vendor>}, {@code <product>}, {@code <blockio>}, {@code <iotune>} (applied over QMP once QEMU
 * runs), a USB disk's {@code removable}, and what changes nothing for QEMU: the tray state and the
 * snapshot default. Immutable.
 *
 * @param io {@code threads}, {@code native} or {@code io_uring}; null for QEMU's default
 * @param errorPolicy {@code stop}, {@code report}, {@code ignore} or {@code enospace}; null for none
 * @param readErrorPolicy the policy on read errors; null for the write one's
 * @param iothread the number of the I/O thread of a virtio disk, 0 for none
 * @param geometry {@code <geometry>}, or null
 * @param wwn the World Wide Name, hexadecimal, or null
 * @param vendor the SCSI vendor, or null
 * @param product the SCSI product, or null
 * @param blockio {@code <blockio>}, or null
 * @param iotune {@code <iotune>}, or null
 * @param removable {@code on}/{@code off} for a USB disk's removable flag, or null
 */
record DiskOptions(String io, String errorPolicy, String readErrorPolicy, int iothread, XmlElement geometry,
                   String wwn, String vendor, String product, XmlElement blockio, XmlElement iotune,
                   String removable) {
    /** The attributes of {@code <driver>} read here. */
    private static final Set<String> DRIVER_ATTRIBUTES = Set.of("io", "error_policy", "rerror_policy", "iothread");
    /** The child elements of {@code <disk>} read here. */
    private static final Set<String> ELEMENTS = Set.of("geometry", "wwn", "vendor", "product", "blockio", "iotune");
    /** The attributes of {@code <target>}: {@code tray} is the guest-visible tray state, nothing QEMU is told at start. */
    private static final Set<String> TARGET_ATTRIBUTES = Set.of("removable", "tray");

    /** The options of a disk. */
    static DiskOptions of(DiskDevice d) {
        Unknowns u = d.unknowns();
        Map<String, String> driver = u.attributesAt("driver");
        String iothread = driver.get("iothread");
        return new DiskOptions(driver.get("io"), driver.get("error_policy"), driver.get("rerror_policy"),
                iothread == null ? 0 : Integer.parseInt(iothread), element(u, "geometry"), text(u, "wwn"),
                text(u, "vendor"), text(u, "product"), element(u, "blockio"), element(u, "iotune"),
                u.attributesAt("target").get("removable"));
    }

    /**
     * {@code d} without what {@link #of} reads and the disk's {@code snapshot} default (a matter of
     * snapshots, not of the running guest), so that only what the command line cannot honour remains
     * unmodelled.
     */
    static DiskDevice strip(DiskDevice d) {
        Unknowns u = d.unknowns();
        if (u.isEmpty()) {
            return d;
        }
        Unknowns kept = u.withoutAttribute("", "snapshot");
        for (String a : DRIVER_ATTRIBUTES) {
            kept = kept.withoutAttribute("driver", a);
        }
        for (String a : TARGET_ATTRIBUTES) {
            kept = kept.withoutAttribute("target", a);
        }
        List<XmlElement> top = new ArrayList<>(kept.elementsAt(""));
        if (top.removeIf(e -> ELEMENTS.contains(e.name()))) {
            kept = kept.withElementsAt("", top);
        }
        return kept.equals(u) ? d : d.toBuilder().unknowns(kept).build();
    }

    /** libvirt's write and read error policies as QEMU spells them ({@code enospc} only for writes). */
    String[] qemuErrorPolicies() {
        if ("enospace".equals(errorPolicy)) {
            return new String[] {"enospc", readErrorPolicy};
        }
        return new String[] {errorPolicy, readErrorPolicy != null ? readErrorPolicy : errorPolicy};
    }

    private static XmlElement element(Unknowns u, String name) {
        for (XmlElement e : u.elementsAt("")) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Unknowns u, String name) {
        XmlElement e = element(u, name);
        return e == null ? null : e.text().strip();
    }
}
