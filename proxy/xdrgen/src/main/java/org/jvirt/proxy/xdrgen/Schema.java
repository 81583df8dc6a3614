package org.jvirt.proxy.xdrgen;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed .x file with its names resolved and checked: every constant has a value, every type
 * named in a declaration is defined, every bound is a non-negative 32-bit number, union
 * discriminants are integers, enums or bools and their cases are distinct. Errors name the
 * position of the offending use.
 */
public final class Schema {
    private final Spec spec;
    private final Map<String, Long> constants = new LinkedHashMap<>();
    private final Map<String, Definition> types = new LinkedHashMap<>();
    private final Map<String, Long> defines;

    private Schema(Spec spec, Map<String, Long> defines) {
        this.spec = spec;
        this.defines = defines;
    }

    /**
     * Resolves {@code spec}.
     *
     * @param defines values of names the file uses but does not define (libvirt's come from its C
     *     headers: {@code VIR_UUID_BUFLEN}, {@code VIR_TYPED_PARAM_INT}, ...)
     */
    public static Schema resolve(Spec spec, Map<String, Long> defines) throws XdrgenException {
        Schema s = new Schema(spec, Map.copyOf(defines));
        s.collect();
        s.check();
        return s;
    }

    /** The parsed file. */
    public Spec spec() {
        return spec;
    }

    /** Every constant of the file with its value, enum members included, in file order. */
    public Map<String, Long> constants() {
        return constants;
    }

    /** The definitions given to the generator that the file uses, with their values. */
    public Map<String, Long> usedDefines() {
        Map<String, Long> used = new LinkedHashMap<>();
        for (var e : defines.entrySet()) {
            if (usedNames.contains(e.getKey())) {
                used.put(e.getKey(), e.getValue());
            }
        }
        return used;
    }

    private final Set<String> usedNames = new HashSet<>();

    /** The type definition called {@code name}, or null. */
    public Definition type(String name) {
        return types.get(name);
    }

    /** All type definitions in file order. */
    public Iterable<Definition> typeDefinitions() {
        return types.values();
    }

    /** The number {@code v} stands for. */
    public long valueOf(Value v) throws XdrgenException {
        if (v.literal() != null) {
            return v.literal();
        }
        usedNames.add(v.name());
        Long c = constants.get(v.name());
        if (c == null) {
            c = defines.get(v.name());
        }
        if (c == null) {
            throw new XdrgenException(v.position(), "unknown constant " + v.name()
                    + (types.containsKey(v.name()) ? " (it is a type)" : ""));
        }
        return c;
    }

    /** The bound of {@code d}, or {@code 0xffffffff} for {@code <>}. */
    public long bound(Declaration d) throws XdrgenException {
        return d.bound() == null ? 0xffffffffL : valueOf(d.bound());
    }

    /**
     * Follows typedefs from {@code type} to the built-in type or the enum, struct or union it
     * stands for, returning the last declaration on the way, or null when there is no typedef.
     */
    public Declaration typedefTarget(TypeSpec type) {
        Declaration last = null;
        TypeSpec t = type;
        for (int guard = 0; guard < 1000 && t instanceof TypeSpec.Named n; guard++) {
            Definition d = types.get(n.name());
            if (!(d instanceof Definition.Typedef td)) {
                break;
            }
            last = td.declaration();
            if (last.shape() != Declaration.Shape.SCALAR) {
                break;
            }
            t = last.type();
        }
        return last;
    }

    private void collect() throws XdrgenException {
        Map<String, Position> seen = new HashMap<>();
        Map<String, Value> pending = new LinkedHashMap<>();
        for (Definition d : spec.definitions()) {
            declare(seen, d.name(), d.position());
            if (d instanceof Definition.Const c) {
                pending.put(c.name(), c.value());
            } else if (d instanceof Definition.Enum e) {
                types.put(e.name(), e);
                for (Definition.Enum.Member m : e.members()) {
                    declare(seen, m.name(), m.position());
                    pending.put(m.name(), m.value());
                }
            } else {
                types.put(d.name(), d);
            }
        }
        for (var e : pending.entrySet()) {
            constants.put(e.getKey(), constant(e.getKey(), pending, new HashSet<>()));
        }
    }

    private long constant(String name, Map<String, Value> pending, Set<String> visiting) throws XdrgenException {
        Long known = constants.get(name);
        if (known != null) {
            return known;
        }
        Value v = pending.get(name);
        if (v.literal() != null) {
            return v.literal();
        }
        if (!visiting.add(name)) {
            throw new XdrgenException(v.position(), "constant " + name + " is defined in terms of itself");
        }
        usedNames.add(v.name());
        if (pending.containsKey(v.name())) {
            long value = constant(v.name(), pending, visiting);
            constants.put(v.name(), value);
            return value;
        }
        Long d = defines.get(v.name());
        if (d == null) {
            throw new XdrgenException(v.position(), "unknown constant " + v.name()
                    + " (give its value to the generator with --define " + v.name() + "=N)");
        }
        return d;
    }

    private static void declare(Map<String, Position> seen, String name, Position at) throws XdrgenException {
        Position before = seen.putIfAbsent(name, at);
        if (before != null) {
            throw new XdrgenException(at, name + " is already defined at " + before);
        }
    }

    private void check() throws XdrgenException {
        for (Definition d : types.values()) {
            if (d instanceof Definition.Typedef t) {
                checkDeclaration(t.declaration());
            } else if (d instanceof Definition.Struct s) {
                Set<String> names = new HashSet<>();
                for (Declaration m : s.members()) {
                    if (!names.add(m.name())) {
                        throw new XdrgenException(m.position(), s.name() + " has two members called " + m.name());
                    }
                    checkDeclaration(m);
                }
            } else if (d instanceof Definition.Union u) {
                checkUnion(u);
            }
        }
    }

    private void checkUnion(Definition.Union u) throws XdrgenException {
        checkDeclaration(u.discriminant());
        if (!isDiscriminantType(u.discriminant().type())) {
            throw new XdrgenException(u.discriminant().position(), "the discriminant of " + u.name()
                    + " must be int, unsigned int, bool or an enum, not " + u.discriminant().type());
        }
        Map<Long, Position> cases = new HashMap<>();
        for (Definition.Union.Arm arm : u.arms()) {
            for (Value c : arm.cases()) {
                Position before = cases.putIfAbsent(valueOf(c), c.position());
                if (before != null) {
                    throw new XdrgenException(c.position(), "case " + c + " of " + u.name()
                            + " is already handled at " + before);
                }
            }
            checkDeclaration(arm.declaration());
        }
        if (u.defaultArm() != null) {
            checkDeclaration(u.defaultArm());
        }
    }

    /** Whether values of {@code type} can switch a union: the integer kinds, bool and enums. */
    public boolean isDiscriminantType(TypeSpec type) {
        TypeSpec t = type;
        Declaration td = typedefTarget(type);
        if (td != null) {
            if (td.shape() != Declaration.Shape.SCALAR) {
                return false;
            }
            t = td.type();
        }
        if (t instanceof TypeSpec.Builtin b) {
            return b.kind() == TypeSpec.Kind.INT || b.kind() == TypeSpec.Kind.UNSIGNED_INT
                    || b.kind() == TypeSpec.Kind.BOOL;
        }
        return types.get(((TypeSpec.Named) t).name()) instanceof Definition.Enum;
    }

    private void checkDeclaration(Declaration d) throws XdrgenException {
        if (d.shape() == Declaration.Shape.VOID) {
            return;
        }
        if (d.type() instanceof TypeSpec.Named n) {
            Definition def = types.get(n.name());
            if (def == null) {
                throw new XdrgenException(n.position(), "unknown type " + n.name()
                        + (constants.containsKey(n.name()) ? " (it is a constant)" : ""));
            }
        }
        if (d.bound() != null) {
            long b = valueOf(d.bound());
            if (b < 0 || b > 0xffffffffL) {
                throw new XdrgenException(d.bound().position(), "bound " + d.bound() + " = " + b
                        + " is not a length");
            }
            if (d.shape() == Declaration.Shape.FIXED_ARRAY && b > Integer.MAX_VALUE - 8) {
                throw new XdrgenException(d.bound().position(), "fixed length " + b + " is too large");
            }
        }
    }
}
