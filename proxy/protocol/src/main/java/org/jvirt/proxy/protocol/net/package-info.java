/**
 * The base protocol of every libvirt RPC program, generated from its {@code virnetprotocol.x}: the
 * message header ({@link org.jvirt.proxy.protocol.net.VirNetMessageHeader}), its type and status
 * enums, the error payload ({@link org.jvirt.proxy.protocol.net.VirNetMessageError}) and the size
 * limits ({@link org.jvirt.proxy.protocol.net.VirNetProtocol}).
 */
package org.jvirt.proxy.protocol.net;
