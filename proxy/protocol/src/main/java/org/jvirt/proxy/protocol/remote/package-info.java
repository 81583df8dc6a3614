/**
 * libvirt's remote program (0x20008086, version 1), generated from its {@code remote_protocol.x}:
 * one record for each struct ({@code remote_domain_get_info_args} is {@link
 * org.jvirt.proxy.protocol.remote.RemoteDomainGetInfoArgs}), enums, sealed unions, codec classes for
 * typedefs, the constants in {@link org.jvirt.proxy.protocol.remote.RemoteProtocol}, and the
 * procedure table {@link org.jvirt.proxy.protocol.remote.RemoteProcedure}.
 */
package org.jvirt.proxy.protocol.remote;
