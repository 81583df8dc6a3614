package org.jvirt.proxy.xdrgen.runtime;

/**
 * Whether a procedure may be called on a read-only connection, derived from its {@code @acl}
 * annotations as libvirt's daemon enforces them: a permission beyond {@code getattr},
 * {@code read} and the {@code search_*} ones (or an object's {@code read_secure}, {@code write},
 * {@code start}, ...) makes a call mutating or privileged, and libvirt refuses it on a read-only
 * connection.
 */
public enum ReadOnlyAccess {
    /** Every permission the procedure needs is a read; {@code @acl: none} too. */
    ALLOWED,
    /**
     * Allowed unless a flag or parameter named in {@link XdrProcedure#readOnlyDeniedWhen()} asks
     * for more (e.g. {@code VIR_DOMAIN_XML_SECURE} on {@code DOMAIN_GET_XML_DESC}).
     */
    CONDITIONAL,
    /** Needs a permission beyond reading whatever its arguments: refused on read-only connections. */
    DENIED
}
