/**
 * libvirt's keepalive program (0x6b656570, version 1): {@code PING} and {@code PONG}, without
 * payload, generated from the module's own {@code src/main/xdr/keepalive.x}.
 */
package org.jvirt.proxy.protocol.keepalive;
