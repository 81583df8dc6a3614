package org.jvirt.proxy.daemon.server;

import java.util.Optional;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.dispatch.WireErrors;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.ProtocolLimits;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.RemoteProtocol;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrReader;

/**
 * A frame's header as libvirtd reads it before routing the frame: six words, the type and status
 * words taken as any number (rpcgen's {@code xdr_enum} checks no range), so that a frame of an unknown
 * type is dropped and a call of an unknown status refused — as libvirtd does — rather than the
 * connection closed. Only a body too short to hold a header is an error.
 *
 * @param prog the program word
 * @param vers the version word
 * @param proc the procedure word
 * @param type the message type word
 * @param serial the serial word
 * @param status the status word
 */
record FrameHead(int prog, int vers, int proc, int type, int serial, int status) {
    /** Reads the header at the start of a frame's body (as {@code FrameReader.nextFrame} returns it). */
    static FrameHead of(byte[] body) throws XdrException {
        XdrReader in = new XdrReader(body, 0, body.length, ProtocolLimits.LENGTH_WORD);
        return new FrameHead(in.readInt("virNetMessageHeader.prog"), in.readInt("virNetMessageHeader.vers"),
                in.readInt("virNetMessageHeader.proc"), in.readInt("virNetMessageHeader.type"),
                in.readInt("virNetMessageHeader.serial"), in.readInt("virNetMessageHeader.status"));
    }

    /** A message of libvirt's keepalive program, which libvirtd answers (a PING) or ignores, whatever its procedure. */
    boolean isKeepalive() {
        return prog == KeepaliveProcedure.PROGRAM && vers == KeepaliveProcedure.VERSION
                && type == VirNetMessageType.VIR_NET_MESSAGE.value();
    }

    /**
     * A call, which gets a reply whatever else is wrong with it. libvirtd sends nothing back for any
     * other message: it drops replies, events and stream data a client sends, and types it does not know.
     */
    boolean isCall() {
        return type == VirNetMessageType.VIR_NET_CALL.value() || type == VirNetMessageType.VIR_NET_CALL_WITH_FDS.value();
    }

    /**
     * The error reply to a call whose status word names no status, worded by libvirtd's order of checks:
     * an unknown program or version is reported first, then the status. Empty for a known status.
     */
    Optional<Message> unknownStatusReply() {
        if (VirNetMessageStatus.fromValue(status).isPresent()) {
            return Optional.empty();
        }
        String why = prog != RemoteProtocol.REMOTE_PROGRAM || vers != RemoteProtocol.REMOTE_PROTOCOL_VERSION
                ? "Cannot find program " + prog + " version " + vers
                : "Unexpected message status " + Integer.toUnsignedLong(status);
        VirtException e = new VirtException(ErrorCode.RPC, ErrorDomain.RPC, why);
        Message call = new Message(new VirNetMessageHeader(prog, vers, proc, VirNetMessageType.VIR_NET_CALL, serial,
                VirNetMessageStatus.VIR_NET_OK), new byte[0]);
        return Optional.of(call.errorReply(WireErrors.of(e)));
    }
}
