/**
 * libvirt's RPC protocol: the messages its clients and daemons exchange, and how they are framed.
 *
 * <p>The XDR types, constants and procedure tables are generated at build time from libvirt's .x
 * files (packages {@code remote}, {@code net}, {@code keepalive}, with the runtime in {@code xdr}).
 * Written by hand here: {@link org.jvirt.proxy.protocol.Message} (a header and its payload),
 * {@link org.jvirt.proxy.protocol.FrameDecoder} and {@link org.jvirt.proxy.protocol.FrameReader}
 * (the length-prefixed framing with libvirt's limits), {@link org.jvirt.proxy.protocol.ProcedureTable}
 * (procedures by program and number, and which a read-only connection may call) and
 * {@link org.jvirt.proxy.protocol.ProtocolLimits}. The module depends on the JDK alone.
 */
package org.jvirt.proxy.protocol;
