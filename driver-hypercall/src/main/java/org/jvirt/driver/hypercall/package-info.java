/**
 * The hypercall driver: Xen's hypervisor asked directly through {@code /dev/xen/privcmd}, as libvirt 0.4.4's
 * {@code xen_internal.c} asked it: the host's facts, the running domains, their state, pause, unpause,
 * destroy, memory and vCPU control. It knows only what the hypervisor knows: no names, no definitions, no
 * inactive domains; in the {@code xen:///} composition the other Xen drivers answer those. Depends on the SPI
 * alone; its native bridge is {@link org.jvirt.driver.hypercall.privcmd}.
 */
package org.jvirt.driver.hypercall;
