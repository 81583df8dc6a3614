package org.jvirt.proxy.xdrgen.runtime;

import java.util.List;
import java.util.Optional;

/**
 * One procedure of an RPC program, as its {@code enum *_procedure} member and the comment above it
 * declare it. Generated enums implement this interface; their constants are the procedures.
 *
 * <p>Argument, result and event types follow libvirt's naming convention: {@code PREFIX_PROC_X}
 * takes {@code prefix_x_args}, answers {@code prefix_x_ret}, and as an event carries
 * {@code prefix_x_msg}; a procedure without such a struct takes or answers nothing.
 */
public interface XdrProcedure {
    /** The program number, e.g. {@code 0x20008086} for libvirt's remote protocol. */
    int program();

    /** The program's version. */
    int version();

    /** The procedure number on the wire. */
    int number();

    /** The constant's name in the .x file, e.g. {@code REMOTE_PROC_CONNECT_OPEN}. */
    String constantName();

    /** The arguments' type name, if the call takes arguments. */
    Optional<String> argsType();

    /** The reply's type name, if the reply carries data. */
    Optional<String> retType();

    /** The type name of the event message this procedure number carries, if it is an event. */
    Optional<String> messageType();

    /** The arguments' codec, if the call takes arguments. */
    Optional<XdrCodec<?>> argsCodec();

    /** The reply's codec, if the reply carries data. */
    Optional<XdrCodec<?>> retCodec();

    /** The event message's codec, if this is an event. */
    Optional<XdrCodec<?>> messageCodec();

    /** {@code @priority: high}: may be dispatched to the daemon's high-priority workers. */
    boolean highPriority();

    /** The {@code @acl} annotations as written, e.g. {@code domain:read_secure:VIR_DOMAIN_XML_SECURE}. */
    List<String> acl();

    /** The {@code @aclfilter} annotations as written. */
    List<String> aclFilter();

    /** The {@code @generate} annotation: {@code both}, {@code server}, {@code client} or {@code none}. */
    String generate();

    /** Whether the call opens a stream the daemon writes ({@code @readstream}) or reads ({@code @writestream}). */
    StreamDirection stream();

    /** Whether a read-only connection may call this procedure. */
    ReadOnlyAccess readOnlyAccess();

    /**
     * For {@link ReadOnlyAccess#CONDITIONAL}, the conditions that make a call need more than read
     * access, as libvirt writes them: a flag ({@code VIR_DOMAIN_XML_SECURE}, true when set), a
     * negated flag ({@code !VIR_DOMAIN_AFFECT_CONFIG}) or a parameter test
     * ({@code source=VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT}); empty otherwise.
     */
    List<String> readOnlyDeniedWhen();

    /** The direction of a procedure's stream. */
    enum StreamDirection {
        /** No stream. */
        NONE,
        /** Data flows from the daemon to the client ({@code @readstream}). */
        READ,
        /** Data flows from the client to the daemon ({@code @writestream}). */
        WRITE
    }
}
