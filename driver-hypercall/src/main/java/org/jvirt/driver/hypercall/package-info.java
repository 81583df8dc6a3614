/**
 * The hypercall driver: Xen's hypervisor asked directly through {@code /dev/xen/privcmd} (libvirt
 * 0.4.4's {@code xen_internal.c}): domain and host information, pause, unpause, destroy, memory and vCPU
 * control. JNA is its one native bridge. Depends on the SPI alone.
 */
package org.jvirt.driver.hypercall;
