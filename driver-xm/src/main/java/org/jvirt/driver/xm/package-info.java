/**
 * The xm driver: Xen domains defined but not running, kept as xm configuration files in a
 * directory ({@code /etc/xen}), as libvirt 0.4.4's {@code xm_internal.c} kept them. Depends on
 * the SPI alone.
 */
package org.jvirt.driver.xm;
