package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.Optional;
import org.jvirt.api.NodeInfo;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DriverOperations;

/**
 * The connection's and the host's facts over the wire: identity, host name, node information, the most
 * vCPUs, capabilities and sysinfo documents; and the connection's keepalive.
 */
interface RemoteNode extends RemoteOperations, DriverOperations.HypervisorIdentity, DriverOperations.Hostname,
        DriverOperations.NodeInformation, DriverOperations.MaxVcpus, DriverOperations.Capabilities,
        DriverOperations.Sysinfo, DriverOperations.KeepAlive {

    /** As libvirt's {@code remoteConnectSetKeepAlive}: 1 (here false) when the daemon has no keepalive. */
    @Override
    default boolean setKeepAlive(int interval, int count) {
        if (!session().supportsFeature(RemoteSession.FEATURE_KEEPALIVE)) {
            return false;
        }
        channel().setKeepalive(java.time.Duration.ofSeconds(Math.max(interval, 0)), count);
        return true;
    }

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

    /** Memory in KiB, as {@code virNodeInfo}; the model is a {@code char[32]} up to its first NUL. */
    @Override
    default NodeInfo nodeInfo() {
        RemoteNodeGetInfoRet r = channel().call(REMOTE_PROC_NODE_GET_INFO, null, RemoteNodeGetInfoRet.class);
        return new NodeInfo(WireValues.cString(r.model()), r.memory(), r.cpus(), r.mhz(), r.nodes(), r.sockets(),
                r.cores(), r.threads());
    }

    /** {@code guestType} null travels as libvirt's NULL string (the daemon's default type). */
    @Override
    default int maxVcpus(String guestType) {
        return channel().call(REMOTE_PROC_CONNECT_GET_MAX_VCPUS,
                new RemoteConnectGetMaxVcpusArgs(Optional.ofNullable(guestType)), RemoteConnectGetMaxVcpusRet.class)
                .maxVcpus();
    }

    @Override
    default String capabilities() {
        return channel().call(REMOTE_PROC_CONNECT_GET_CAPABILITIES, null, RemoteConnectGetCapabilitiesRet.class)
                .capabilities();
    }

    @Override
    default String sysinfo() {
        return channel().call(REMOTE_PROC_CONNECT_GET_SYSINFO, new RemoteConnectGetSysinfoArgs(0),
                RemoteConnectGetSysinfoRet.class).sysinfo();
    }
}
