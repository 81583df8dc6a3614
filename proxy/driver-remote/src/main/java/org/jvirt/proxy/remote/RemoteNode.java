package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.nio.charset.StandardCharsets;
import org.jvirt.api.NodeInfo;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.proxy.remote.rpc.RpcChannel;
import org.jvirt.spi.DriverOperations;

/** The connection's and the host's operations over the wire: identity, host name, node information. */
interface RemoteNode extends DriverOperations.HypervisorIdentity, DriverOperations.Hostname,
        DriverOperations.NodeInformation {

    /** The channel the operations call through. */
    RpcChannel channel();

    @Override
    default String hypervisorType() {
        return channel().call(REMOTE_PROC_CONNECT_GET_TYPE, null, RemoteConnectGetTypeRet.class).type();
    }

    @Override
    default long hypervisorVersion() {
        return channel().call(REMOTE_PROC_CONNECT_GET_VERSION, null, RemoteConnectGetVersionRet.class).hvVer();
    }

    @Override
    default String hostname() {
        return channel().call(REMOTE_PROC_CONNECT_GET_HOSTNAME, null, RemoteConnectGetHostnameRet.class).hostname();
    }

    @Override
    default NodeInfo nodeInfo() {
        RemoteNodeGetInfoRet r = channel().call(REMOTE_PROC_NODE_GET_INFO, null, RemoteNodeGetInfoRet.class);
        return new NodeInfo(cString(r.model()), r.memory(), r.cpus(), r.mhz(), r.nodes(), r.sockets(), r.cores(),
                r.threads());
    }

    /** A fixed-size C char array (the model's {@code char[32]}), up to its first NUL. */
    private static String cString(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }
}
