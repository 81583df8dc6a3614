package org.jvirt.tck;

import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.Network;
import org.jvirt.api.Operation;

/**
 * One way to invoke each {@link Operation} through the public API, with harmless arguments: the
 * table behind the exhaustive checks (every undeclared operation answers NO_SUPPORT, every
 * declared one answers without it, every mutation is denied on a read-only connection). The
 * switch is exhaustive, so a new operation cannot be forgotten here.
 */
final class OperationCalls {
    private OperationCalls() {
    }

    /** What an invocation needs besides a connection. */
    enum Needs {
        /** Nothing: it is an operation of the connection. */
        CONNECTION,
        /** A domain in any state (an inactive one is preferred when the kit makes it). */
        DOMAIN,
        /** A running domain, where the operation is meant for one. */
        RUNNING_DOMAIN,
        /** A network. */
        NETWORK
    }

    @FunctionalInterface
    interface Call {
        void call(Connection c, Domain d, Network n, TckSession s) throws Exception;
    }

    record Invocation(Needs needs, Call call) {
    }

    static Invocation of(Operation op) {
        return switch (op) {
            case CONNECT_GET_TYPE -> conn((c, d, n, s) -> c.type());
            case CONNECT_GET_VERSION -> conn((c, d, n, s) -> c.version());
            case CONNECT_GET_HOSTNAME -> conn((c, d, n, s) -> c.hostname());
            case CONNECT_GET_MAX_VCPUS -> conn((c, d, n, s) -> c.maxVcpus(null));
            case CONNECT_GET_CAPABILITIES -> conn((c, d, n, s) -> c.capabilities());
            case CONNECT_GET_SYSINFO -> conn((c, d, n, s) -> c.sysinfo());
            case CONNECT_SET_KEEPALIVE -> conn((c, d, n, s) -> c.setKeepAlive(5, 5));
            case NODE_GET_INFO -> conn((c, d, n, s) -> c.nodeInfo());
            case NODE_GET_FREE_MEMORY -> conn((c, d, n, s) -> c.freeMemory());
            case NODE_GET_CELLS_FREE_MEMORY -> conn((c, d, n, s) -> c.cellsFreeMemory(0, 1));
            case NODE_GET_SECURITY_MODEL -> conn((c, d, n, s) -> c.securityModel());
            case NODE_GET_MEMORY_STATS -> conn((c, d, n, s) -> c.nodeMemoryStats(-1));
            case NODE_GET_CPU_MAP -> conn((c, d, n, s) -> c.nodeCpuMap());
            case CONNECT_DOMAIN_XML_FROM_NATIVE -> conn((c, d, n, s) -> c.domainXmlFromNative("tck-no-such-format", ""));
            case CONNECT_DOMAIN_XML_TO_NATIVE -> conn((c, d, n, s) -> c.domainXmlToNative("tck-no-such-format",
                    "<domain type='test'><name>tck</name><memory>65536</memory><os><type>hvm</type></os></domain>"));

            case CONNECT_LIST_DOMAINS -> conn((c, d, n, s) -> c.activeDomainIds());
            case CONNECT_NUM_OF_DOMAINS -> conn((c, d, n, s) -> c.activeDomainCount());
            case CONNECT_LIST_DEFINED_DOMAINS -> conn((c, d, n, s) -> c.definedDomainNames());
            case CONNECT_NUM_OF_DEFINED_DOMAINS -> conn((c, d, n, s) -> c.definedDomainCount());
            case CONNECT_LIST_ALL_DOMAINS -> conn((c, d, n, s) -> c.listAllDomains());
            case DOMAIN_LOOKUP_BY_ID -> conn((c, d, n, s) -> c.domainById(999_999));
            case DOMAIN_LOOKUP_BY_UUID -> conn((c, d, n, s) -> c.domainByUuid(UUID.randomUUID()));
            case DOMAIN_LOOKUP_BY_NAME -> conn((c, d, n, s) -> c.domainByName(TckSession.newName()));

            case DOMAIN_GET_INFO -> dom((c, d, n, s) -> d.info());
            case DOMAIN_GET_STATE -> dom((c, d, n, s) -> d.state());
            case DOMAIN_GET_XML_DESC -> dom((c, d, n, s) -> d.xmlDesc());
            case DOMAIN_GET_OS_TYPE -> dom((c, d, n, s) -> d.osType());
            case DOMAIN_IS_ACTIVE -> dom((c, d, n, s) -> d.isActive());
            case DOMAIN_IS_PERSISTENT -> dom((c, d, n, s) -> d.isPersistent());
            case DOMAIN_GET_SECURITY_LABEL -> dom((c, d, n, s) -> d.securityLabel());

            case DOMAIN_CREATE_XML -> conn((c, d, n, s) -> s.track(c.createDomain(s.domainXml(TckSession.newName(),
                    UUID.randomUUID()))));
            case DOMAIN_DEFINE_XML -> conn((c, d, n, s) -> s.track(c.defineDomain(s.domainXml(TckSession.newName(),
                    UUID.randomUUID()))));
            case DOMAIN_UNDEFINE -> dom((c, d, n, s) -> d.undefine());
            case DOMAIN_CREATE -> dom((c, d, n, s) -> d.start());
            case DOMAIN_SUSPEND -> running((c, d, n, s) -> d.suspend());
            case DOMAIN_RESUME -> running((c, d, n, s) -> d.resume());
            case DOMAIN_SHUTDOWN -> running((c, d, n, s) -> d.shutdown());
            case DOMAIN_REBOOT -> running((c, d, n, s) -> d.reboot());
            case DOMAIN_DESTROY -> running((c, d, n, s) -> d.destroy());
            case DOMAIN_GET_JOB_INFO -> running((c, d, n, s) -> d.jobInfo());
            case DOMAIN_ABORT_JOB -> running((c, d, n, s) -> d.abortJob());
            case DOMAIN_SAVE -> running((c, d, n, s) -> d.save(s.tempDir().resolve(TckSession.newName() + ".save")));
            case DOMAIN_RESTORE -> conn((c, d, n, s) -> c.restore(s.tempDir().resolve("tck-no-such-image")));
            case DOMAIN_CORE_DUMP -> running((c, d, n, s) -> d.coreDump(s.tempDir().resolve(TckSession.newName()
                    + ".core")));

            case DOMAIN_SET_MEMORY -> running((c, d, n, s) -> d.setMemory(65536));
            case DOMAIN_SET_MAX_MEMORY -> dom((c, d, n, s) -> d.setMaxMemory(262144));
            case DOMAIN_SET_VCPUS -> running((c, d, n, s) -> d.setVcpus(1));
            case DOMAIN_PIN_VCPU -> running((c, d, n, s) -> d.pinVcpu(0, cpu0()));
            case DOMAIN_GET_VCPUS -> running((c, d, n, s) -> d.vcpuInfo());
            case DOMAIN_GET_VCPU_PIN_INFO -> dom((c, d, n, s) -> d.vcpuPinInfo(ModificationImpact.CURRENT));
            case DOMAIN_GET_MAX_VCPUS -> dom((c, d, n, s) -> d.maxVcpus());
            case DOMAIN_GET_AUTOSTART -> dom((c, d, n, s) -> d.autostart());
            case DOMAIN_SET_AUTOSTART -> dom((c, d, n, s) -> d.setAutostart(false));
            case DOMAIN_ATTACH_DEVICE -> dom((c, d, n, s) -> d.attachDevice(s.target.diskXml(s.image().toString())));
            case DOMAIN_DETACH_DEVICE -> dom((c, d, n, s) -> d.detachDevice(s.target.diskXml(s.image().toString())));
            case DOMAIN_GET_SCHEDULER_TYPE -> running((c, d, n, s) -> d.schedulerType());
            case DOMAIN_GET_SCHEDULER_PARAMETERS -> running((c, d, n, s) -> d.schedulerParameters());
            case DOMAIN_SET_SCHEDULER_PARAMETERS -> running((c, d, n, s) -> d.setSchedulerParameters(List.of()));
            case DOMAIN_BLOCK_STATS -> running((c, d, n, s) -> d.blockStats("vda"));
            case DOMAIN_INTERFACE_STATS -> running((c, d, n, s) -> d.interfaceStats("vnet0"));
            case DOMAIN_BLOCK_PEEK -> running((c, d, n, s) -> d.blockPeek("vda", 0, 1));
            case DOMAIN_MEMORY_PEEK -> running((c, d, n, s) -> d.memoryPeek(0, 1, MemoryPeekFlag.PHYSICAL));
            case CONNECT_DOMAIN_EVENT_REGISTER -> conn((c, d, n, s) -> c.onDomainEvent(e -> { }).close());

            case CONNECT_LIST_NETWORKS -> conn((c, d, n, s) -> c.activeNetworkNames());
            case CONNECT_NUM_OF_NETWORKS -> conn((c, d, n, s) -> c.activeNetworkCount());
            case CONNECT_LIST_DEFINED_NETWORKS -> conn((c, d, n, s) -> c.definedNetworkNames());
            case CONNECT_NUM_OF_DEFINED_NETWORKS -> conn((c, d, n, s) -> c.definedNetworkCount());
            case CONNECT_LIST_ALL_NETWORKS -> conn((c, d, n, s) -> c.listAllNetworks());
            case NETWORK_LOOKUP_BY_NAME -> conn((c, d, n, s) -> c.networkByName(TckSession.newName()));
            case NETWORK_LOOKUP_BY_UUID -> conn((c, d, n, s) -> c.networkByUuid(UUID.randomUUID()));
            case NETWORK_GET_XML_DESC -> net((c, d, n, s) -> n.xmlDesc());
            case NETWORK_GET_BRIDGE_NAME -> net((c, d, n, s) -> n.bridgeName());
            case NETWORK_IS_ACTIVE -> net((c, d, n, s) -> n.isActive());
            case NETWORK_IS_PERSISTENT -> net((c, d, n, s) -> n.isPersistent());
            case NETWORK_CREATE_XML -> conn((c, d, n, s) -> s.track(c.createNetwork(s.networkXml(TckSession.newName(),
                    UUID.randomUUID()))));
            case NETWORK_DEFINE_XML -> conn((c, d, n, s) -> s.track(c.defineNetwork(s.networkXml(TckSession.newName(),
                    UUID.randomUUID()))));
            case NETWORK_UNDEFINE -> net((c, d, n, s) -> n.undefine());
            case NETWORK_CREATE -> net((c, d, n, s) -> n.start());
            case NETWORK_DESTROY -> net((c, d, n, s) -> n.destroy());
            case NETWORK_GET_AUTOSTART -> net((c, d, n, s) -> n.autostart());
            case NETWORK_SET_AUTOSTART -> net((c, d, n, s) -> n.setAutostart(false));
        };
    }

    private static BitSet cpu0() {
        BitSet b = new BitSet();
        b.set(0);
        return b;
    }

    private static Invocation conn(Call call) {
        return new Invocation(Needs.CONNECTION, call);
    }

    private static Invocation dom(Call call) {
        return new Invocation(Needs.DOMAIN, call);
    }

    private static Invocation running(Call call) {
        return new Invocation(Needs.RUNNING_DOMAIN, call);
    }

    private static Invocation net(Call call) {
        return new Invocation(Needs.NETWORK, call);
    }
}
