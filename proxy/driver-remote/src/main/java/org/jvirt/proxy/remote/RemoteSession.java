package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.REMOTE_PROC_CONNECT_SUPPORTS_FEATURE;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.proxy.protocol.remote.RemoteConnectSupportsFeatureArgs;
import org.jvirt.proxy.protocol.remote.RemoteConnectSupportsFeatureRet;
import org.jvirt.proxy.remote.rpc.RpcChannel;

/**
 * What the operations of one remote connection share besides its channel: whether it is read-only, and
 * what the daemon said it supports ({@code CONNECT_SUPPORTS_FEATURE}, asked once a feature: the answer is
 * fixed for the connection's life). Thread-safe.
 */
final class RemoteSession {
    /** libvirt's {@code VIR_DRV_FEATURE_TYPED_PARAM_STRING}. */
    static final int FEATURE_TYPED_PARAM_STRING = 9;
    /** libvirt's {@code VIR_DRV_FEATURE_PROGRAM_KEEPALIVE}. */
    static final int FEATURE_KEEPALIVE = 10;

    private final RpcChannel channel;
    private final boolean readOnly;
    private final Map<Integer, Boolean> features = new ConcurrentHashMap<>();
    private volatile boolean saveImageXmlUnsupported;

    RemoteSession(RpcChannel channel, boolean readOnly) {
        this.channel = channel;
        this.readOnly = readOnly;
    }

    RpcChannel channel() {
        return channel;
    }

    /** Whether the connection was opened read-only ({@code VIR_CONNECT_RO}). */
    boolean readOnly() {
        return readOnly;
    }

    /** Whether the daemon supports {@code feature} (a {@code virDrvFeature}), asked on first use. */
    boolean supportsFeature(int feature) {
        Boolean known = features.get(feature);
        if (known == null) {
            known = channel.call(REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, new RemoteConnectSupportsFeatureArgs(feature),
                    RemoteConnectSupportsFeatureRet.class).supported() != 0;
            features.put(feature, known);
        }
        return known;
    }

    /** Whether the daemon answered {@code DOMAIN_SAVE_IMAGE_GET_XML_DESC} with NO_SUPPORT once (jvirtd does). */
    boolean saveImageXmlUnsupported() {
        return saveImageXmlUnsupported;
    }

    void saveImageXmlIsUnsupported() {
        saveImageXmlUnsupported = true;
    }
}
