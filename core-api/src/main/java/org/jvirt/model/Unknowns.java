package org.jvirt.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.jvirt.model.xml.XmlElement;

/**
 * The XML a definition's model does not understand, kept verbatim so that formatting writes it
 * back unchanged: attributes and child elements, each at a <em>location</em> relative to the
 * element the owning object stands for.
 *
 * <p>A location is {@code ""} for that element itself, the name of a known child element for a
 * single one ({@code "source"}, {@code "target"}), a name with a 1-based index for one of a
 * list of known children ({@code "boot[2]"}, {@code "source[1]"}), and such steps joined with
 * {@code /} for deeper ones ({@code "dhcp/range[1]"}).
 *
 * <p>Immutable and thread-safe; equality is by value, in order. Accessors never return null.
 *
 * @since 1.0
 */
public final class Unknowns {
    /** Nothing unknown. */
    public static final Unknowns NONE = new Unknowns(List.of(), List.of());

    private record Attribute(String location, String name, String value) {
    }

    private record Element(String location, XmlElement element) {
    }

    private final List<Attribute> attributes;
    private final List<Element> elements;

    private Unknowns(List<Attribute> attributes, List<Element> elements) {
        this.attributes = attributes;
        this.elements = elements;
    }

    /** Starts an empty collection. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when nothing is kept. */
    public boolean isEmpty() {
        return attributes.isEmpty() && elements.isEmpty();
    }

    /** The unknown attributes at {@code location}, in document order; unmodifiable. */
    public Map<String, String> attributesAt(String location) {
        if (attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> found = null;
        for (Attribute a : attributes) {
            if (a.location.equals(location)) {
                if (found == null) {
                    found = new LinkedHashMap<>();
                }
                found.put(a.name, a.value);
            }
        }
        return found == null ? Map.of() : Collections.unmodifiableMap(found);
    }

    /** The unknown child elements at {@code location}, in document order; unmodifiable. */
    public List<XmlElement> elementsAt(String location) {
        if (elements.isEmpty()) {
            return List.of();
        }
        List<XmlElement> found = null;
        for (Element e : elements) {
            if (e.location.equals(location)) {
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.add(e.element);
            }
        }
        return found == null ? List.of() : Collections.unmodifiableList(found);
    }

    /**
     * Human-readable paths of everything kept, under {@code prefix}: {@code prefix/@attr},
     * {@code prefix/source/@attr}, {@code prefix/element}. An empty prefix gives relative paths.
     */
    public List<String> paths(String prefix) {
        List<String> out = new ArrayList<>(attributes.size() + elements.size());
        for (Attribute a : attributes) {
            out.add(join(prefix, join(a.location, "@" + a.name)));
        }
        for (Element e : elements) {
            out.add(join(prefix, join(e.location, e.element.name())));
        }
        return out;
    }

    /** A copy whose elements at {@code location} are stably ordered by {@code rank} of their name. */
    Unknowns withElementsOrdered(String location, ToIntFunction<String> rank) {
        if (elements.size() < 2) {
            return this;
        }
        List<Element> sorted = new ArrayList<>(elements);
        sorted.sort(Comparator.comparingInt(
                e -> e.location.equals(location) ? rank.applyAsInt(e.element.name()) : -1));
        return sorted.equals(elements) ? this : new Unknowns(attributes, List.copyOf(sorted));
    }

    /** A copy whose elements at {@code location} are {@code replacement}, after those kept elsewhere. */
    public Unknowns withElementsAt(String location, List<XmlElement> replacement) {
        List<Element> kept = new ArrayList<>(elements.size() + replacement.size());
        for (Element e : elements) {
            if (!e.location.equals(location)) {
                kept.add(e);
            }
        }
        for (XmlElement e : replacement) {
            kept.add(new Element(location, e));
        }
        return kept.equals(elements) ? this
                : attributes.isEmpty() && kept.isEmpty() ? NONE : new Unknowns(attributes, List.copyOf(kept));
    }

    /** A copy with the attribute {@code name} at {@code location} set to {@code value}, after the others. */
    public Unknowns withAttribute(String location, String name, String value) {
        List<Attribute> kept = new ArrayList<>(attributes);
        kept.removeIf(a -> a.location.equals(location) && a.name.equals(name));
        kept.add(new Attribute(location, name, value));
        return new Unknowns(List.copyOf(kept), elements);
    }

    /** A copy with the attribute {@code name} at {@code location}, which is kept, set to {@code value} in its place. */
    Unknowns withAttributeValue(String location, String name, String value) {
        List<Attribute> kept = new ArrayList<>(attributes);
        kept.replaceAll(a -> a.location.equals(location) && a.name.equals(name) ? new Attribute(location, name, value) : a);
        return new Unknowns(List.copyOf(kept), elements);
    }

    /** A copy without anything kept at {@code location} or below it. */
    public Unknowns without(String location) {
        String below = location + "/";
        List<Attribute> keptAttributes = new ArrayList<>(attributes);
        keptAttributes.removeIf(a -> a.location.equals(location) || a.location.startsWith(below));
        List<Element> keptElements = new ArrayList<>(elements);
        keptElements.removeIf(e -> e.location.equals(location) || e.location.startsWith(below));
        if (keptAttributes.size() == attributes.size() && keptElements.size() == elements.size()) {
            return this;
        }
        return keptAttributes.isEmpty() && keptElements.isEmpty() ? NONE
                : new Unknowns(List.copyOf(keptAttributes), List.copyOf(keptElements));
    }

    /** A copy without the attribute {@code name} at {@code location}. */
    public Unknowns withoutAttribute(String location, String name) {
        List<Attribute> kept = new ArrayList<>(attributes);
        kept.removeIf(a -> a.location.equals(location) && a.name.equals(name));
        return kept.size() == attributes.size() ? this
                : kept.isEmpty() && elements.isEmpty() ? NONE : new Unknowns(List.copyOf(kept), elements);
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "/" + child;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unknowns u && attributes.equals(u.attributes) && elements.equals(u.elements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attributes, elements);
    }

    @Override
    public String toString() {
        return "Unknowns" + paths("");
    }

    /** Collects unknown items; not thread-safe. */
    public static final class Builder {
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<Element> elements = new ArrayList<>();

        private Builder() {
        }

        /** Keeps an attribute at {@code location}. */
        public Builder attribute(String location, String name, String value) {
            attributes.add(new Attribute(Objects.requireNonNull(location, "location"),
                    Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** Keeps a child element at {@code location}. */
        public Builder element(String location, XmlElement element) {
            elements.add(new Element(Objects.requireNonNull(location, "location"),
                    Objects.requireNonNull(element, "element")));
            return this;
        }

        public Unknowns build() {
            return attributes.isEmpty() && elements.isEmpty() ? NONE
                    : new Unknowns(List.copyOf(attributes), List.copyOf(elements));
        }
    }
}
