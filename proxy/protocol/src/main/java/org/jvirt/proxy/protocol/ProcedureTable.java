package org.jvirt.proxy.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.ReadOnlyAccess;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * The procedures of one RPC program, generated from its .x file: look them up by number or
 * name, and ask which a read-only connection may call. A daemon enumerates what to refuse on its
 * read-only socket from here ({@link #refusedOnReadOnly()}), not from a list of its own.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProcedureTable {
    private final int program;
    private final int version;
    private final String prefix;
    private final List<XdrProcedure> all;
    private final Map<Integer, XdrProcedure> byNumber = new HashMap<>();
    private final Map<String, XdrProcedure> byName = new HashMap<>();

    private ProcedureTable(List<XdrProcedure> procedures) {
        if (procedures.isEmpty()) {
            throw new IllegalArgumentException("a program has procedures");
        }
        this.program = procedures.get(0).program();
        this.version = procedures.get(0).version();
        String first = procedures.get(0).constantName();
        this.prefix = first.substring(0, first.indexOf("_PROC_") + "_PROC_".length());
        for (XdrProcedure p : procedures) {
            if (p.program() != program || p.version() != version) {
                throw new IllegalArgumentException(p.constantName() + " belongs to another program");
            }
            if (byNumber.put(p.number(), p) != null) {
                throw new IllegalArgumentException("two procedures numbered " + p.number());
            }
            byName.put(p.constantName(), p);
            if (p.constantName().startsWith(prefix)) {
                byName.put(p.constantName().substring(prefix.length()), p);
            }
        }
        this.all = List.copyOf(procedures);
    }

    /** The table of {@code procedures}, all of one program and version. */
    public static ProcedureTable of(XdrProcedure... procedures) {
        return new ProcedureTable(List.of(procedures));
    }

    /** libvirt's remote program, 0x20008086 version 1. */
    public static ProcedureTable remote() {
        return Tables.REMOTE;
    }

    /** libvirt's keepalive program, 0x6b656570 version 1. */
    public static ProcedureTable keepalive() {
        return Tables.KEEPALIVE;
    }

    /** The table of the program a message header names, if this module knows it. */
    public static Optional<ProcedureTable> forProgram(int program, int version) {
        for (ProcedureTable t : List.of(remote(), keepalive())) {
            if (t.program == program && t.version == version) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The program number. */
    public int program() {
        return program;
    }

    /** The program version. */
    public int version() {
        return version;
    }

    /** Every procedure, in the .x file's order. */
    public List<XdrProcedure> all() {
        return all;
    }

    /** The procedure numbered {@code number}. */
    public Optional<XdrProcedure> byNumber(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /**
     * The procedure called {@code name}: its constant ({@code REMOTE_PROC_DOMAIN_GET_INFO}) or the
     * constant without the program's prefix ({@code DOMAIN_GET_INFO}).
     */
    public Optional<XdrProcedure> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Whether a read-only connection may call procedure {@code number} with these {@code flags}.
     * Unknown numbers are refused. A {@link ReadOnlyAccess#CONDITIONAL} procedure is allowed
     * unless one of its conditions holds; the flag values are libvirt's C constants, which the
     * .x file does not carry, so the caller supplies them by name through {@code flagValue}
     * (unknown names count as set, erring on the side of refusal), and a parameter condition
     * ({@code param=VALUE}) counts as holding.
     */
    public boolean allowedOnReadOnly(int number, long flags, ToLongFunction<String> flagValue) {
        XdrProcedure p = byNumber.get(number);
        if (p == null) {
            return false;
        }
        switch (p.readOnlyAccess()) {
            case ALLOWED:
                return true;
            case DENIED:
                return false;
            default:
                for (String c : p.readOnlyDeniedWhen()) {
                    if (conditionHolds(c, flags, flagValue)) {
                        return false;
                    }
                }
                return true;
        }
    }

    /** libvirt's flag syntax: {@code A|B} needs all of them set; {@code !A|B} needs none of them set. */
    private static boolean conditionHolds(String c, long flags, ToLongFunction<String> flagValue) {
        if (c.contains("=")) {
            return true;
        }
        boolean negated = c.startsWith("!");
        long mask = 0;
        for (String f : (negated ? c.substring(1) : c).split("\\|")) {
            long v = flagValue.applyAsLong(f);
            if (v == 0) {
                return true;
            }
            mask |= v;
        }
        return negated ? (flags & mask) == 0 : (flags & mask) == mask;
    }

    /** The procedures a read-only connection may not call, or not with every flag: DENIED and CONDITIONAL. */
    public List<XdrProcedure> refusedOnReadOnly() {
        List<XdrProcedure> out = new ArrayList<>();
        for (XdrProcedure p : all) {
            if (p.readOnlyAccess() != ReadOnlyAccess.ALLOWED) {
                out.add(p);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** How many procedures have each read-only verdict. */
    public Map<ReadOnlyAccess, Integer> readOnlyCounts() {
        Map<ReadOnlyAccess, Integer> counts = new LinkedHashMap<>();
        for (ReadOnlyAccess a : ReadOnlyAccess.values()) {
            counts.put(a, 0);
        }
        for (XdrProcedure p : all) {
            counts.merge(p.readOnlyAccess(), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public String toString() {
        return String.format("ProcedureTable[program 0x%08x v%d, %d procedures]", program, version, all.size());
    }

    /** Built on first use: the remote table loads its enum of over 400 constants. */
    private static final class Tables {
        static final ProcedureTable REMOTE = of(RemoteProcedure.values());
        static final ProcedureTable KEEPALIVE = of(KeepaliveProcedure.values());
    }
}
