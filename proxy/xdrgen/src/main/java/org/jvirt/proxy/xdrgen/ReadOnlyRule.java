package org.jvirt.proxy.xdrgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides from a procedure's {@code @acl} annotations whether a read-only connection may call it,
 * the way libvirt's daemon does: libvirt marks every API whose ACL needs more than
 * {@code getattr}, {@code read} or a {@code search_*} permission as refused on read-only
 * connections ({@code virCheckReadOnlyGoto} in its public API, which the daemon runs against a
 * connection opened with {@code VIR_CONNECT_RO}). An ACL that applies only with a flag
 * ({@code object:perm:FLAG}) or a parameter value ({@code object:perm::param:value}) makes the
 * refusal conditional on that flag or value, as {@code VIR_DOMAIN_XML_SECURE} does for
 * {@code virDomainGetXMLDesc}.
 *
 * @param access the verdict
 * @param deniedWhen for a conditional verdict, the conditions as written ({@code FLAG},
 *     {@code !FLAG|FLAG}, {@code param=VALUE})
 */
record ReadOnlyRule(Access access, List<String> deniedWhen) {
    /** Mirrors the generated runtime's {@code ReadOnlyAccess}. */
    enum Access { ALLOWED, CONDITIONAL, DENIED }

    static ReadOnlyRule classify(List<String> acls, Position at) throws XdrgenException {
        if (acls.isEmpty()) {
            throw new XdrgenException(at, "no @acl annotation: the read-only rule cannot be derived");
        }
        if (acls.equals(List.of("none"))) {
            return new ReadOnlyRule(Access.ALLOWED, List.of());
        }
        List<String> conditions = new ArrayList<>();
        for (String acl : acls) {
            String[] bits = acl.split(":", -1);
            if (bits.length < 2 || bits.length == 4 || bits.length > 5 || bits[0].isEmpty() || bits[1].isEmpty()) {
                throw new XdrgenException(at, "malformed @acl '" + acl
                        + "': expected object:perm, object:perm:flags or object:perm::param:value");
            }
            if (isRead(bits[1])) {
                continue;
            }
            boolean byFlag = bits.length >= 3 && !bits[2].isEmpty();
            boolean byParam = bits.length == 5;
            if (!byFlag && !byParam) {
                return new ReadOnlyRule(Access.DENIED, List.of());
            }
            conditions.add(byParam ? bits[3] + "=" + bits[4] : bits[2]);
        }
        return conditions.isEmpty() ? new ReadOnlyRule(Access.ALLOWED, List.of())
                : new ReadOnlyRule(Access.CONDITIONAL, List.copyOf(conditions));
    }

    /** libvirt's permissions that only read: {@code getattr}, {@code read}, {@code search_*}. */
    static boolean isRead(String permission) {
        return permission.equals("getattr") || permission.equals("read") || permission.startsWith("search_");
    }
}
