/** The per-user daemon that serves session URIs, started on demand as libvirt's client starts libvirtd. */
package org.jvirt.proxy.remote.session;
