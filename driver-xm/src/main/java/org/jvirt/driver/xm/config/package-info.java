/**
 * What the settings of an xm configuration file mean: {@link org.jvirt.driver.xm.config.XmConfig}
 * converts files to domain definitions and back, as libvirt 0.4.4's xm driver did for each version
 * of xend's configuration format, one class per concern (the disk and vif mini-formats, displays,
 * serial ports...).
 */
package org.jvirt.driver.xm.config;
