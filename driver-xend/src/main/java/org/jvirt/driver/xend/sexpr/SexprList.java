package org.jvirt.driver.xend.sexpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A list of S-expressions. xend's documents are lists whose first item names them:
 * {@code (domain (name 'pvtest') (memory 420) (device (vbd ...)) ...)}; the look-ups here follow
 * libvirt 0.4.4's {@code sexpr.c} on such documents.
 *
 * <p>A path names a list and then, level by level, the first child list of that name: on the
 * document above, {@code "domain/memory"} finds {@code (memory 420)} and {@code "domain/device/vbd"}
 * the first disk. Later children of the same name are reached with {@link #entries(String)}.
 *
 * @param items the items in order; never null, unmodifiable
 */
public record SexprList(List<Sexpr> items) implements Sexpr {

    public SexprList {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** The number of items, the name included. */
    public int size() {
        return items.size();
    }

    /** Whether this is {@code ()}. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The item at {@code index}; fails as {@link List#get} does outside the list. */
    public Sexpr get(int index) {
        return items.get(index);
    }

    /** The name of this list: its first item when that is an atom ({@code domain}, {@code vbd}...). */
    public Optional<String> name() {
        return !items.isEmpty() && items.get(0) instanceof Atom a ? Optional.of(a.value()) : Optional.empty();
    }

    /** Whether this list's name is {@code name}. */
    public boolean isNamed(String name) {
        return !items.isEmpty() && items.get(0) instanceof Atom a && a.value().equals(name);
    }

    /**
     * The list {@code path} names, whatever follows its name: libvirt's {@code sexpr_lookup_key}.
     * {@code (bootloader)} is found by {@code "domain/bootloader"} though it holds no value.
     */
    public Optional<SexprList> find(String path) {
        String[] tokens = path.split("/", -1);
        if (!isNamed(tokens[0])) {
            return Optional.empty();
        }
        SexprList current = this;
        for (int t = 1; t < tokens.length; t++) {
            SexprList next = current.child(tokens[t]);
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    /** The first child list named {@code name}, after this list's own name; null when there is none. */
    private SexprList child(String name) {
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i) instanceof SexprList l && l.isNamed(name)) {
                return l;
            }
        }
        return null;
    }

    /** Whether {@code path} names a list, even an empty one: libvirt's {@code sexpr_has}. */
    public boolean has(String path) {
        return find(path).isPresent();
    }

    /**
     * The list {@code path} names when it holds at least one item after its name: libvirt's
     * {@code sexpr_lookup}, by which {@code (image (hvm ...))} is an HVM guest but {@code (hvm)} is not.
     */
    public Optional<SexprList> lookup(String path) {
        return find(path).filter(l -> l.size() > 1);
    }

    /**
     * The value of the list {@code path} names: its second item when that is an atom, such as
     * {@code "420"} for {@code "domain/memory"} — libvirt's {@code sexpr_node}. Empty when the list
     * is missing, holds nothing, or holds a list.
     */
    public Optional<String> value(String path) {
        return lookup(path).flatMap(l -> l.get(1) instanceof Atom a ? Optional.of(a.value()) : Optional.empty());
    }

    /**
     * Every child list named {@code name}, in order: the {@code device} entries of a domain, the
     * {@code usbdevice} entries of an HVM image...
     */
    public List<SexprList> entries(String name) {
        List<SexprList> found = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i) instanceof SexprList l && l.isNamed(name)) {
                found.add(l);
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return SexprPrinter.print(this);
    }
}
