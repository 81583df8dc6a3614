package org.jvirt.proxy.daemon.procedures;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.JobInfo;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.ShutdownFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.proxy.daemon.dispatch.Caller;
import org.jvirt.proxy.daemon.dispatch.HandlerTable;
import org.jvirt.proxy.daemon.dispatch.ProcedureGroup;
import org.jvirt.proxy.daemon.dispatch.WireObjects;
import org.jvirt.proxy.protocol.remote.*;

/**
 * The domains' procedures: listing and lookup, the lifecycle (create, define, start, stop, save,
 * restore, dump, undefine) and what describes a domain (info, state, XML, OS type, flags of being,
 * security label, jobs).
 */
public final class DomainProcedures implements ProcedureGroup {
    @Override
    public void register(HandlerTable t) {
        registerListings(t);
        registerLifecycle(t);
        registerDescriptions(t);
    }

    private static void registerListings(HandlerTable t) {
        t.on(REMOTE_PROC_CONNECT_LIST_DOMAINS, (Caller c, RemoteConnectListDomainsArgs a) -> {
            checkMax(a.maxids(), RemoteProtocol.REMOTE_DOMAIN_LIST_MAX, "maxids", "REMOTE_DOMAIN_LIST_MAX");
            int[] ids = c.connection().activeDomainIds();
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < ids.length && i < a.maxids(); i++) {
                out.add(ids[i]);
            }
            return new RemoteConnectListDomainsRet(out);
        });
        t.on(REMOTE_PROC_CONNECT_NUM_OF_DOMAINS, (Caller c, Void a) -> new RemoteConnectNumOfDomainsRet(c.connection().activeDomainCount()));
        t.on(REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS, (Caller c, RemoteConnectListDefinedDomainsArgs a) -> {
            checkMax(a.maxnames(), RemoteProtocol.REMOTE_DOMAIN_LIST_MAX, "maxnames", "REMOTE_DOMAIN_LIST_MAX");
            List<String> names = c.connection().definedDomainNames();
            return new RemoteConnectListDefinedDomainsRet(names.subList(0, Math.min(names.size(), a.maxnames())));
        });
        t.on(REMOTE_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS, (Caller c, Void a) ->
                new RemoteConnectNumOfDefinedDomainsRet(c.connection().definedDomainCount()));
        t.on(REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, (Caller c, RemoteConnectListAllDomainsArgs a) -> {
            List<Domain> all = c.connection().listAllDomains(WireFlags.of(DomainListFilter.class, a.flags(), "virConnectListAllDomains"));
            if (all.size() > RemoteProtocol.REMOTE_DOMAIN_LIST_MAX) {
                throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "Too many domains '" + all.size() + "' for limit '"
                        + RemoteProtocol.REMOTE_DOMAIN_LIST_MAX + "'", null);
            }
            List<RemoteNonnullDomain> out = new ArrayList<>(a.needResults() != 0 ? all.size() : 0);
            if (a.needResults() != 0) {
                Map<UUID, Integer> ids = runningIds(c.connection());
                for (Domain d : all) {
                    out.add(WireObjects.domain(d, ids.getOrDefault(d.uuid(), -1)));
                }
            }
            return new RemoteConnectListAllDomainsRet(out, all.size());
        });
        t.on(REMOTE_PROC_DOMAIN_LOOKUP_BY_ID, (Caller c, RemoteDomainLookupByIdArgs a) ->
                new RemoteDomainLookupByIdRet(WireObjects.domain(c.connection().domainById(a.id()), a.id())));
        t.on(REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME, (Caller c, RemoteDomainLookupByNameArgs a) ->
                new RemoteDomainLookupByNameRet(WireObjects.domain(c.connection().domainByName(a.name()))));
        t.on(REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID, (Caller c, RemoteDomainLookupByUuidArgs a) ->
                new RemoteDomainLookupByUuidRet(WireObjects.domain(c.connection().domainByUuid(WireObjects.uuid(a.uuid())))));
    }

    private static void registerLifecycle(HandlerTable t) {
        t.on(REMOTE_PROC_DOMAIN_CREATE_XML, (Caller c, RemoteDomainCreateXmlArgs a) -> new RemoteDomainCreateXmlRet(
                WireObjects.domain(c.connection().createDomain(a.xmlDesc(), WireFlags.of(StartFlag.class, a.flags(), "virDomainCreateXML")))));
        t.on(REMOTE_PROC_DOMAIN_DEFINE_XML, (Caller c, RemoteDomainDefineXmlArgs a) ->
                new RemoteDomainDefineXmlRet(WireObjects.domain(c.connection().defineDomain(a.xml()))));
        t.on(REMOTE_PROC_DOMAIN_DEFINE_XML_FLAGS, (Caller c, RemoteDomainDefineXmlFlagsArgs a) -> new RemoteDomainDefineXmlFlagsRet(
                WireObjects.domain(c.connection().defineDomain(a.xml(), WireFlags.of(DefineFlag.class, a.flags(), "virDomainDefineXMLFlags")))));
        t.on(REMOTE_PROC_DOMAIN_UNDEFINE, (Caller c, RemoteDomainUndefineArgs a) -> {
            dom(c, a.dom()).undefine();
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS, (Caller c, RemoteDomainUndefineFlagsArgs a) -> {
            UndefineFlag[] f = WireFlags.of(UndefineFlag.class, a.flags(), "virDomainUndefineFlags");
            dom(c, a.dom()).undefine(f);
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_CREATE, (Caller c, RemoteDomainCreateArgs a) -> {
            dom(c, a.dom()).start();
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS, (Caller c, RemoteDomainCreateWithFlagsArgs a) -> {
            StartFlag[] f = WireFlags.of(StartFlag.class, a.flags(), "virDomainCreateWithFlags");
            Domain d = dom(c, a.dom());
            d.start(f);
            return new RemoteDomainCreateWithFlagsRet(WireObjects.domain(d));
        });
        t.on(REMOTE_PROC_DOMAIN_DESTROY, (Caller c, RemoteDomainDestroyArgs a) -> {
            dom(c, a.dom()).destroy();
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_DESTROY_FLAGS, (Caller c, RemoteDomainDestroyFlagsArgs a) -> {
            DestroyFlag[] f = WireFlags.of(DestroyFlag.class, a.flags(), "virDomainDestroyFlags");
            dom(c, a.dom()).destroy(f);
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SUSPEND, (Caller c, RemoteDomainSuspendArgs a) -> {
            dom(c, a.dom()).suspend();
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_RESUME, (Caller c, RemoteDomainResumeArgs a) -> {
            dom(c, a.dom()).resume();
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SHUTDOWN, (Caller c, RemoteDomainShutdownArgs a) -> {
            dom(c, a.dom()).shutdown();
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SHUTDOWN_FLAGS, (Caller c, RemoteDomainShutdownFlagsArgs a) -> {
            ShutdownFlag[] f = WireFlags.of(ShutdownFlag.class, a.flags(), "virDomainShutdownFlags");
            dom(c, a.dom()).shutdown(f);
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_REBOOT, (Caller c, RemoteDomainRebootArgs a) -> {
            RebootFlag[] f = WireFlags.of(RebootFlag.class, a.flags(), "virDomainReboot");
            dom(c, a.dom()).reboot(f);
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SAVE, (Caller c, RemoteDomainSaveArgs a) -> {
            dom(c, a.dom()).save(Path.of(a.to()));
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SAVE_FLAGS, (Caller c, RemoteDomainSaveFlagsArgs a) -> {
            SaveFlag[] f = WireFlags.of(SaveFlag.class, a.flags(), "virDomainSaveFlags");
            refuseAlternativeXml(a.dxml().isPresent(), "virDomainSaveFlags");
            dom(c, a.dom()).save(Path.of(a.to()), f);
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_RESTORE, (Caller c, RemoteDomainRestoreArgs a) -> {
            c.connection().restore(Path.of(a.from()));
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_RESTORE_FLAGS, (Caller c, RemoteDomainRestoreFlagsArgs a) -> {
            SaveFlag[] f = WireFlags.of(SaveFlag.class, a.flags(), "virDomainRestoreFlags");
            refuseAlternativeXml(a.dxml().isPresent(), "virDomainRestoreFlags");
            c.connection().restore(Path.of(a.from()), f);
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_CORE_DUMP, (Caller c, RemoteDomainCoreDumpArgs a) -> {
            CoreDumpFlag[] f = WireFlags.of(CoreDumpFlag.class, a.flags(), "virDomainCoreDump");
            dom(c, a.dom()).coreDump(Path.of(a.to()), f);
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_GET_JOB_INFO, (Caller c, RemoteDomainGetJobInfoArgs a) -> {
            JobInfo j = dom(c, a.dom()).jobInfo();
            return new RemoteDomainGetJobInfoRet(j.type().number(), j.elapsedMillis(), 0, j.dataTotal(), j.dataProcessed(),
                    j.dataRemaining(), 0, 0, 0, 0, 0, 0);
        });
        t.on(REMOTE_PROC_DOMAIN_ABORT_JOB, (Caller c, RemoteDomainAbortJobArgs a) -> {
            dom(c, a.dom()).abortJob();
            return null;
        });
    }

    private static void registerDescriptions(HandlerTable t) {
        t.on(REMOTE_PROC_DOMAIN_GET_INFO, (Caller c, RemoteDomainGetInfoArgs a) -> {
            DomainInfo i = dom(c, a.dom()).info();
            return new RemoteDomainGetInfoRet((byte) i.state().number(), i.maxMemoryKiB(), i.memoryKiB(), (short) i.vcpus(),
                    i.cpuTimeNanos());
        });
        t.on(REMOTE_PROC_DOMAIN_GET_STATE, (Caller c, RemoteDomainGetStateArgs a) -> {
            WireFlags.refuseUnknown(a.flags(), "virDomainGetState");
            DomainStateReason s = dom(c, a.dom()).state();
            return new RemoteDomainGetStateRet(s.state().number(), s.number());
        });
        t.on(REMOTE_PROC_DOMAIN_GET_XML_DESC, (Caller c, RemoteDomainGetXmlDescArgs a) -> new RemoteDomainGetXmlDescRet(
                dom(c, a.dom()).xmlDesc(WireFlags.of(XmlFlag.class, a.flags(), "virDomainGetXMLDesc"))));
        t.on(REMOTE_PROC_DOMAIN_GET_OS_TYPE, (Caller c, RemoteDomainGetOsTypeArgs a) -> new RemoteDomainGetOsTypeRet(dom(c, a.dom()).osType()));
        t.on(REMOTE_PROC_DOMAIN_IS_ACTIVE, (Caller c, RemoteDomainIsActiveArgs a) ->
                new RemoteDomainIsActiveRet(dom(c, a.dom()).isActive() ? 1 : 0));
        t.on(REMOTE_PROC_DOMAIN_IS_PERSISTENT, (Caller c, RemoteDomainIsPersistentArgs a) ->
                new RemoteDomainIsPersistentRet(dom(c, a.dom()).isPersistent() ? 1 : 0));
        t.on(REMOTE_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE, (Caller c, RemoteDomainHasManagedSaveImageArgs a) -> {
            WireFlags.refuseUnknown(a.flags(), "virDomainHasManagedSaveImage");
            dom(c, a.dom());
            return new RemoteDomainHasManagedSaveImageRet(0); // jvirt makes no managed save images, so none exists
        });
        t.on(REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL, (Caller c, RemoteDomainGetSecurityLabelArgs a) -> {
            SecurityLabel l = dom(c, a.dom()).securityLabel();
            return new RemoteDomainGetSecurityLabelRet(NodeProcedures.cString(l.label()), l.enforcing() ? 1 : 0);
        });
        t.on(REMOTE_PROC_DOMAIN_GET_MESSAGES, (Caller c, RemoteDomainGetMessagesArgs a) -> {
            dom(c, a.dom());
            return new RemoteDomainGetMessagesRet(List.of()); // jvirt records no taint or deprecation messages
        });
    }

    /**
     * The ids of the running domains by UUID, asked of the driver once for a whole listing: asking each
     * listed domain for its id cost a lookup per domain (1,000 inactive domains took ~0.5 ms of ~1.6).
     */
    private static Map<UUID, Integer> runningIds(Connection c) {
        int[] running = c.activeDomainIds();
        Map<UUID, Integer> ids = new HashMap<>(running.length * 2);
        for (int id : running) {
            try {
                ids.put(c.domainById(id).uuid(), id);
            } catch (VirtException stopped) {
                // stopped since: listed as inactive, with id -1
            }
        }
        return ids;
    }

    /** The domain a call names. */
    static Domain dom(Caller c, RemoteNonnullDomain d) {
        Connection conn = c.connection();
        return WireObjects.domain(conn, d);
    }

    static void checkMax(int asked, int max, String what, String limit) {
        if (asked > max) {
            throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, what + " > " + limit, null);
        }
        if (asked < 0) {
            throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, what + " < 0", null);
        }
    }

    private static void refuseAlternativeXml(boolean given, String function) {
        if (given) {
            throw VirtException.of(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorDomain.DOMAIN,
                    function + ": jvirt cannot replace a saved domain's XML", null);
        }
    }
}
