package org.jvirt.driver.xm.cfg;

import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jvirt.api.VirtException;

/**
 * An xm configuration file ({@code /etc/xen/guest}): its settings, and its text exactly as written.
 *
 * <p>The document is lossless. {@link #text()} is the text it was read from, byte for byte;
 * {@link #set} and {@link #remove} change only the characters of the value set or the assignment
 * removed, so a user's comments, blank lines, layout, key order and settings nobody here knows
 * survive a read-modify-write. A setting assigned twice has the value of its last assignment, as
 * when xm ran the file with Python.
 *
 * <p>The grammar is the subset of Python that xm files are written in (see the package
 * description): assignments of strings, integers and lists, and comments. Reading never returns a
 * partial document: text that is not such a file — bad quoting, an unclosed list, a value of no
 * known kind, binary content, more than {@link #MAX_SIZE} bytes, lists nested deeper than
 * {@link #MAX_NESTING} — fails with {@link VirtException} {@code CONF_SYNTAX} in domain {@code CONF},
 * naming every problem found as {@code file:line:column: what}.
 *
 * <p>Instances are immutable and thread-safe; changes return new documents.
 *
 * @since 1.0
 */
public final class XmConfigFile {
    /** The most bytes a configuration file may have: 10 MiB, libvirt's {@code MAX_CONFIG_FILE_SIZE}. */
    public static final long MAX_SIZE = 10L * 1024 * 1024;
    /** How deep lists may be nested in lists (a list of strings is 1 deep). */
    public static final int MAX_NESTING = 8;

    private final String name;
    private final String text;
    private final Lines lines;
    private final List<ConfEntry> entries;

    private XmConfigFile(String name, String text, Lines lines, List<ConfEntry> entries) {
        this.name = name;
        this.text = text;
        this.lines = lines;
        this.entries = entries;
    }

    /**
     * Reads a file, checking its size before reading it.
     *
     * @throws VirtException CONF_SYNTAX as the class says; SYSTEM_ERROR (domain CONF) when it cannot be read
     */
    public static XmConfigFile read(Path file) {
        String fileName = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trust the size a growing file had a moment ago.
            byte[] content = in.readNBytes((int) MAX_SIZE + 1);
            if (content.length > MAX_SIZE) {
                throw ConfErrors.tooLarge(fileName, content.length);
            }
            return parse(fileName, content);
        } catch (IOException e) {
            throw ConfErrors.readFailed(file, e);
        }
    }

    /**
     * Reads a file's content.
     *
     * @param fileName the name errors give the file
     * @throws VirtException CONF_SYNTAX as the class says, for text that is not UTF-8 too
     */
    public static XmConfigFile parse(String fileName, byte[] content) {
        Objects.requireNonNull(fileName, "fileName");
        if (content.length > MAX_SIZE) {
            throw ConfErrors.tooLarge(fileName, content.length);
        }
        return fromText(fileName, ConfText.decode(content));
    }

    /**
     * Reads a file's text.
     *
     * @param fileName the name errors give the file
     * @throws VirtException CONF_SYNTAX as the class says
     */
    public static XmConfigFile parse(String fileName, String text) {
        Objects.requireNonNull(fileName, "fileName");
        if (text.length() > MAX_SIZE) {
            throw ConfErrors.tooLarge(fileName, text.length());
        }
        return fromText(fileName, Validation.valid(text));
    }

    /** A file with no settings and no text. */
    public static XmConfigFile empty(String fileName) {
        return parse(fileName, "");
    }

    /**
     * A new file holding {@code settings} in their order, one {@code key = value} a line, as libvirt
     * wrote the files it created.
     *
     * @throws VirtException INVALID_ARG for a key that is no setting name; CONF_SYNTAX when the
     *                       result would exceed the limits
     */
    public static XmConfigFile of(String fileName, Map<String, ? extends XmValue> settings) {
        StringBuilder out = new StringBuilder();
        settings.forEach((key, value) -> out.append(requireName(key)).append(" = ").append(ValueWriter.write(value))
                .append('\n'));
        return parse(fileName, out.toString());
    }

    private static XmConfigFile fromText(String fileName, Validation<List<ConfProblem>, String> decoded) {
        Validation<List<ConfProblem>, XmConfigFile> read = decoded.flatMap(text -> {
            Lines lines = new Lines(text);
            List<ConfProblem> controls = ConfText.controls(text, lines);
            if (!controls.isEmpty()) {
                return Validation.invalid(controls);
            }
            return ConfParser.parse(text, lines).map(entries -> new XmConfigFile(fileName, text, lines, entries));
        });
        if (read.isInvalid()) {
            throw ConfErrors.syntax(fileName, read.getError());
        }
        return read.get();
    }

    /** The name the file was read or made with. */
    public String name() {
        return name;
    }

    /** The whole text, exactly as read, with the changes made since. */
    public String text() {
        return text;
    }

    /** {@link #text()} in UTF-8, as it is to be written. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The names of the settings, each once, in the order of their first assignment; unmodifiable. */
    public Set<String> keys() {
        return settings().keySet();
    }

    /** Whether the file sets {@code key}. */
    public boolean contains(String key) {
        return last(key) != null;
    }

    /** The value of {@code key} (of its last assignment), or null when the file does not set it. */
    public XmValue get(String key) {
        ConfEntry e = last(key);
        return e == null ? null : e.value();
    }

    /** Every setting with its value, in the order of {@link #keys()}; unmodifiable. */
    public Map<String, XmValue> settings() {
        Map<String, XmValue> all = new LinkedHashMap<>();
        for (ConfEntry e : entries) {
            all.put(e.key(), e.value());
        }
        return Collections.unmodifiableMap(all);
    }

    /** Where the value of {@code key} starts, or null when the file does not set it. */
    public XmPosition position(String key) {
        ConfEntry e = last(key);
        return e == null ? null : at(e.valueStart());
    }

    /**
     * Where item {@code index} (from 0) of the list {@code key} is set to starts; where the value
     * starts when it is no list or has no such item; null when the file does not set {@code key}.
     */
    public XmPosition position(String key, int index) {
        ConfEntry e = last(key);
        if (e == null) {
            return null;
        }
        return index >= 0 && index < e.itemStarts().size() ? at(e.itemStarts().get(index)) : at(e.valueStart());
    }

    /**
     * This file with {@code key} set to {@code value}: the value of its last assignment replaced in
     * place (and nothing else, its line's comment included, changed), or a new {@code key = value}
     * line at the end. Setting a value the key already has returns this file, its text unchanged.
     *
     * @throws VirtException INVALID_ARG for a key that is no setting name; CONF_SYNTAX when the
     *                       result would exceed the limits
     */
    public XmConfigFile set(String key, XmValue value) {
        requireName(key);
        Objects.requireNonNull(value, "value");
        ConfEntry e = last(key);
        if (e != null && e.value().equals(value)) {
            return this;
        }
        String changed;
        if (e != null) {
            changed = text.substring(0, e.valueStart()) + ValueWriter.write(value) + text.substring(e.valueEnd());
        } else {
            String eol = lineEnding();
            boolean open = !text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r");
            changed = text + (open ? eol : "") + key + " = " + ValueWriter.write(value) + eol;
        }
        return parse(name, changed);
    }

    /**
     * This file without any assignment of {@code key}: a line holding only the assignment goes,
     * its comment with it; an assignment sharing a line with others ({@code a = 1; b = 2}) goes
     * alone. Removing a key the file does not set returns this file.
     */
    public XmConfigFile remove(String key) {
        XmConfigFile file = this;
        for (ConfEntry e = file.last(key); e != null; e = file.last(key)) {
            file = parse(name, file.text.substring(0, e.removeStart()) + file.text.substring(e.removeEnd()));
        }
        return file;
    }

    private ConfEntry last(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key().equals(key)) {
                return entries.get(i);
            }
        }
        return null;
    }

    private XmPosition at(int offset) {
        return new XmPosition(name, lines.line(offset), lines.column(offset));
    }

    /** The end of line the file uses (its first one), so that added lines match the others. */
    private String lineEnding() {
        int i = 0;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '\r') {
            return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
        }
        return "\n";
    }

    private static String requireName(String key) {
        boolean ok = key != null && !key.isEmpty() && !Character.isDigit(key.charAt(0));
        for (int i = 0; ok && i < key.length(); i++) {
            char c = key.charAt(i);
            ok = c < 0x80 && ConfParser.isNamePart(c);
        }
        if (!ok) {
            throw ConfErrors.badName(String.valueOf(key));
        }
        return key;
    }

    /** Same name, same text. */
    @Override
    public boolean equals(Object o) {
        return o instanceof XmConfigFile f && name.equals(f.name) && text.equals(f.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, text);
    }

    /** The text. */
    @Override
    public String toString() {
        return text;
    }

    /** Entries in file order, for this package's tests of offsets. */
    List<ConfEntry> entries() {
        return new ArrayList<>(entries);
    }
}
