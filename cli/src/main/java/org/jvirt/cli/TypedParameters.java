package org.jvirt.cli;

import java.util.List;
import java.util.Locale;
import org.jvirt.api.TypedParameter;

/** Typed parameters as virsh reads them from {@code name=value} and prints them (vshGetTypedParamValue). */
final class TypedParameters {
    private TypedParameters() {
    }

    /**
     * {@code field=value} as an update of the parameter of that name in {@code current}, typed as it is
     * (libvirt's virTypedParamsAddFromString).
     *
     * @throws CommandError {@code invalid scheduler option: FIELD} when there is none; libvirt's
     *     {@code invalid argument: Invalid value for field ...} when the value does not fit the type
     */
    static TypedParameter update(List<TypedParameter> current, String field, String value) {
        for (TypedParameter p : current) {
            if (p.name().equals(field)) {
                return new TypedParameter(field, parse(p.value(), field, value));
            }
        }
        throw new CommandError("invalid scheduler option: " + field);
    }

    private static Object parse(Object like, String field, String value) {
        String expected;
        if (like instanceof Integer) {
            Integer v = VirshNumbers.parseInt(value);
            if (v != null) {
                return v;
            }
            expected = "int";
        } else if (like instanceof Long) {
            Long v = VirshNumbers.parseLong(value);
            if (v != null) {
                return v;
            }
            expected = "long long";
        } else if (like instanceof Double) {
            try {
                return Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                expected = "double";
            }
        } else if (like instanceof Boolean) {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.equals("1") || v.equals("yes") || v.equals("true")) {
                return Boolean.TRUE;
            }
            if (v.equals("0") || v.equals("no") || v.equals("false")) {
                return Boolean.FALSE;
            }
            throw new CommandError("invalid argument: Invalid boolean value for field '" + field + "'");
        } else {
            return value;
        }
        throw new CommandError("invalid argument: Invalid value for field '" + field + "': expected " + expected);
    }

    /** The value as virsh prints it: numbers in decimal, doubles with six decimals, yes/no. */
    static String format(TypedParameter p) {
        Object v = p.value();
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%f", d);
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(v);
    }
}
