/**
 * The XenStore driver: Xen's shared database through its wire protocol ({@code xs_wire.h}) over the
 * xenstored socket — running domains, their memory, devices and consoles, and domains appearing and
 * disappearing as events (libvirt 0.4.4's {@code xs_internal.c}). Depends on the SPI alone.
 */
package org.jvirt.driver.xenstore;
