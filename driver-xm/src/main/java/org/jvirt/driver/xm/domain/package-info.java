/**
 * What the xm driver's domains are once read: {@link org.jvirt.driver.xm.domain.XmRules}, the
 * driver's part of jvirt's post-parse pipeline, as libvirt 9's Xen driver's.
 */
package org.jvirt.driver.xm.domain;
