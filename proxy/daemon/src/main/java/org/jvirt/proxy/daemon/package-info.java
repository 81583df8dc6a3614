/**
 * jvirtd: the daemon that serves jvirt connections over libvirt's remote protocol, so that virsh,
 * python-libvirt and every tool built on libvirt's client library manage jvirt unchanged. The entry
 * point is {@link org.jvirt.proxy.daemon.Jvirtd}; {@link org.jvirt.proxy.daemon.JvirtdModule} wires it.
 */
package org.jvirt.proxy.daemon;
