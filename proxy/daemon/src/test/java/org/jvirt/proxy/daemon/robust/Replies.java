package org.jvirt.proxy.daemon.robust;

import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.xdr.XdrCodec;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrWriter;

/** Reading replies and writing frames of any shape, for the robustness tests. */
final class Replies {
    private Replies() {
    }

    /** The successful reply's payload as {@code codec}'s type; an error reply fails the test, naming its error. */
    static <T> T ok(Message reply, XdrCodec<T> codec) {
        if (reply.header().status() != VirNetMessageStatus.VIR_NET_OK) {
            throw new AssertionError("the call failed: " + error(reply));
        }
        try {
            return reply.payload(codec);
        } catch (XdrException e) {
            throw new AssertionError("the reply does not decode as " + codec.xdrName(), e);
        }
    }

    /** A successful reply without payload; an error reply fails the test. */
    static void ok(Message reply) {
        if (reply.header().status() != VirNetMessageStatus.VIR_NET_OK || reply.header().type() != VirNetMessageType.VIR_NET_REPLY) {
            throw new AssertionError("the call failed: " + error(reply));
        }
    }

    /** The error an error reply carries; a successful reply fails the test. */
    static VirNetMessageError error(Message reply) {
        if (reply.header().status() != VirNetMessageStatus.VIR_NET_ERROR) {
            throw new AssertionError("expected an error reply, got " + reply);
        }
        try {
            return reply.payload(VirNetMessageError.CODEC);
        } catch (XdrException e) {
            throw new AssertionError("the error reply does not decode", e);
        }
    }

    /** A frame with the header's words as given (numbers no enum names included) and {@code payload}. */
    static byte[] frame(int prog, int vers, int proc, int type, int serial, int status, byte[] payload) {
        XdrWriter w = new XdrWriter(28 + payload.length);
        w.writeInt(28 + payload.length);
        w.writeInt(prog);
        w.writeInt(vers);
        w.writeInt(proc);
        w.writeInt(type);
        w.writeInt(serial);
        w.writeInt(status);
        byte[] head = w.toByteArray();
        byte[] f = java.util.Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, f, head.length, payload.length);
        return f;
    }

    /** Big-endian words, for hand-made payloads. */
    static byte[] words(int... values) {
        XdrWriter w = new XdrWriter(values.length * 4);
        for (int v : values) {
            w.writeInt(v);
        }
        return w.toByteArray();
    }
}
