package org.jvirt.driver.xend.config;

import java.util.Optional;
import org.jvirt.driver.xend.sexpr.Atom;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;

/**
 * One xend domain document being read, with what every part of the reading asks of it: whether the
 * guest is fully virtualised (its image is {@code (hvm ...)}), its id, the xend configuration
 * version, what xenstore said, and typed look-ups that refuse a value of the wrong kind instead of
 * reading it as nothing or zero, as libvirt's {@code strtol} did.
 */
final class SxpGuest {
    final SexprList root;
    final int version;
    final boolean hvm;
    /** The running domain's id, -1 for an inactive domain. */
    final int domid;
    final XenstoreFacts facts;

    private SxpGuest(SexprList root, int version, XenstoreFacts facts) {
        this.root = root;
        this.version = version;
        this.facts = facts;
        this.hvm = root.lookup("domain/image/hvm").isPresent();
        Optional<String> id = text("domain/domid");
        if (id.isEmpty() && version < 3) {
            // Before xend 3.0.4 there were no inactive domains: every document has an id.
            throw XendErrors.incomplete("id");
        }
        this.domid = id.isEmpty() ? -1 : (int) number("domain/domid", -1, 0, Integer.MAX_VALUE);
    }

    /** The document to read, which must be a {@code (domain ...)} list. */
    static SxpGuest of(Sexpr document, int version, XenstoreFacts facts) {
        if (!(document instanceof SexprList root) || !root.isNamed("domain")) {
            String text = document.toString();
            throw XendErrors.incorrect("expected a (domain ...) document, got "
                    + (text.length() > 60 ? text.substring(0, 60) + "..." : text));
        }
        return new SxpGuest(root, version, facts);
    }

    /** The path of the image's entry {@code name}: {@code domain/image/hvm/name} or {@code domain/image/linux/name}. */
    String image(String name) {
        return "domain/image/" + (hvm ? "hvm" : "linux") + "/" + name;
    }

    /**
     * The value at {@code path} (libvirt's {@code sexpr_node}); empty when the entry is missing or
     * holds nothing.
     *
     * @throws org.jvirt.api.VirtException INTERNAL_ERROR when the entry holds a list where a value belongs
     */
    Optional<String> text(String path) {
        return text(root, path);
    }

    /** {@link #text(String)} on another list of the document, such as one {@code (device ...)}. */
    static Optional<String> text(SexprList list, String path) {
        Optional<SexprList> entry = list.lookup(path);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Sexpr value = entry.get().get(1);
        if (!(value instanceof Atom a)) {
            throw XendErrors.incorrect(path + " holds a list, " + value + ", where a value belongs");
        }
        return Optional.of(a.value());
    }

    /** The value at {@code path} when it is not empty, else null: libvirt's {@code tmp && tmp[0]}. */
    String nonEmpty(String path) {
        return text(path).filter(s -> !s.isEmpty()).orElse(null);
    }

    /**
     * The number at {@code path}, {@code absent} when there is none.
     *
     * @throws org.jvirt.api.VirtException INTERNAL_ERROR when the value is no number or out of range
     */
    long number(String path, long absent, long min, long max) {
        Optional<String> value = text(path);
        if (value.isEmpty()) {
            return absent;
        }
        var parsed = SxpNumbers.parse(value.get());
        if (parsed.isEmpty()) {
            throw XendErrors.incorrect(path + " '" + value.get() + "' is not a number");
        }
        long n = parsed.getAsLong();
        if (n < min || n > max) {
            throw XendErrors.incorrect(path + " " + n + " is out of range [" + min + ", " + max + "]");
        }
        return n;
    }

    /** Whether the number at {@code path} is set and not zero, as libvirt's {@code sexpr_int} tests flags. */
    boolean flag(String path) {
        return number(path, 0, Long.MIN_VALUE, Long.MAX_VALUE) != 0;
    }
}
