package org.jvirt.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorDomain;
import org.jvirt.model.xml.XmlElement;

/**
 * Security labels as libvirt reads an inactive definition and writes it back: the domain's
 * {@code <seclabel>}s (virSecurityLabelDefsParseXML, virSecurityLabelDefParseXML,
 * virSecurityLabelDefFormat) and the per-device overrides in a disk's or character device's
 * source (virSecurityDeviceLabelDefParseXML, virSecurityDeviceLabelDefFormat). A running guest's
 * labels (a dynamic label, an image label, {@code labelskip}) are not part of a definition. The
 * model keeps labels as elements; this normalises them. Stateless.
 */
final class SeclabelPostParse {
    private static final Set<String> TYPES = Set.of("none", "dynamic", "static");

    private SeclabelPostParse() {
    }

    static DomainDefinition apply(DomainDefinition def) {
        List<XmlElement> top = def.unknowns().elementsAt("");
        List<XmlElement> labels = new ArrayList<>();
        for (XmlElement e : top) {
            if (e.name().equals("seclabel")) {
                labels.add(e);
            }
        }
        DomainDefinition out = def;
        if (!labels.isEmpty()) {
            List<XmlElement> read = domainLabels(labels);
            List<XmlElement> changed = new ArrayList<>(top.size());
            int next = 0;
            for (XmlElement e : top) {
                changed.add(e.name().equals("seclabel") ? read.get(next++) : e);
            }
            if (!changed.equals(top)) {
                out = def.toBuilder().unknowns(def.unknowns().withElementsAt("", changed)).build();
            }
        }
        // virSecurityDeviceLabelDefValidate: an override needs its model to relabel at the domain level.
        Map<String, Boolean> relabels = new HashMap<>();
        for (XmlElement e : out.unknowns().elementsAt("")) {
            if (e.name().equals("seclabel")) {
                relabels.put(e.attribute("model"), "yes".equals(e.attribute("relabel")));
            }
        }
        List<Device> devices = new ArrayList<>(out.devices());
        boolean devicesChanged = false;
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            Device done = d;
            if (d instanceof DiskDevice disk) {
                Unknowns u = deviceLabels(disk.unknowns(), "source", relabels);
                done = u == disk.unknowns() ? disk : disk.toBuilder().unknowns(u).build();
            } else if (d instanceof CharDevice chr) {
                Unknowns u = deviceLabels(chr.unknowns(), "source[1]", relabels);
                done = u == chr.unknowns() ? chr : chr.toBuilder().unknowns(u).build();
            }
            devicesChanged |= done != d;
            devices.set(i, done);
        }
        return devicesChanged ? out.toBuilder().devices(devices).build() : out;
    }

    private static List<XmlElement> domainLabels(List<XmlElement> labels) {
        List<XmlElement> out = new ArrayList<>(labels.size());
        Set<String> models = new HashSet<>();
        boolean unnamed = false;
        for (XmlElement e : labels) {
            String model = e.attribute("model");
            if (!models.add(String.valueOf(model))) {
                throw DomainErrors.detail("seclabel for model " + model + " is already provided");
            }
            unnamed |= model == null;
            out.add(domainLabel(e));
        }
        if (labels.size() > 1 && unnamed) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "missing security model when using multiple labels");
        }
        return out;
    }

    /** One domain label of an inactive definition, as libvirt writes it back. */
    private static XmlElement domainLabel(XmlElement e) {
        String model = e.attribute("model");
        String type = e.attribute("type") == null ? "dynamic" : e.attribute("type");
        if (!TYPES.contains(type)) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN,
                    "Invalid value for attribute 'type' in element 'seclabel': '" + type + "'.");
        }
        boolean relabel = type.equals("dynamic");
        String given = e.attribute("relabel");
        if (given != null) {
            relabel = yesNo(given, "relabel", "seclabel");
        }
        if (type.equals("dynamic") && !relabel) {
            throw DomainErrors.unsupported("dynamic label type must use resource relabeling");
        }
        if (type.equals("none") && relabel) {
            throw DomainErrors.unsupported("resource relabeling is not compatible with 'none' label type");
        }
        XmlElement.Builder b = XmlElement.builder("seclabel");
        if ("none".equals(model)) {
            // Older configurations: the model 'none' labels nothing.
            return b.attribute("type", "none").attribute("model", "none").build();
        }
        b.attribute("type", type);
        if (model != null) {
            b.attribute("model", model);
        }
        if (type.equals("none")) {
            return b.build();
        }
        b.attribute("relabel", relabel ? "yes" : "no");
        if (type.equals("static")) {
            XmlElement label = e.child("label");
            if (label == null || label.text().isEmpty()) {
                throw XmlValues.invalid(ErrorDomain.DOMAIN, "security label is missing");
            }
            b.child(XmlElement.builder("label").text(label.text()).build());
        }
        XmlElement base = e.child("baselabel");
        if (type.equals("dynamic") && base != null) {
            b.child(XmlElement.builder("baselabel").text(base.text()).build());
        }
        return b.build();
    }

    /** The overrides in the source at {@code location}: an inactive definition keeps those that say something. */
    private static Unknowns deviceLabels(Unknowns u, String location, Map<String, Boolean> domainRelabels) {
        List<XmlElement> children = u.elementsAt(location);
        if (children.stream().noneMatch(e -> e.name().equals("seclabel"))) {
            return u;
        }
        List<XmlElement> out = new ArrayList<>(children.size());
        Set<String> models = new HashSet<>();
        for (XmlElement e : children) {
            if (!e.name().equals("seclabel")) {
                out.add(e);
                continue;
            }
            String model = e.attribute("model");
            if (model != null && !models.add(model)) {
                throw DomainErrors.detail("seclabel for model " + model + " is already provided");
            }
            boolean relabel = e.attribute("relabel") == null || yesNo(e.attribute("relabel"), "relabel", "seclabel");
            XmlElement label = e.child("label");
            String text = label == null ? null : label.text();
            if (text != null && !relabel) {
                throw XmlValues.invalid(ErrorDomain.DOMAIN, "Cannot specify a label if relabelling is turned off. model="
                        + (model == null ? "<null>" : model));
            }
            if (Boolean.FALSE.equals(domainRelabels.get(model))) {
                throw DomainErrors.unsupported("label overrides require relabeling to be enabled at the domain level");
            }
            if (text == null && relabel) {
                continue;
            }
            XmlElement.Builder b = XmlElement.builder("seclabel");
            if (model != null) {
                b.attribute("model", model);
            }
            b.attribute("relabel", relabel ? "yes" : "no");
            if (text != null) {
                b.child(XmlElement.builder("label").text(text).build());
            }
            out.add(b.build());
        }
        return out.equals(children) ? u : u.withElementsAt(location, out);
    }

    private static boolean yesNo(String value, String attribute, String element) {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw XmlValues.invalid(ErrorDomain.DOMAIN, "Invalid value for attribute '" + attribute
                    + "' in element '" + element + "': '" + value + "'.");
        };
    }

}
