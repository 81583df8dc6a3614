package org.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The features libvirt's QEMU driver turns on at define (qemuDomainDefEnableDefaultFeatures): Arm's
 * virt board always has a GIC, and a GIC without a version gets one. jvirt's emulators run Arm
 * guests with TCG only, where libvirt skips the emulated GICv3 (it has no MSI controller for the
 * PCIe topology) and settles on version 2. Stateless.
 */
final class DefaultFeatures {
    private DefaultFeatures() {
    }

    static DomainDefinition apply(DomainDefinition def) {
        boolean armVirt = DomainDefaults.isArmVirt(def);
        List<XmlElement> features = new ArrayList<>(def.features());
        int gic = -1;
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).name().equals("gic")) {
                gic = i;
            }
        }
        if (gic < 0 && !armVirt) {
            return def;
        }
        if (gic >= 0) {
            XmlElement present = features.get(gic);
            if (present.attribute("version") != null) {
                return def;
            }
        }
        XmlElement withVersion = XmlElement.builder("gic").attribute("version", "2").build();
        if (gic < 0) {
            features.add(withVersion);
        } else {
            features.set(gic, withVersion);
        }
        return def.toBuilder().features(features).build();
    }
}
