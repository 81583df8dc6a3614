package org.jvirt.spi;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.BlockStats;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.JobInfo;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.Operation;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.NetworkDefinition;

/**
 * Every operation a driver may implement — jvirt's {@code driver-hypervisor.h}.
 *
 * <p>A driver declares operations by implementing these interfaces, nothing else: implementing
 * an interface <em>is</em> the declaration, so a driver can neither declare an operation it lacks
 * nor lack one it declares. Each interface names its operations with {@link Declares}; an
 * interface groups operations that only make sense together.
 *
 * <p>Contract of every method: arguments are never null (the core checks them, and rejects
 * malformed XML before a driver sees it); a failure is a {@link org.jvirt.api.VirtException}
 * with libvirt's code and a message naming the object and the operation; a driver of a composed
 * connection may throw {@link DeclinedException} to pass the call on. A driver never raises
 * NO_SUPPORT. Methods are called concurrently: the driver does its own locking.
 */
public final class DriverOperations {
    private DriverOperations() {
    }

    // ---- node and connection ------------------------------------------------------------------

    /** The hypervisor's type and version ({@code virConnectGetType}, {@code virConnectGetVersion}). */
    @Declares({Operation.CONNECT_GET_TYPE, Operation.CONNECT_GET_VERSION})
    public interface HypervisorIdentity {
        /** e.g. {@code TEST}, {@code QEMU}. */
        String hypervisorType();

        /** major * 1,000,000 + minor * 1,000 + release. */
        long hypervisorVersion();
    }

    @Declares(Operation.CONNECT_GET_HOSTNAME)
    public interface Hostname {
        String hostname();
    }

    @Declares(Operation.CONNECT_GET_MAX_VCPUS)
    public interface MaxVcpus {
        /** @param guestType e.g. {@code kvm}, or null for the driver's default */
        int maxVcpus(String guestType);
    }

    @Declares(Operation.CONNECT_GET_CAPABILITIES)
    public interface Capabilities {
        /** libvirt's capabilities XML. */
        String capabilities();
    }

    /** The host's system information ({@code virConnectGetSysinfo}). */
    @Declares(Operation.CONNECT_GET_SYSINFO)
    public interface Sysinfo {
        /** libvirt's {@code <sysinfo>} XML document, ending with a newline. */
        String sysinfo();
    }

    @Declares(Operation.NODE_GET_INFO)
    public interface NodeInformation {
        NodeInfo nodeInfo();
    }

    @Declares({Operation.NODE_GET_FREE_MEMORY, Operation.NODE_GET_CELLS_FREE_MEMORY})
    public interface NodeFreeMemory {
        /** Free memory of the host, in bytes. */
        long freeMemory();

        /** Free memory, in bytes, of up to {@code maxCells} cells from {@code startCell}. INVALID_ARG past the last cell. */
        long[] cellsFreeMemory(int startCell, int maxCells);
    }

    /** The host's memory statistics ({@code virNodeGetMemoryStats}). */
    @Declares(Operation.NODE_GET_MEMORY_STATS)
    public interface NodeMemoryStats {
        /**
         * The statistics of one NUMA cell, or of the whole host for {@code cell} -1: {@link Long}
         * values in KiB, in libvirt's order and with its names ({@code total}, {@code free},
         * {@code buffers}, {@code cached}), only those the host reports. INVALID_ARG for a cell the
         * host does not have.
         */
        List<TypedParameter> nodeMemoryStats(int cell);
    }

    /** The host's CPUs and which are online ({@code virNodeGetCPUMap}). */
    @Declares(Operation.NODE_GET_CPU_MAP)
    public interface NodeCpus {
        NodeCpuMap nodeCpuMap();
    }

    /** The host's security driver and the labels it gives domains. */
    @Declares({Operation.NODE_GET_SECURITY_MODEL, Operation.DOMAIN_GET_SECURITY_LABEL})
    public interface Security {
        NodeSecurityModel securityModel();

        SecurityLabel securityLabel(DomainRef domain);
    }

    /** Reads native configurations ({@code virConnectDomainXMLFromNative}); the core picks the driver by format. */
    @Declares(Operation.CONNECT_DOMAIN_XML_FROM_NATIVE)
    public interface DomainXmlFromNative {
        /** The formats this driver reads, e.g. {@code xen-xm}; never empty. */
        Set<String> fromNativeFormats();

        /** Called only with a format of {@link #fromNativeFormats()}; malformed input is a VirtException. */
        DomainDefinition domainXmlFromNative(String format, String nativeConfig);
    }

    /** Writes native configurations ({@code virConnectDomainXMLToNative}); the core picks the driver by format. */
    @Declares(Operation.CONNECT_DOMAIN_XML_TO_NATIVE)
    public interface DomainXmlToNative {
        /** The formats this driver writes, e.g. {@code qemu-argv}; never empty. */
        Set<String> toNativeFormats();

        /** Called only with a format of {@link #toNativeFormats()}. */
        String domainXmlToNative(String format, DomainDefinition definition);
    }

    // ---- domains: listing and lookup ----------------------------------------------------------

    @Declares({Operation.CONNECT_LIST_DOMAINS, Operation.CONNECT_NUM_OF_DOMAINS,
            Operation.CONNECT_LIST_DEFINED_DOMAINS, Operation.CONNECT_NUM_OF_DEFINED_DOMAINS,
            Operation.CONNECT_LIST_ALL_DOMAINS})
    public interface DomainListing {
        int[] activeDomainIds();

        int activeDomainCount();

        List<String> definedDomainNames();

        int definedDomainCount();

        /** Domains matching {@code filters} as {@link DomainListFilter} documents; see {@link DomainListFilters}. */
        List<DomainRef> listAllDomains(Set<DomainListFilter> filters);
    }

    /** Lookups; each fails with NO_DOMAIN naming what was looked for. */
    @Declares({Operation.DOMAIN_LOOKUP_BY_ID, Operation.DOMAIN_LOOKUP_BY_UUID, Operation.DOMAIN_LOOKUP_BY_NAME})
    public interface DomainLookup {
        DomainRef domainById(int id);

        DomainRef domainByUuid(UUID uuid);

        DomainRef domainByName(String name);
    }

    // ---- domains: reading ---------------------------------------------------------------------

    @Declares({Operation.DOMAIN_GET_INFO, Operation.DOMAIN_GET_STATE, Operation.DOMAIN_IS_ACTIVE,
            Operation.DOMAIN_IS_PERSISTENT})
    public interface DomainStatus {
        DomainInfo domainInfo(DomainRef domain);

        DomainStateReason domainState(DomainRef domain);

        /** The current id (-1 when inactive): how the core answers {@code Domain.id()}. */
        int domainId(DomainRef domain);

        boolean isPersistent(DomainRef domain);
    }

    @Declares(Operation.DOMAIN_GET_XML_DESC)
    public interface DomainXmlDescription {
        String xmlDesc(DomainRef domain, Set<XmlFlag> flags);
    }

    @Declares(Operation.DOMAIN_GET_OS_TYPE)
    public interface DomainOsType {
        String osType(DomainRef domain);
    }

    // ---- domains: lifecycle -------------------------------------------------------------------

    /** Creates and starts a transient domain; OPERATION_FAILED when the name or UUID is taken. */
    @Declares(Operation.DOMAIN_CREATE_XML)
    public interface DomainCreateTransient {
        DomainRef createDomain(DomainDefinition definition, boolean startPaused);
    }

    /** Defines or redefines a persistent domain. */
    @Declares(Operation.DOMAIN_DEFINE_XML)
    public interface DomainDefine {
        DomainRef defineDomain(DomainDefinition definition);
    }

    @Declares(Operation.DOMAIN_UNDEFINE)
    public interface DomainUndefine {
        void undefine(DomainRef domain);
    }

    @Declares(Operation.DOMAIN_CREATE)
    public interface DomainStart {
        /** Starts the domain, its CPUs paused when {@code paused} (a driver that cannot refuses with INVALID_ARG). */
        void start(DomainRef domain, boolean paused);
    }

    @Declares({Operation.DOMAIN_SUSPEND, Operation.DOMAIN_RESUME})
    public interface DomainSuspendResume {
        void suspend(DomainRef domain);

        void resume(DomainRef domain);
    }

    @Declares(Operation.DOMAIN_SHUTDOWN)
    public interface DomainShutdown {
        void shutdown(DomainRef domain);
    }

    @Declares(Operation.DOMAIN_REBOOT)
    public interface DomainReboot {
        void reboot(DomainRef domain);
    }

    @Declares(Operation.DOMAIN_DESTROY)
    public interface DomainDestroy {
        void destroy(DomainRef domain);
    }

    /** Saving writes a file that the same driver's restore reads back. */
    @Declares({Operation.DOMAIN_SAVE, Operation.DOMAIN_RESTORE})
    public interface DomainSaveRestore {
        /** {@code flags} holds at most one of RUNNING and PAUSED; an unsupported one is refused with INVALID_ARG. */
        void save(DomainRef domain, Path file, Set<SaveFlag> flags);

        /** Leaves everything unchanged when the file is unreadable, corrupt or not this driver's. */
        DomainRef restore(Path file, Set<SaveFlag> flags);
    }

    @Declares(Operation.DOMAIN_CORE_DUMP)
    public interface DomainCoreDump {
        /** Writes the dump; a flag the driver does not support is refused with INVALID_ARG. */
        void coreDump(DomainRef domain, Path file, Set<CoreDumpFlag> flags);
    }

    // ---- domains: resources -------------------------------------------------------------------

    @Declares(Operation.DOMAIN_SET_MEMORY)
    public interface DomainSetMemory {
        void setMemory(DomainRef domain, long kib, ModificationImpact impact);
    }

    @Declares(Operation.DOMAIN_SET_MAX_MEMORY)
    public interface DomainSetMaxMemory {
        void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact);
    }

    @Declares(Operation.DOMAIN_SET_VCPUS)
    public interface DomainSetVcpus {
        /** {@code flags} as {@code Domain.setVcpus}; one the driver does not support is refused with INVALID_ARG. */
        void setVcpus(DomainRef domain, int count, ModificationImpact impact, Set<VcpuFlag> flags);
    }

    @Declares({Operation.DOMAIN_GET_VCPUS, Operation.DOMAIN_GET_MAX_VCPUS})
    public interface DomainVcpuInfo {
        List<VcpuInfo> vcpuInfo(DomainRef domain);

        int maxVcpus(DomainRef domain);
    }

    @Declares(Operation.DOMAIN_PIN_VCPU)
    public interface DomainPinVcpu {
        /**
         * Pins a vCPU in the running domain (LIVE), the persistent definition (CONFIG), or the running
         * domain if any else the definition (CURRENT). A driver that pins only one of them refuses the
         * others with INVALID_ARG.
         */
        void pinVcpu(DomainRef domain, int vcpu, BitSet cpus, ModificationImpact impact);
    }

    /** The host CPUs each vCPU may run on, of the running domain or of its definition. */
    @Declares(Operation.DOMAIN_GET_VCPU_PIN_INFO)
    public interface DomainVcpuPinInfo {
        /**
         * One CPU set per vCPU up to the definition's maximum, of the running domain (LIVE), of the
         * persistent definition (CONFIG), or of the running domain if any else the definition
         * (CURRENT); an unpinned vCPU may run on every host CPU. OPERATION_INVALID for LIVE on an
         * inactive domain, CONFIG on a transient one.
         */
        List<BitSet> vcpuPinInfo(DomainRef domain, ModificationImpact impact);
    }

    /** The domain's background job ({@code virDomainGetJobInfo}). */
    @Declares(Operation.DOMAIN_GET_JOB_INFO)
    public interface DomainJobInfo {
        /** The running job's progress, {@link JobInfo#NONE} when no job runs. */
        JobInfo jobInfo(DomainRef domain);
    }

    /** Aborts the domain's background job ({@code virDomainAbortJob}). */
    @Declares(Operation.DOMAIN_ABORT_JOB)
    public interface DomainAbortJob {
        /**
         * Asks the running job to stop; the job itself then fails with the driver's "operation
         * aborted" error. OPERATION_INVALID when no job runs.
         */
        void abortJob(DomainRef domain);
    }

    @Declares({Operation.DOMAIN_GET_AUTOSTART, Operation.DOMAIN_SET_AUTOSTART})
    public interface DomainAutostart {
        boolean autostart(DomainRef domain);

        void setAutostart(DomainRef domain, boolean autostart);
    }

    /** Devices arrive as the core parsed them: {@code DomainXml.parseDevice}. */
    @Declares({Operation.DOMAIN_ATTACH_DEVICE, Operation.DOMAIN_DETACH_DEVICE})
    public interface DomainDevices {
        /**
         * Adds a device to the running domain (LIVE), the persistent definition (CONFIG), or the
         * running domain if any else the definition (CURRENT); OPERATION_INVALID for LIVE on an
         * inactive domain, CONFIG on a transient one.
         */
        void attachDevice(DomainRef domain, Device device, ModificationImpact impact);

        /** Removes a device, from the definitions {@code impact} selects as {@link #attachDevice} does. */
        void detachDevice(DomainRef domain, Device device, ModificationImpact impact);
    }

    @Declares({Operation.DOMAIN_GET_SCHEDULER_TYPE, Operation.DOMAIN_GET_SCHEDULER_PARAMETERS,
            Operation.DOMAIN_SET_SCHEDULER_PARAMETERS})
    public interface DomainScheduler {
        String schedulerType(DomainRef domain);

        /**
         * The parameters of the running domain (LIVE), the persistent definition (CONFIG), or the
         * running domain if any else the definition (CURRENT).
         */
        List<TypedParameter> schedulerParameters(DomainRef domain, ModificationImpact impact);

        /** Changes parameters of the definitions {@code impact} selects, as {@link #schedulerParameters}. */
        void setSchedulerParameters(DomainRef domain, List<TypedParameter> parameters, ModificationImpact impact);
    }

    @Declares(Operation.DOMAIN_BLOCK_STATS)
    public interface DomainBlockStats {
        BlockStats blockStats(DomainRef domain, String disk);
    }

    @Declares(Operation.DOMAIN_INTERFACE_STATS)
    public interface DomainInterfaceStats {
        InterfaceStats interfaceStats(DomainRef domain, String device);
    }

    @Declares(Operation.DOMAIN_BLOCK_PEEK)
    public interface DomainBlockPeek {
        byte[] blockPeek(DomainRef domain, String disk, long offset, int size);
    }

    @Declares(Operation.DOMAIN_MEMORY_PEEK)
    public interface DomainMemoryPeek {
        byte[] memoryPeek(DomainRef domain, long start, int size, boolean physical);
    }

    /**
     * The driver reports lifecycle events to the sink it was opened with. Declaring this is a
     * promise: every state change the driver makes or observes is reported, in order.
     */
    @Declares(Operation.CONNECT_DOMAIN_EVENT_REGISTER)
    public interface DomainEvents {
    }

    // ---- networks -----------------------------------------------------------------------------

    @Declares({Operation.CONNECT_LIST_NETWORKS, Operation.CONNECT_NUM_OF_NETWORKS,
            Operation.CONNECT_LIST_DEFINED_NETWORKS, Operation.CONNECT_NUM_OF_DEFINED_NETWORKS,
            Operation.CONNECT_LIST_ALL_NETWORKS})
    public interface NetworkListing {
        List<String> activeNetworkNames();

        int activeNetworkCount();

        List<String> definedNetworkNames();

        int definedNetworkCount();

        List<NetworkRef> listAllNetworks();
    }

    /** Lookups; each fails with NO_NETWORK naming what was looked for. */
    @Declares({Operation.NETWORK_LOOKUP_BY_NAME, Operation.NETWORK_LOOKUP_BY_UUID})
    public interface NetworkLookup {
        NetworkRef networkByName(String name);

        NetworkRef networkByUuid(UUID uuid);
    }

    @Declares({Operation.NETWORK_GET_XML_DESC, Operation.NETWORK_GET_BRIDGE_NAME,
            Operation.NETWORK_IS_ACTIVE, Operation.NETWORK_IS_PERSISTENT})
    public interface NetworkStatus {
        String networkXmlDesc(NetworkRef network, boolean inactive);

        String bridgeName(NetworkRef network);

        boolean isActive(NetworkRef network);

        boolean isPersistent(NetworkRef network);
    }

    @Declares({Operation.NETWORK_CREATE_XML, Operation.NETWORK_DEFINE_XML, Operation.NETWORK_UNDEFINE,
            Operation.NETWORK_CREATE, Operation.NETWORK_DESTROY})
    public interface NetworkLifecycle {
        NetworkRef createNetwork(NetworkDefinition definition);

        NetworkRef defineNetwork(NetworkDefinition definition);

        void undefine(NetworkRef network);

        void start(NetworkRef network);

        void destroy(NetworkRef network);
    }

    @Declares({Operation.NETWORK_GET_AUTOSTART, Operation.NETWORK_SET_AUTOSTART})
    public interface NetworkAutostart {
        boolean autostart(NetworkRef network);

        void setAutostart(NetworkRef network, boolean autostart);
    }
}
