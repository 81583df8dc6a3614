/**
 * jvirt's remote driver: libvirt's RPC protocol from the client's side, so that jvirt and jvirsh reach any
 * host running libvirtd or jvirtd with no native library.
 */
package org.jvirt.proxy.remote;
