package org.jvirt.proxy.xdrgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One member of an {@code enum PREFIX_procedure}, with what libvirt's conventions and annotations
 * say about it (the same reading as libvirt's {@code gendispatch.pl}): the argument, reply and
 * event structs found by name, and the {@code @generate}, {@code @priority}, {@code @acl},
 * {@code @aclfilter}, {@code @readstream}/{@code @writestream} annotations of the comment above it.
 */
record Procedure(String constant, long number, String argsType, String retType, String msgType,
                 String generate, boolean highPriority, List<String> acl, List<String> aclFilter,
                 String stream, ReadOnlyRule readOnly, boolean readOnlyOverridden, String comment) {

    private static final Pattern ANNOTATION = Pattern.compile("^\\s*\\*?\\s*@(\\w+)\\s*:\\s*(\\S+)\\s*$");

    /** Whether {@code e} is a procedure enum by libvirt's convention: its name ends in {@code _procedure}. */
    static boolean isProcedureEnum(Definition.Enum e) {
        return e.name().endsWith("_procedure");
    }

    /** The lower-case prefix of a procedure enum: {@code remote} for {@code remote_procedure}. */
    static String prefix(Definition.Enum e) {
        return e.name().substring(0, e.name().length() - "_procedure".length());
    }

    /**
     * Reads every member of procedure enum {@code e}.
     *
     * @param overrides read-only verdicts that replace the ACL-derived ones, by constant name:
     *     libvirt's API ({@code virCheckReadOnlyGoto}) is what decides, and for a few procedures
     *     it disagrees with the annotation
     */
    static List<Procedure> of(Definition.Enum e, Schema schema, Map<String, ReadOnlyRule.Access> overrides)
            throws XdrgenException {
        String prefix = prefix(e);
        String constPrefix = prefix.toUpperCase(Locale.ROOT) + "_PROC_";
        // gendispatch matches names with underscores removed, lower case: do the same
        Map<String, String> structs = new HashMap<>();
        for (Definition d : schema.typeDefinitions()) {
            if (d instanceof Definition.Struct && d.name().startsWith(prefix + "_")) {
                structs.put(d.name().replace("_", "").toLowerCase(Locale.ROOT), d.name());
            }
        }
        List<Procedure> out = new ArrayList<>();
        Map<Long, String> numbers = new HashMap<>();
        for (Definition.Enum.Member m : e.members()) {
            String twin = numbers.putIfAbsent(schema.valueOf(m.value()), m.name());
            if (twin != null) {
                throw new XdrgenException(m.position(), m.name() + " has the number of " + twin);
            }
            if (!m.name().startsWith(constPrefix)) {
                throw new XdrgenException(m.position(), m.name() + " does not start with " + constPrefix);
            }
            String base = (prefix + m.name().substring(constPrefix.length())).replace("_", "").toLowerCase(Locale.ROOT);
            Map<String, List<String>> notes = annotations(m);
            String generate = single(notes, "generate", "none", m);
            String priority = single(notes, "priority", "low", m);
            if (!priority.equals("high") && !priority.equals("low")) {
                throw new XdrgenException(m.position(), "@priority must be high or low, not " + priority);
            }
            String stream = notes.containsKey("readstream") ? "READ" : notes.containsKey("writestream") ? "WRITE" : "NONE";
            List<String> acl = notes.getOrDefault("acl", List.of());
            ReadOnlyRule rule = ReadOnlyRule.classify(acl, m.position());
            ReadOnlyRule.Access override = overrides.get(m.name());
            if (override != null && override == rule.access()) {
                throw new XdrgenException(m.position(), "the read-only override of " + m.name()
                        + " repeats what its ACL says: drop it");
            }
            out.add(new Procedure(m.name(), schema.valueOf(m.value()), structs.get(base + "args"),
                    structs.get(base + "ret"), structs.get(base + "msg"), generate, priority.equals("high"),
                    acl, notes.getOrDefault("aclfilter", List.of()), stream,
                    override == null ? rule : new ReadOnlyRule(override, List.of()), override != null, m.comment()));
        }
        return out;
    }

    private static String single(Map<String, List<String>> notes, String key, String absent,
                                 Definition.Enum.Member m) throws XdrgenException {
        List<String> v = notes.get(key);
        if (v == null) {
            return absent;
        }
        if (v.size() > 1) {
            throw new XdrgenException(m.position(), m.name() + " has @" + key + " more than once");
        }
        return v.get(0);
    }

    /** The {@code @key: value} lines of a member's doc comment ({@code /** ... *}{@code /}). */
    static Map<String, List<String>> annotations(Definition.Enum.Member m) {
        Map<String, List<String>> notes = new LinkedHashMap<>();
        String c = m.comment();
        if (c == null || !c.startsWith("*")) {
            return notes;
        }
        for (String line : c.substring(1).split("\n")) {
            Matcher mt = ANNOTATION.matcher(line);
            if (mt.matches()) {
                notes.computeIfAbsent(mt.group(1), k -> new ArrayList<>()).add(mt.group(2));
            }
        }
        return notes;
    }
}
