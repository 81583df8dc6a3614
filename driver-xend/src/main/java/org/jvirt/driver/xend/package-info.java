/**
 * The xend driver: Xen through the Xen daemon's HTTP interface, whose documents are S-expressions
 * (libvirt 0.4.4's {@code xend_internal.c}). Depends on the SPI alone.
 * <ul>
 *   <li>{@link org.jvirt.driver.xend.sexpr}: xend's S-expressions, read and written;</li>
 *   <li>{@link org.jvirt.driver.xend.config}: xend's domain configuration and the domain model, both
 *       ways, for every xend configuration version, and the Xen rules of post-parse.</li>
 * </ul>
 */
package org.jvirt.driver.xend;
