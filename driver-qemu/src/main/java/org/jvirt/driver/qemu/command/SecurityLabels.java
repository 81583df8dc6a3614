package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The {@code <seclabel>}s of a definition (the domain's, and those of its disks' sources), which have no
 * effect on the command line: they say how libvirt's security drivers label QEMU and its files. jvirt
 * has no security driver: it runs QEMU as the current user and labels nothing. So it honours the labels
 * that ask for nothing to be done — {@code type='none'} (unconfined, of model {@code none} or
 * {@code dac}), and labels with {@code relabel='no'} of model {@code dac} or none given — and refuses
 * the rest at start, as libvirt does on a host without the driver: an SELinux or AppArmor label with
 * "Security driver model 'selinux' is not available", a DAC label that would run QEMU as another user
 * or relabel its files with its own message. Stateless.
 */
final class SecurityLabels {
    private SecurityLabels() {
    }

    /** Refuses a label jvirt cannot apply; see the class comment. */
    static void validate(Guest g) {
        for (XmlElement label : g.def().unknowns().elementsAt("")) {
            if (label.name().equals("seclabel")) {
                domainLabel(g.name(), label);
            }
        }
        for (DiskDevice d : g.def().devices(DiskDevice.class)) {
            for (XmlElement label : d.unknowns().elementsAt("source")) {
                if (label.name().equals("seclabel")) {
                    deviceLabel(g.name(), "disk '" + d.targetDev() + "'", label);
                }
            }
        }
    }

    private static void domainLabel(String name, XmlElement label) {
        String type = label.attribute("type") == null ? "dynamic" : label.attribute("type");
        String model = label.attribute("model");
        available(name, model);
        if (!type.equals("none") && (model == null || model.equals("dac"))) {
            throw Unsupported.config(name, "a " + type + " DAC <seclabel> cannot be applied: jvirt runs QEMU as"
                    + " the current user and labels no files");
        }
    }

    private static void deviceLabel(String name, String where, XmlElement label) {
        available(name, label.attribute("model"));
        if (!"no".equals(label.attribute("relabel"))) {
            throw Unsupported.config(name, where + ": a <seclabel> that relabels cannot be applied: jvirt labels"
                    + " no files");
        }
    }

    /** Only DAC exists on a host without SELinux and AppArmor, and the none driver. */
    private static void available(String name, String model) {
        if (model != null && !model.equals("dac") && !model.equals("none")) {
            throw Unsupported.config(name, "Security driver model '" + model + "' is not available");
        }
    }

    /** {@code d} without its sources' seclabels, which {@link #validate} checks. */
    static DiskDevice withoutLabels(DiskDevice d) {
        List<XmlElement> atSource = d.unknowns().elementsAt("source");
        if (atSource.isEmpty()) {
            return d;
        }
        List<XmlElement> kept = new ArrayList<>(atSource);
        return kept.removeIf(e -> e.name().equals("seclabel"))
                ? d.toBuilder().unknowns(d.unknowns().withElementsAt("source", kept)).build() : d;
    }
}
