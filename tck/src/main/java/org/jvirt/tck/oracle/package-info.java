/**
 * libvirt as the oracle: what a driver's tests need to compare its answers with libvirt's own on
 * whole documents — the reference corpus and python3-libvirt as peers that are skipped with a reason
 * (or fail under {@code JVIRT_REQUIRE_PEERS}), the first difference between two documents, and the
 * ratchet of known differences that only shrinks.
 *
 * <p>Used by jvirt's own driver tests and open to third-party drivers that want the same evidence.
 */
package org.jvirt.tck.oracle;
