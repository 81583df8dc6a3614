/**
 * The XenStore driver: Xen's shared database through its wire protocol ({@code xs_wire.h}) over the
 * xenstored socket — running domains, their memory, devices and consoles, and domains appearing and
 * disappearing as events (libvirt 0.4.4's {@code xs_internal.c}). Two packages: this one, the driver
 * ({@link org.jvirt.driver.xenstore.XenstoreDriverProvider}, {@link org.jvirt.driver.xenstore.XenstoreDriver},
 * and {@link org.jvirt.driver.xenstore.XenstoreDomains} for what the store tells of a domain), and
 * {@link org.jvirt.driver.xenstore.wire}, the protocol client. Depends on the SPI and the JDK alone.
 */
package org.jvirt.driver.xenstore;
