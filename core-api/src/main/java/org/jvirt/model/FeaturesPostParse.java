package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.model.xml.XmlElement;

/**
 * The hypervisor features libvirt settles while reading {@code <features>} (virDomainFeaturesDefParse
 * and virDomainDefFormatFeatures) beyond their names: Hyper-V enlightenments are chosen one by one
 * ({@code mode='custom'}) unless the document says otherwise; SMM is on unless it says off, and
 * its TSEG size (MiB unless a unit is given) is written in the largest unit that holds it whole.
 * The model keeps features as elements; this normalises them. Stateless.
 */
final class FeaturesPostParse {
    private FeaturesPostParse() {
    }

    static DomainDefinition apply(DomainDefinition def) {
        List<XmlElement> features = def.features();
        List<XmlElement> out = new ArrayList<>(features.size());
        for (XmlElement f : features) {
            out.add(switch (f.name()) {
                case "hyperv" -> f.attribute("mode") != null ? f
                        : Elements.withAttributeAfter(f, "mode", "custom", null);
                case "smm" -> smm(f);
                default -> f;
            });
        }
        return out.equals(features) ? def : def.toBuilder().features(out).build();
    }

    private static XmlElement smm(XmlElement smm) {
        String state = smm.attribute("state") == null ? "on" : smm.attribute("state");
        XmlElement.Builder b = XmlElement.builder("smm").attribute("state", state);
        smm.attributes().forEach((k, v) -> {
            if (!k.equals("state")) {
                b.attribute(k, v);
            }
        });
        for (XmlElement child : smm.children()) {
            if (!child.name().equals("tseg")) {
                b.child(child);
            } else if (state.equals("on") && !child.text().isEmpty()) {
                // An empty TSEG size is none (virParseScaledValue, not required).
                ScaledValues.Pretty size = ScaledValues.pretty(ScaledValues.parse(child.text(), child.attribute("unit"),
                        "string(./features/smm/tseg)", 1024 * 1024, -1L));
                b.child(XmlElement.builder("tseg").attribute("unit", size.unit())
                        .text(Long.toUnsignedString(size.value())).build());
            }
        }
        XmlElement done = b.text(smm.text()).build();
        return done.equals(smm) ? smm : done;
    }
}
