/**
 * xm configuration files as text: {@link org.jvirt.driver.xm.cfg.XmConfigFile}, a lossless
 * document of {@link org.jvirt.driver.xm.cfg.XmValue}s read from and written back to the subset of
 * Python that xm's files ({@code /etc/xen/NAME}) are written in — what libvirt 0.4.4's
 * {@code conf.c} ({@code virConfParse}) read, with Python's escapes and comments inside lists.
 * What the settings mean is {@code org.jvirt.driver.xm.config}'s business.
 */
package org.jvirt.driver.xm.cfg;
