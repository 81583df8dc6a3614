package org.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The security model of a lone {@code <seclabel>} that names none, as libvirt reads a definition of
 * a driver whose first security model is {@code none} (virSecurityLabelDefsParseXML with the QEMU
 * driver's defSecModel): a label of type {@code none}, or a dynamic one without base label, is
 * {@code <seclabel type='none' model='none'/>}. jvirt's QEMU driver has no security driver, so its
 * model is {@code none}. Stateless.
 */
final class DefaultSeclabel {
    private DefaultSeclabel() {
    }

    static DomainDefinition apply(DomainDefinition def) {
        List<XmlElement> top = def.unknowns().elementsAt("");
        int at = -1;
        for (int i = 0; i < top.size(); i++) {
            if (top.get(i).name().equals("seclabel")) {
                if (at >= 0) {
                    return def; // several labels each name their model
                }
                at = i;
            }
        }
        if (at < 0) {
            return def;
        }
        XmlElement label = top.get(at);
        String type = label.attribute("type") == null ? "dynamic" : label.attribute("type");
        boolean unnamed = label.attribute("model") == null;
        boolean applies = type.equals("none") || type.equals("dynamic") && label.child("baselabel") == null;
        if (!unnamed || !applies) {
            return def;
        }
        List<XmlElement> changed = new ArrayList<>(top);
        changed.set(at, XmlElement.builder("seclabel").attribute("type", "none").attribute("model", "none").build());
        return def.toBuilder().unknowns(def.unknowns().withElementsAt("", changed)).build();
    }
}
