package org.jvirt.driver.xenstore.wire;

/**
 * xenstored's byte stream cannot be read on: a header announcing more payload than the protocol allows,
 * or the stream ending inside a frame. The connection is unusable after one; the client drops it.
 */
final class WireFault extends Exception {
    private static final long serialVersionUID = 1L;

    WireFault(String message) {
        super(message, null, false, false);
    }
}
