package org.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.model.Bitmaps;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The vCPUs of a guest's NUMA cells as libvirt's QEMU driver completes them
 * (qemuDomainDefNumaCPUsRectify): when the cells hold fewer vCPUs than the guest has, the first
 * cell takes every vCPU no other cell holds. The cells are {@code <cpu><numa><cell cpus=>}, which the
 * core has already read and written canonically ({@code 0-3,6}). Stateless.
 */
final class NumaCpus {
    private NumaCpus() {
    }

    static DomainDefinition apply(DomainDefinition def) {
        XmlElement cpu = DomainDefaults.topElement(def, "cpu");
        XmlElement numa = cpu == null ? null : cpu.child("numa");
        if (numa == null) {
            return def;
        }
        List<XmlElement> cells = numa.children().stream().filter(c -> c.name().equals("cell")).toList();
        if (cells.isEmpty()) {
            return def;
        }
        int max = def.vcpus();
        int total = 0;
        BitSet first = new BitSet();
        BitSet rest = new BitSet();
        for (int i = 0; i < cells.size(); i++) {
            BitSet cpus = cpuList(cells.get(i).attribute("cpus"));
            total += cpus.cardinality();
            (i == 0 ? first : rest).or(cpus);
        }
        if (total >= max) {
            return def;
        }
        BitSet filled = new BitSet();
        filled.set(0, max);
        filled.andNot(rest);
        if (filled.equals(first)) {
            return def;
        }
        XmlElement cell = cells.get(0);
        // libvirt writes a cell's id, then its cpus, then the rest (virDomainNumaDefFormatXML).
        XmlElement.Builder b = XmlElement.builder("cell");
        if (cell.attribute("id") != null) {
            b.attribute("id", cell.attribute("id"));
        }
        b.attribute("cpus", Bitmaps.format(filled));
        cell.attributes().forEach((k, v) -> {
            if (!k.equals("id") && !k.equals("cpus")) {
                b.attribute(k, v);
            }
        });
        cell.children().forEach(b::child);
        XmlElement newNuma = replaceChild(numa, cell, b.build());
        XmlElement newCpu = replaceChild(cpu, numa, newNuma);
        List<XmlElement> top = new ArrayList<>(def.unknowns().elementsAt(""));
        top.set(top.indexOf(cpu), newCpu);
        return def.toBuilder().unknowns(def.unknowns().withElementsAt("", top)).build();
    }

    private static XmlElement replaceChild(XmlElement parent, XmlElement old, XmlElement replacement) {
        XmlElement.Builder b = XmlElement.builder(parent.name());
        parent.attributes().forEach(b::attribute);
        for (XmlElement child : parent.children()) {
            b.child(child == old ? replacement : child);
        }
        if (!parent.text().isBlank()) {
            b.text(parent.text());
        }
        return b.build();
    }

    /** A cell's CPU list ({@code 0-3,^2,6}), as libvirt reads it; empty for none. */
    private static BitSet cpuList(String list) {
        return list == null || list.isBlank() ? new BitSet() : Bitmaps.parse(list);
    }
}
