package org.jvirt.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlWriter;

/**
 * The preserved unknown children of one element, written where libvirt writes children of their
 * names: before each modelled child the formatter writes, {@link #before} writes the unknowns
 * libvirt places ahead of it; {@link #rest} writes the others. Unknowns keep document order among
 * names of equal rank. Not thread-safe; one per element written.
 */
final class ChildSlots {
    private final XmlWriter w;
    private final DomainLayout.Order order;
    private final List<XmlElement> pending;
    private int next;

    ChildSlots(XmlWriter w, List<XmlElement> unknowns, DomainLayout.Order order) {
        this.w = w;
        this.order = order;
        if (unknowns.size() < 2) {
            this.pending = unknowns;
        } else {
            List<XmlElement> sorted = new ArrayList<>(unknowns);
            sorted.sort(Comparator.comparingInt(e -> order.rank(e.name())));
            this.pending = sorted;
        }
    }

    /** Writes the unknowns libvirt writes before a child named {@code child}. */
    ChildSlots before(String child) {
        int rank = order.rank(child);
        while (next < pending.size() && order.rank(pending.get(next).name()) < rank) {
            w.element(pending.get(next++));
        }
        return this;
    }

    /** Writes the unknowns not written yet. */
    void rest() {
        while (next < pending.size()) {
            w.element(pending.get(next++));
        }
    }
}
