/**
 * The xend driver: Xen through the Xen daemon's HTTP interface, whose documents are S-expressions
 * (libvirt 0.4.4's {@code xend_internal.c}). Depends on the SPI alone.
 */
package org.jvirt.driver.xend;
