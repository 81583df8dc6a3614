package org.jvirt.proxy.xdrgen.runtime;

/**
 * Whether a procedure may be called on a read-only connection. The generator derives it from the
 * procedure's {@code @acl} annotations — a permission beyond {@code getattr}, {@code read} and the
 * {@code search_*} ones ({@code write}, {@code start}, {@code read_secure}, ...) makes a call
 * mutating or privileged, and libvirt refuses it on a read-only connection — except where the build
 * overrides the verdict because libvirt's public API, which is what actually decides
 * ({@code virCheckReadOnlyGoto}), disagrees with the annotation.
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
