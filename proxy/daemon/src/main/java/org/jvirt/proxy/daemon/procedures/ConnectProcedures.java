package org.jvirt.proxy.daemon.procedures;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.dispatch.Caller;
import org.jvirt.proxy.daemon.dispatch.HandlerTable;
import org.jvirt.proxy.daemon.dispatch.ProcedureGroup;
import org.jvirt.proxy.protocol.remote.*;

/**
 * The connection's procedures: open and close, what the connection is (type, versions, host name, URI,
 * capabilities, sysinfo), feature probes, authentication (none: the socket's mode and the read-only
 * rule are the access control), the close callback and native-format conversion.
 */
public final class ConnectProcedures implements ProcedureGroup {
    private static final Logger LOG = System.getLogger(ConnectProcedures.class.getName());

    /** {@code VIR_CONNECT_RO}: the client asks {@code CONNECT_OPEN} for a read-only connection. */
    static final int CONNECT_RO = 1;

    /** libvirt's {@code virDrvFeature} numbers jvirtd answers itself. */
    static final int FEATURE_TYPED_PARAM_STRING = 9;
    static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    static final int FEATURE_REMOTE_CLOSE_CALLBACK = 15;

    /**
     * What jvirtd answers to {@code virConnectGetLibVersion}: the libvirt release whose remote protocol it is
     * generated from (remote_protocol.x of libvirt 9.6.0), as major * 1,000,000 + minor * 1,000 + micro.
     * Clients gate features and refuse to run on this number — OpenStack Nova's libvirt driver wants 7.0.0
     * or later, virt-manager and virt-install compare it too — and what jvirtd offers is libvirt 9.6's API
     * (an operation jvirt lacks is NO_SUPPORT, as a libvirt driver lacking it answers), not jvirt's own
     * 1.0, which in-process callers see as {@link org.jvirt.api.Connection#libraryVersion()}.
     */
    static final long LIBVIRT_API_VERSION = 9_006_000L;

    @Override
    public void register(HandlerTable t) {
        t.on(REMOTE_PROC_CONNECT_OPEN, (Caller c, RemoteConnectOpenArgs a) -> {
            try {
                c.open(a.name().orElse(null), (a.flags() & CONNECT_RO) != 0);
            } catch (VirtException e) {
                throw asLibvirtSaysIt(e, c);
            }
            return null;
        });
        t.on(REMOTE_PROC_CONNECT_CLOSE, (Caller c, Void a) -> {
            c.closeConnection();
            return null;
        });
        t.on(REMOTE_PROC_AUTH_LIST, (Caller c, Void a) -> new RemoteAuthListRet(List.of(RemoteAuthType.REMOTE_AUTH_NONE)));
        t.on(REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, (Caller c, RemoteConnectSupportsFeatureArgs a) -> {
            if (a.feature() == FEATURE_PROGRAM_KEEPALIVE) {
                c.startKeepalive(); // asked before the connection is open, as libvirtd allows
                return new RemoteConnectSupportsFeatureRet(1);
            }
            c.connection();
            boolean supported = a.feature() == FEATURE_REMOTE_EVENT_CALLBACK || a.feature() == FEATURE_REMOTE_CLOSE_CALLBACK
                    || a.feature() == FEATURE_TYPED_PARAM_STRING;
            return new RemoteConnectSupportsFeatureRet(supported ? 1 : 0);
        });
        t.on(REMOTE_PROC_CONNECT_GET_TYPE, (Caller c, Void a) -> new RemoteConnectGetTypeRet(c.connection().type()));
        t.on(REMOTE_PROC_CONNECT_GET_VERSION, (Caller c, Void a) -> new RemoteConnectGetVersionRet(c.connection().version()));
        t.on(REMOTE_PROC_CONNECT_GET_LIB_VERSION, (Caller c, Void a) -> {
            c.connection();
            return new RemoteConnectGetLibVersionRet(LIBVIRT_API_VERSION);
        });
        t.on(REMOTE_PROC_CONNECT_GET_HOSTNAME, (Caller c, Void a) -> new RemoteConnectGetHostnameRet(c.connection().hostname()));
        t.on(REMOTE_PROC_CONNECT_GET_URI, (Caller c, Void a) -> new RemoteConnectGetUriRet(c.connection().uri()));
        t.on(REMOTE_PROC_CONNECT_GET_MAX_VCPUS, (Caller c, RemoteConnectGetMaxVcpusArgs a) ->
                new RemoteConnectGetMaxVcpusRet(c.connection().maxVcpus(a.type().orElse(null))));
        t.on(REMOTE_PROC_CONNECT_GET_CAPABILITIES, (Caller c, Void a) ->
                new RemoteConnectGetCapabilitiesRet(c.connection().capabilities()));
        t.on(REMOTE_PROC_CONNECT_GET_SYSINFO, (Caller c, RemoteConnectGetSysinfoArgs a) -> {
            WireFlags.refuseUnknown(a.flags(), "virConnectGetSysinfo");
            return new RemoteConnectGetSysinfoRet(c.connection().sysinfo());
        });
        t.on(REMOTE_PROC_CONNECT_IS_SECURE, (Caller c, Void a) -> {
            c.connection();
            return new RemoteConnectIsSecureRet(1); // a unix socket: nobody between the client and the daemon
        });
        t.on(REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK, (Caller c, Void a) -> {
            c.connection();
            c.closeCallback(true);
            return null;
        });
        t.on(REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK, (Caller c, Void a) -> {
            c.connection();
            c.closeCallback(false);
            return null;
        });
        t.on(REMOTE_PROC_CONNECT_DOMAIN_XML_FROM_NATIVE, (Caller c, RemoteConnectDomainXmlFromNativeArgs a) -> {
            WireFlags.refuseUnknown(a.flags(), "virConnectDomainXMLFromNative");
            return new RemoteConnectDomainXmlFromNativeRet(c.connection().domainXmlFromNative(a.nativeFormat(), a.nativeConfig()));
        });
        t.on(REMOTE_PROC_CONNECT_DOMAIN_XML_TO_NATIVE, (Caller c, RemoteConnectDomainXmlToNativeArgs a) -> {
            WireFlags.refuseUnknown(a.flags(), "virConnectDomainXMLToNative");
            return new RemoteConnectDomainXmlToNativeRet(c.connection().domainXmlToNative(a.nativeFormat(), a.domainXml()));
        });
    }

    /**
     * {@code e} as libvirtd's clients expect it. jvirt explains a NO_CONNECT (the schemes it knows, the
     * drivers that declined and why); libvirt says "no connection driver available for URI" and no more,
     * so the client gets that and the explanation goes to the daemon's log.
     */
    static VirtException asLibvirtSaysIt(VirtException e, Caller c) {
        if (e.code() != ErrorCode.NO_CONNECT || e.object() == null) {
            return e;
        }
        LOG.log(Level.INFO, "client {0}: {1}", c.describe(), e.getMessage());
        return new VirtException(ErrorCode.NO_CONNECT, e.domain(), ErrorCode.NO_CONNECT.format(e.object()));
    }
}
