package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.cfg.XmInteger;
import org.jvirt.driver.xm.cfg.XmList;
import org.jvirt.driver.xm.cfg.XmPosition;
import org.jvirt.driver.xm.cfg.XmString;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.api.VirtException;

/**
 * The settings of one configuration file as the reader asks for them: typed, a value of the wrong
 * kind refused with where it is, and each setting read remembered, so that an update knows which
 * settings the domain took its meaning from ({@link #read()}) and leaves the others alone.
 *
 * <p>As libvirt 0.4.4's {@code xenXMConfigGetInt}, an integer may be given as a string of digits
 * ({@code memory = "512"}). Not thread-safe; one reader uses it.
 */
final class XmSettings {
    private final XmConfigFile file;
    private final Set<String> read = new LinkedHashSet<>();

    XmSettings(XmConfigFile file) {
        this.file = file;
    }

    /** The string {@code key} is set to, or null when it is not set. */
    String string(String key) {
        XmValue v = take(key);
        if (v == null) {
            return null;
        }
        if (v instanceof XmString s) {
            return s.value();
        }
        throw wrongKind(key, v, "a string");
    }

    /** The integer {@code key} is set to (or a string of one), or null when it is not set. */
    Long integer(String key) {
        XmValue v = take(key);
        if (v == null) {
            return null;
        }
        if (v instanceof XmInteger i) {
            return i.value();
        }
        if (v instanceof XmString s && s.value().strip().matches("[+-]?[0-9]{1,18}")) {
            return Long.parseLong(s.value().strip());
        }
        throw wrongKind(key, v, "an integer");
    }

    /** {@link #integer} that may not be negative. */
    Long count(String key) {
        Long value = integer(key);
        if (value != null && value < 0) {
            throw XmErrors.setting(position(key), key, "must not be negative, not " + value);
        }
        return value;
    }

    /** Whether the integer {@code key} is set to is not 0; {@code absent} when it is not set. */
    boolean flag(String key, boolean absent) {
        Long value = integer(key);
        return value == null ? absent : value != 0;
    }

    /** The strings of the list {@code key} is set to, or an empty list when it is not set. */
    List<String> strings(String key) {
        XmValue v = take(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof XmList list)) {
            throw wrongKind(key, v, "a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            if (!(list.items().get(i) instanceof XmString s)) {
                throw XmErrors.setting(file.position(key, i), key, "item " + (i + 1) + " is "
                        + list.items().get(i).kind() + ", expecting a string");
            }
            out.add(s.value());
        }
        return out;
    }

    /**
     * The string {@code key} is set to, without counting it read: for a setting only some of whose
     * values mean something here (see {@link #markRead}). Null when not set or not a string.
     */
    String peekString(String key) {
        return file.get(key) instanceof XmString s ? s.value() : null;
    }

    /** Counts {@code key} read: the domain took its meaning from it. */
    void markRead(String key) {
        if (file.contains(key)) {
            read.add(key);
        }
    }

    /** The name of the file, for messages. */
    String fileName() {
        return file.name();
    }

    /** Whether the file sets {@code key}, without reading it. */
    boolean has(String key) {
        return file.contains(key);
    }

    /** Where the value of {@code key} is. */
    XmPosition position(String key) {
        return file.position(key);
    }

    /** Where item {@code index} (from 0) of the list {@code key} is. */
    XmPosition position(String key, int index) {
        return file.position(key, index);
    }

    /** The settings read so far, in the order first read; unmodifiable. */
    Set<String> read() {
        return Collections.unmodifiableSet(read);
    }

    private XmValue take(String key) {
        XmValue v = file.get(key);
        if (v != null) {
            read.add(key);
        }
        return v;
    }

    private VirtException wrongKind(String key, XmValue v, String expected) {
        return XmErrors.setting(position(key), key, "is " + v.kind() + ", expecting " + expected);
    }
}
