package org.jvirt.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.BlockStats;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.Flag;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.JobInfo;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.api.NetworkXmlFlag;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.Operation;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.ShutdownFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.NetworkDefinition;

/**
 * Every operation a driver may implement — jvirt's {@code driver-hypervisor.h} — and the table
 * that binds each {@link Operation} to the interface declaring it and the method performing it.
 *
 * <p>A driver declares operations by implementing these interfaces, nothing else: implementing
 * an interface <em>is</em> the declaration, so a driver can neither declare an operation it lacks
 * nor lack one it declares. Each interface is followed by its {@link OperationBinding} constants,
 * named as the operations; an interface carries one operation, or a few that make no sense apart
 * (suspend and resume). Where a composed driver may well serve only part of an area (listing ids
 * but not counting definitions, reading state but not persistence), the area is split.
 *
 * <h2>Contract of every method</h2>
 * Arguments are never null (the core checks them, and rejects malformed XML before a driver sees
 * it). A failure is a {@link org.jvirt.api.VirtException} with libvirt's code and a message naming
 * the object and the operation; a driver of a composed connection may throw
 * {@link DeclinedException} to pass the call on. A driver never raises NO_SUPPORT. Methods are
 * called concurrently: the driver does its own locking.
 *
 * <h2>Flags</h2>
 * Where libvirt's entry point takes {@code flags}, the method takes them last, as an unmodifiable
 * {@code Set} of the operation's flag enum ({@link Operation#flagType()}), never null. The set
 * holds only flags the driver declared it honours, through the interface's default
 * {@code ...Flags()} method (none unless overridden): the core refuses the others before the
 * driver is reached, as libvirt's {@code virCheckFlags} would, so a flag added to an enum in a
 * later version never reaches a driver that does not know it. The declaration must not change
 * during a connection's life.
 *
 * @since 1.0
 */
public final class DriverOperations {
    /** The table, in declaration order; filled as the constants below initialize. */
    private static final List<OperationBinding<?>> TABLE = new ArrayList<>();

    private DriverOperations() {
    }

    /** Every binding, one per {@link Operation}, in this file's order. */
    public static List<OperationBinding<?>> bindings() {
        return Collections.unmodifiableList(TABLE);
    }

    private static <I> OperationBinding<I> bind(Operation operation, Class<I> declaredBy, String method) {
        OperationBinding<I> binding = new OperationBinding<>(operation, declaredBy, method);
        TABLE.add(binding);
        return binding;
    }

    /** A flagged operation whose honoured flags a driver declares with {@code declaration} (null: it honours all). */
    private static <I, F extends Enum<F> & Flag> FlaggedBinding<I, F> bind(
            Operation operation, Class<I> declaredBy, String method, Class<F> flagType, String declaration) {
        return bindFlags(operation, declaredBy, method, flagType, declaration, EnumSet.noneOf(flagType));
    }

    private static <I, F extends Enum<F> & Flag> FlaggedBinding<I, F> bindFlags(
            Operation operation, Class<I> declaredBy, String method, Class<F> flagType, String declaration,
            Set<F> implementedByCore) {
        FlaggedBinding<I, F> binding = new FlaggedBinding<>(operation, declaredBy, method, flagType, declaration,
                implementedByCore);
        TABLE.add(binding);
        return binding;
    }

    // ---- node and connection ------------------------------------------------------------------

    /** The hypervisor's type and version ({@code virConnectGetType}, {@code virConnectGetVersion}). */
    public interface HypervisorIdentity {
        /** e.g. {@code TEST}, {@code QEMU}. */
        String hypervisorType();

        /** major * 1,000,000 + minor * 1,000 + release. */
        long hypervisorVersion();
    }

    public static final OperationBinding<HypervisorIdentity> CONNECT_GET_TYPE =
            bind(Operation.CONNECT_GET_TYPE, HypervisorIdentity.class, "hypervisorType");
    public static final OperationBinding<HypervisorIdentity> CONNECT_GET_VERSION =
            bind(Operation.CONNECT_GET_VERSION, HypervisorIdentity.class, "hypervisorVersion");

    /** The host's name ({@code virConnectGetHostname}). */
    public interface Hostname {
        String hostname();
    }

    public static final OperationBinding<Hostname> CONNECT_GET_HOSTNAME =
            bind(Operation.CONNECT_GET_HOSTNAME, Hostname.class, "hostname");

    /** The most vCPUs a guest may have ({@code virConnectGetMaxVcpus}). */
    public interface MaxVcpus {
        /** @param guestType e.g. {@code kvm}, or null for the driver's default */
        int maxVcpus(String guestType);
    }

    public static final OperationBinding<MaxVcpus> CONNECT_GET_MAX_VCPUS =
            bind(Operation.CONNECT_GET_MAX_VCPUS, MaxVcpus.class, "maxVcpus");

    /** The host's capabilities ({@code virConnectGetCapabilities}). */
    public interface Capabilities {
        /** libvirt's capabilities XML. */
        String capabilities();
    }

    public static final OperationBinding<Capabilities> CONNECT_GET_CAPABILITIES =
            bind(Operation.CONNECT_GET_CAPABILITIES, Capabilities.class, "capabilities");

    /** The host's system information ({@code virConnectGetSysinfo}). */
    public interface Sysinfo {
        /** libvirt's {@code <sysinfo>} XML document, ending with a newline. */
        String sysinfo();
    }

    public static final OperationBinding<Sysinfo> CONNECT_GET_SYSINFO =
            bind(Operation.CONNECT_GET_SYSINFO, Sysinfo.class, "sysinfo");

    /** Keepalive with the daemon that serves the connection ({@code virConnectSetKeepAlive}): a remote driver's. */
    public interface KeepAlive {
        /**
         * Pings the daemon after {@code interval} seconds without a message from it and gives the connection up
         * after {@code count} unanswered pings; {@code interval} 0 or less stops pinging.
         *
         * @return false when the daemon does not speak libvirt's keepalive protocol (nothing changes then)
         */
        boolean setKeepAlive(int interval, int count);
    }

    /** @since 1.1 */
    public static final OperationBinding<KeepAlive> CONNECT_SET_KEEPALIVE =
            bind(Operation.CONNECT_SET_KEEPALIVE, KeepAlive.class, "setKeepAlive");

    /** The host's CPUs and memory ({@code virNodeGetInfo}). */
    public interface NodeInformation {
        NodeInfo nodeInfo();
    }

    public static final OperationBinding<NodeInformation> NODE_GET_INFO =
            bind(Operation.NODE_GET_INFO, NodeInformation.class, "nodeInfo");

    /** Free memory of the host and of its cells. */
    public interface NodeFreeMemory {
        /** Free memory of the host, in bytes. */
        long freeMemory();

        /** Free memory, in bytes, of up to {@code maxCells} cells from {@code startCell}. INVALID_ARG past the last cell. */
        long[] cellsFreeMemory(int startCell, int maxCells);
    }

    public static final OperationBinding<NodeFreeMemory> NODE_GET_FREE_MEMORY =
            bind(Operation.NODE_GET_FREE_MEMORY, NodeFreeMemory.class, "freeMemory");
    public static final OperationBinding<NodeFreeMemory> NODE_GET_CELLS_FREE_MEMORY =
            bind(Operation.NODE_GET_CELLS_FREE_MEMORY, NodeFreeMemory.class, "cellsFreeMemory");

    /** The host's security driver ({@code virNodeGetSecurityModel}). */
    public interface NodeSecurity {
        NodeSecurityModel securityModel();
    }

    public static final OperationBinding<NodeSecurity> NODE_GET_SECURITY_MODEL =
            bind(Operation.NODE_GET_SECURITY_MODEL, NodeSecurity.class, "securityModel");

    /** The host's memory statistics ({@code virNodeGetMemoryStats}). */
    public interface NodeMemoryStats {
        /**
         * The statistics of one NUMA cell, or of the whole host for {@code cell} -1: {@link Long}
         * values in KiB, in libvirt's order and with its names ({@code total}, {@code free},
         * {@code buffers}, {@code cached}), only those the host reports. INVALID_ARG for a cell the
         * host does not have.
         */
        List<TypedParameter> nodeMemoryStats(int cell);
    }

    public static final OperationBinding<NodeMemoryStats> NODE_GET_MEMORY_STATS =
            bind(Operation.NODE_GET_MEMORY_STATS, NodeMemoryStats.class, "nodeMemoryStats");

    /** The host's CPUs and which are online ({@code virNodeGetCPUMap}). */
    public interface NodeCpus {
        NodeCpuMap nodeCpuMap();
    }

    public static final OperationBinding<NodeCpus> NODE_GET_CPU_MAP =
            bind(Operation.NODE_GET_CPU_MAP, NodeCpus.class, "nodeCpuMap");

    /** Reads native configurations ({@code virConnectDomainXMLFromNative}); the core picks the driver by format. */
    public interface DomainXmlFromNative {
        /** The formats this driver reads, e.g. {@code xen-xm}; never empty, fixed for the connection. */
        Set<String> fromNativeFormats();

        /** Called only with a format of {@link #fromNativeFormats()}; malformed input is a VirtException. */
        DomainDefinition domainXmlFromNative(String format, String nativeConfig);
    }

    public static final OperationBinding<DomainXmlFromNative> CONNECT_DOMAIN_XML_FROM_NATIVE =
            bind(Operation.CONNECT_DOMAIN_XML_FROM_NATIVE, DomainXmlFromNative.class, "domainXmlFromNative");

    /** Writes native configurations ({@code virConnectDomainXMLToNative}); the core picks the driver by format. */
    public interface DomainXmlToNative {
        /** The formats this driver writes, e.g. {@code qemu-argv}; never empty, fixed for the connection. */
        Set<String> toNativeFormats();

        /** Called only with a format of {@link #toNativeFormats()}. */
        String domainXmlToNative(String format, DomainDefinition definition);
    }

    public static final OperationBinding<DomainXmlToNative> CONNECT_DOMAIN_XML_TO_NATIVE =
            bind(Operation.CONNECT_DOMAIN_XML_TO_NATIVE, DomainXmlToNative.class, "domainXmlToNative");

    // ---- domains: listing and lookup ----------------------------------------------------------

    /** Ids of the running domains ({@code virConnectListDomains}). */
    public interface ActiveDomainIds {
        int[] activeDomainIds();
    }

    public static final OperationBinding<ActiveDomainIds> CONNECT_LIST_DOMAINS =
            bind(Operation.CONNECT_LIST_DOMAINS, ActiveDomainIds.class, "activeDomainIds");

    /** How many domains run ({@code virConnectNumOfDomains}). */
    public interface ActiveDomainCount {
        int activeDomainCount();
    }

    public static final OperationBinding<ActiveDomainCount> CONNECT_NUM_OF_DOMAINS =
            bind(Operation.CONNECT_NUM_OF_DOMAINS, ActiveDomainCount.class, "activeDomainCount");

    /** Names of the persistent domains that do not run ({@code virConnectListDefinedDomains}). */
    public interface DefinedDomainNames {
        List<String> definedDomainNames();
    }

    public static final OperationBinding<DefinedDomainNames> CONNECT_LIST_DEFINED_DOMAINS =
            bind(Operation.CONNECT_LIST_DEFINED_DOMAINS, DefinedDomainNames.class, "definedDomainNames");

    /** How many persistent domains do not run ({@code virConnectNumOfDefinedDomains}). */
    public interface DefinedDomainCount {
        int definedDomainCount();
    }

    public static final OperationBinding<DefinedDomainCount> CONNECT_NUM_OF_DEFINED_DOMAINS =
            bind(Operation.CONNECT_NUM_OF_DEFINED_DOMAINS, DefinedDomainCount.class, "definedDomainCount");

    /** Every domain, filtered ({@code virConnectListAllDomains}). */
    public interface DomainListAll {
        /**
         * Domains matching {@code filters}, every one of which a declaring driver honours (see
         * {@link DomainListFilters}, which implements them).
         */
        List<DomainRef> listAllDomains(Set<DomainListFilter> filters);
    }

    public static final FlaggedBinding<DomainListAll, DomainListFilter> CONNECT_LIST_ALL_DOMAINS =
            bind(Operation.CONNECT_LIST_ALL_DOMAINS, DomainListAll.class, "listAllDomains", DomainListFilter.class,
                    null);

    /** Lookup of a running domain by id; NO_DOMAIN naming the id when none has it. */
    public interface DomainLookupById {
        DomainRef domainById(int id);
    }

    public static final OperationBinding<DomainLookupById> DOMAIN_LOOKUP_BY_ID =
            bind(Operation.DOMAIN_LOOKUP_BY_ID, DomainLookupById.class, "domainById");

    /** Lookup by UUID; NO_DOMAIN naming the UUID when none has it. */
    public interface DomainLookupByUuid {
        DomainRef domainByUuid(UUID uuid);
    }

    public static final OperationBinding<DomainLookupByUuid> DOMAIN_LOOKUP_BY_UUID =
            bind(Operation.DOMAIN_LOOKUP_BY_UUID, DomainLookupByUuid.class, "domainByUuid");

    /** Lookup by name; NO_DOMAIN naming the name when none has it. */
    public interface DomainLookupByName {
        DomainRef domainByName(String name);
    }

    public static final OperationBinding<DomainLookupByName> DOMAIN_LOOKUP_BY_NAME =
            bind(Operation.DOMAIN_LOOKUP_BY_NAME, DomainLookupByName.class, "domainByName");

    // ---- domains: reading ---------------------------------------------------------------------

    /** State, memory, vCPUs and CPU time ({@code virDomainGetInfo}). */
    public interface DomainGetInfo {
        DomainInfo domainInfo(DomainRef domain);
    }

    public static final OperationBinding<DomainGetInfo> DOMAIN_GET_INFO =
            bind(Operation.DOMAIN_GET_INFO, DomainGetInfo.class, "domainInfo");

    /** State and its reason ({@code virDomainGetState}). */
    public interface DomainGetState {
        DomainStateReason domainState(DomainRef domain);
    }

    public static final OperationBinding<DomainGetState> DOMAIN_GET_STATE =
            bind(Operation.DOMAIN_GET_STATE, DomainGetState.class, "domainState");

    /** Whether the domain runs ({@code virDomainIsActive}), answered with its current id. */
    public interface DomainIsActive {
        /** The current id, -1 when inactive: how the core answers {@code isActive()} and {@code id()}. */
        int domainId(DomainRef domain);
    }

    public static final OperationBinding<DomainIsActive> DOMAIN_IS_ACTIVE =
            bind(Operation.DOMAIN_IS_ACTIVE, DomainIsActive.class, "domainId");

    /** Whether the domain has a persistent definition ({@code virDomainIsPersistent}). */
    public interface DomainIsPersistent {
        boolean isPersistent(DomainRef domain);
    }

    public static final OperationBinding<DomainIsPersistent> DOMAIN_IS_PERSISTENT =
            bind(Operation.DOMAIN_IS_PERSISTENT, DomainIsPersistent.class, "isPersistent");

    /** The domain's XML description ({@code virDomainGetXMLDesc}). */
    public interface DomainXmlDescription {
        String xmlDesc(DomainRef domain, Set<XmlFlag> flags);

        /** The flags {@link #xmlDesc} honours; none unless overridden. */
        default Set<XmlFlag> xmlDescFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainXmlDescription, XmlFlag> DOMAIN_GET_XML_DESC =
            bind(Operation.DOMAIN_GET_XML_DESC, DomainXmlDescription.class, "xmlDesc", XmlFlag.class,
                    "xmlDescFlags");

    /** The guest's OS type ({@code virDomainGetOSType}). */
    public interface DomainOsType {
        String osType(DomainRef domain);
    }

    public static final OperationBinding<DomainOsType> DOMAIN_GET_OS_TYPE =
            bind(Operation.DOMAIN_GET_OS_TYPE, DomainOsType.class, "osType");

    /** The security label the host gave the domain ({@code virDomainGetSecurityLabel}). */
    public interface DomainSecurityLabel {
        SecurityLabel securityLabel(DomainRef domain);
    }

    public static final OperationBinding<DomainSecurityLabel> DOMAIN_GET_SECURITY_LABEL =
            bind(Operation.DOMAIN_GET_SECURITY_LABEL, DomainSecurityLabel.class, "securityLabel");

    // ---- domains: lifecycle -------------------------------------------------------------------

    /** Creates and starts a transient domain; OPERATION_FAILED when the name or UUID is taken. */
    public interface DomainCreateTransient {
        DomainRef createDomain(DomainDefinition definition, Set<StartFlag> flags);

        /** The flags {@link #createDomain} honours; none unless overridden. */
        default Set<StartFlag> createFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainCreateTransient, StartFlag> DOMAIN_CREATE_XML =
            bindFlags(Operation.DOMAIN_CREATE_XML, DomainCreateTransient.class, "createDomain", StartFlag.class,
                    "createFlags", EnumSet.of(StartFlag.VALIDATE));

    /** Defines or redefines a persistent domain. */
    public interface DomainDefine {
        /** {@code flags} is empty in this version: VALIDATE, the only define flag, is the core's. */
        DomainRef defineDomain(DomainDefinition definition, Set<DefineFlag> flags);
    }

    public static final FlaggedBinding<DomainDefine, DefineFlag> DOMAIN_DEFINE_XML =
            bindFlags(Operation.DOMAIN_DEFINE_XML, DomainDefine.class, "defineDomain", DefineFlag.class,
                    null, EnumSet.of(DefineFlag.VALIDATE));

    /** Removes a persistent definition ({@code virDomainUndefineFlags}). */
    public interface DomainUndefine {
        void undefine(DomainRef domain, Set<UndefineFlag> flags);

        /** The flags {@link #undefine} honours; none unless overridden. */
        default Set<UndefineFlag> undefineFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainUndefine, UndefineFlag> DOMAIN_UNDEFINE =
            bind(Operation.DOMAIN_UNDEFINE, DomainUndefine.class, "undefine", UndefineFlag.class,
                    "undefineFlags");

    /** Starts a defined domain ({@code virDomainCreateWithFlags}). */
    public interface DomainStart {
        void start(DomainRef domain, Set<StartFlag> flags);

        /** The flags {@link #start} honours; none unless overridden. */
        default Set<StartFlag> startFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainStart, StartFlag> DOMAIN_CREATE =
            bind(Operation.DOMAIN_CREATE, DomainStart.class, "start", StartFlag.class, "startFlags");

    /** Pauses and resumes a running domain. */
    public interface DomainSuspendResume {
        void suspend(DomainRef domain);

        void resume(DomainRef domain);
    }

    public static final OperationBinding<DomainSuspendResume> DOMAIN_SUSPEND =
            bind(Operation.DOMAIN_SUSPEND, DomainSuspendResume.class, "suspend");
    public static final OperationBinding<DomainSuspendResume> DOMAIN_RESUME =
            bind(Operation.DOMAIN_RESUME, DomainSuspendResume.class, "resume");

    /** Asks the guest to shut down ({@code virDomainShutdownFlags}). */
    public interface DomainShutdown {
        /** {@code flags}: the ways to try; empty leaves the choice to the driver. */
        void shutdown(DomainRef domain, Set<ShutdownFlag> flags);

        /** The ways {@link #shutdown} honours; none unless overridden. */
        default Set<ShutdownFlag> shutdownFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainShutdown, ShutdownFlag> DOMAIN_SHUTDOWN =
            bind(Operation.DOMAIN_SHUTDOWN, DomainShutdown.class, "shutdown", ShutdownFlag.class,
                    "shutdownFlags");

    /** Asks the guest to reboot ({@code virDomainReboot}). */
    public interface DomainReboot {
        /** {@code flags}: the ways to try; empty leaves the choice to the driver. */
        void reboot(DomainRef domain, Set<RebootFlag> flags);

        /** The ways {@link #reboot} honours; none unless overridden. */
        default Set<RebootFlag> rebootFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainReboot, RebootFlag> DOMAIN_REBOOT =
            bind(Operation.DOMAIN_REBOOT, DomainReboot.class, "reboot", RebootFlag.class, "rebootFlags");

    /** Stops a domain at once ({@code virDomainDestroyFlags}). */
    public interface DomainDestroy {
        void destroy(DomainRef domain, Set<DestroyFlag> flags);

        /** The flags {@link #destroy} honours; none unless overridden. */
        default Set<DestroyFlag> destroyFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainDestroy, DestroyFlag> DOMAIN_DESTROY =
            bind(Operation.DOMAIN_DESTROY, DomainDestroy.class, "destroy", DestroyFlag.class,
                    "destroyFlags");

    /** Saving writes a file that the same driver's restore reads back. */
    public interface DomainSaveRestore {
        /** {@code flags} holds at most one of RUNNING and PAUSED (the core refuses both). */
        void save(DomainRef domain, Path file, Set<SaveFlag> flags);

        /** Leaves everything unchanged when the file is unreadable, corrupt or not this driver's. */
        DomainRef restore(Path file, Set<SaveFlag> flags);

        /** The flags {@link #save} honours; none unless overridden. */
        default Set<SaveFlag> saveFlags() {
            return Set.of();
        }

        /** The flags {@link #restore} honours; none unless overridden. */
        default Set<SaveFlag> restoreFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainSaveRestore, SaveFlag> DOMAIN_SAVE =
            bind(Operation.DOMAIN_SAVE, DomainSaveRestore.class, "save", SaveFlag.class, "saveFlags");
    public static final FlaggedBinding<DomainSaveRestore, SaveFlag> DOMAIN_RESTORE =
            bind(Operation.DOMAIN_RESTORE, DomainSaveRestore.class, "restore", SaveFlag.class,
                    "restoreFlags");

    /** Dumps the guest ({@code virDomainCoreDumpWithFormat}). */
    public interface DomainCoreDump {
        void coreDump(DomainRef domain, Path file, Set<CoreDumpFlag> flags);

        /** The flags {@link #coreDump} honours; none unless overridden. */
        default Set<CoreDumpFlag> coreDumpFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainCoreDump, CoreDumpFlag> DOMAIN_CORE_DUMP =
            bind(Operation.DOMAIN_CORE_DUMP, DomainCoreDump.class, "coreDump", CoreDumpFlag.class,
                    "coreDumpFlags");

    /** The domain's background job ({@code virDomainGetJobInfo}). */
    public interface DomainJobInfo {
        /** The running job's progress, {@link JobInfo#NONE} when no job runs. */
        JobInfo jobInfo(DomainRef domain);
    }

    public static final OperationBinding<DomainJobInfo> DOMAIN_GET_JOB_INFO =
            bind(Operation.DOMAIN_GET_JOB_INFO, DomainJobInfo.class, "jobInfo");

    /** Aborts the domain's background job ({@code virDomainAbortJob}). */
    public interface DomainAbortJob {
        /**
         * Asks the running job to stop; the job itself then fails with the driver's "operation
         * aborted" error. OPERATION_INVALID when no job runs.
         */
        void abortJob(DomainRef domain);
    }

    public static final OperationBinding<DomainAbortJob> DOMAIN_ABORT_JOB =
            bind(Operation.DOMAIN_ABORT_JOB, DomainAbortJob.class, "abortJob");

    // ---- domains: resources -------------------------------------------------------------------

    /** The memory a domain uses ({@code virDomainSetMemoryFlags}). */
    public interface DomainSetMemory {
        void setMemory(DomainRef domain, long kib, ModificationImpact impact);
    }

    public static final OperationBinding<DomainSetMemory> DOMAIN_SET_MEMORY =
            bind(Operation.DOMAIN_SET_MEMORY, DomainSetMemory.class, "setMemory");

    /** The most memory a domain may use ({@code virDomainSetMaxMemory}). */
    public interface DomainSetMaxMemory {
        void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact);
    }

    public static final OperationBinding<DomainSetMaxMemory> DOMAIN_SET_MAX_MEMORY =
            bind(Operation.DOMAIN_SET_MAX_MEMORY, DomainSetMaxMemory.class, "setMaxMemory");

    /** The vCPUs a domain has ({@code virDomainSetVcpusFlags}). */
    public interface DomainSetVcpus {
        void setVcpus(DomainRef domain, int count, ModificationImpact impact, Set<VcpuFlag> flags);

        /** The flags {@link #setVcpus} honours; none unless overridden. */
        default Set<VcpuFlag> setVcpusFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainSetVcpus, VcpuFlag> DOMAIN_SET_VCPUS =
            bind(Operation.DOMAIN_SET_VCPUS, DomainSetVcpus.class, "setVcpus", VcpuFlag.class,
                    "setVcpusFlags");

    /** The running domain's vCPUs and their most. */
    public interface DomainVcpuInfo {
        List<VcpuInfo> vcpuInfo(DomainRef domain);

        int maxVcpus(DomainRef domain);
    }

    public static final OperationBinding<DomainVcpuInfo> DOMAIN_GET_VCPUS =
            bind(Operation.DOMAIN_GET_VCPUS, DomainVcpuInfo.class, "vcpuInfo");
    public static final OperationBinding<DomainVcpuInfo> DOMAIN_GET_MAX_VCPUS =
            bind(Operation.DOMAIN_GET_MAX_VCPUS, DomainVcpuInfo.class, "maxVcpus");

    /** Pins a vCPU to host CPUs ({@code virDomainPinVcpuFlags}). */
    public interface DomainPinVcpu {
        /**
         * Pins a vCPU in the running domain (LIVE), the persistent definition (CONFIG), or the running
         * domain if any else the definition (CURRENT). A driver that pins only one of them refuses the
         * others with INVALID_ARG.
         */
        void pinVcpu(DomainRef domain, int vcpu, BitSet cpus, ModificationImpact impact);
    }

    public static final OperationBinding<DomainPinVcpu> DOMAIN_PIN_VCPU =
            bind(Operation.DOMAIN_PIN_VCPU, DomainPinVcpu.class, "pinVcpu");

    /** The host CPUs each vCPU may run on, of the running domain or of its definition. */
    public interface DomainVcpuPinInfo {
        /**
         * One CPU set per vCPU up to the definition's maximum, of the running domain (LIVE), of the
         * persistent definition (CONFIG), or of the running domain if any else the definition
         * (CURRENT); an unpinned vCPU may run on every host CPU. OPERATION_INVALID for LIVE on an
         * inactive domain, CONFIG on a transient one.
         */
        List<BitSet> vcpuPinInfo(DomainRef domain, ModificationImpact impact);
    }

    public static final OperationBinding<DomainVcpuPinInfo> DOMAIN_GET_VCPU_PIN_INFO =
            bind(Operation.DOMAIN_GET_VCPU_PIN_INFO, DomainVcpuPinInfo.class, "vcpuPinInfo");

    /** Whether a domain starts with its host. */
    public interface DomainAutostart {
        boolean autostart(DomainRef domain);

        void setAutostart(DomainRef domain, boolean autostart);
    }

    public static final OperationBinding<DomainAutostart> DOMAIN_GET_AUTOSTART =
            bind(Operation.DOMAIN_GET_AUTOSTART, DomainAutostart.class, "autostart");
    public static final OperationBinding<DomainAutostart> DOMAIN_SET_AUTOSTART =
            bind(Operation.DOMAIN_SET_AUTOSTART, DomainAutostart.class, "setAutostart");

    /** Devices arrive as the core parsed them: {@code DomainXml.parseDevice}. */
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

    public static final OperationBinding<DomainDevices> DOMAIN_ATTACH_DEVICE =
            bind(Operation.DOMAIN_ATTACH_DEVICE, DomainDevices.class, "attachDevice");
    public static final OperationBinding<DomainDevices> DOMAIN_DETACH_DEVICE =
            bind(Operation.DOMAIN_DETACH_DEVICE, DomainDevices.class, "detachDevice");

    /** The scheduler and its parameters. */
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

    public static final OperationBinding<DomainScheduler> DOMAIN_GET_SCHEDULER_TYPE =
            bind(Operation.DOMAIN_GET_SCHEDULER_TYPE, DomainScheduler.class, "schedulerType");
    public static final OperationBinding<DomainScheduler> DOMAIN_GET_SCHEDULER_PARAMETERS =
            bind(Operation.DOMAIN_GET_SCHEDULER_PARAMETERS, DomainScheduler.class, "schedulerParameters");
    public static final OperationBinding<DomainScheduler> DOMAIN_SET_SCHEDULER_PARAMETERS =
            bind(Operation.DOMAIN_SET_SCHEDULER_PARAMETERS, DomainScheduler.class, "setSchedulerParameters");

    /** I/O counters of a disk ({@code virDomainBlockStats}). */
    public interface DomainBlockStats {
        BlockStats blockStats(DomainRef domain, String disk);
    }

    public static final OperationBinding<DomainBlockStats> DOMAIN_BLOCK_STATS =
            bind(Operation.DOMAIN_BLOCK_STATS, DomainBlockStats.class, "blockStats");

    /** Traffic counters of an interface ({@code virDomainInterfaceStats}). */
    public interface DomainInterfaceStats {
        InterfaceStats interfaceStats(DomainRef domain, String device);
    }

    public static final OperationBinding<DomainInterfaceStats> DOMAIN_INTERFACE_STATS =
            bind(Operation.DOMAIN_INTERFACE_STATS, DomainInterfaceStats.class, "interfaceStats");

    /** Bytes of a disk ({@code virDomainBlockPeek}). */
    public interface DomainBlockPeek {
        byte[] blockPeek(DomainRef domain, String disk, long offset, int size);
    }

    public static final OperationBinding<DomainBlockPeek> DOMAIN_BLOCK_PEEK =
            bind(Operation.DOMAIN_BLOCK_PEEK, DomainBlockPeek.class, "blockPeek");

    /** Bytes of guest memory ({@code virDomainMemoryPeek}). */
    public interface DomainMemoryPeek {
        /** {@code flags} holds exactly one of VIRTUAL and PHYSICAL (the core checks it). */
        byte[] memoryPeek(DomainRef domain, long start, int size, Set<MemoryPeekFlag> flags);

        /** The address spaces {@link #memoryPeek} reads; none unless overridden. */
        default Set<MemoryPeekFlag> memoryPeekFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<DomainMemoryPeek, MemoryPeekFlag> DOMAIN_MEMORY_PEEK =
            bind(Operation.DOMAIN_MEMORY_PEEK, DomainMemoryPeek.class, "memoryPeek", MemoryPeekFlag.class,
                    "memoryPeekFlags");

    /**
     * The driver reports lifecycle events to the sink it was opened with. Declaring this is a
     * promise: every state change the driver makes or observes is reported, in order.
     */
    public interface DomainEvents {
    }

    public static final OperationBinding<DomainEvents> CONNECT_DOMAIN_EVENT_REGISTER =
            bind(Operation.CONNECT_DOMAIN_EVENT_REGISTER, DomainEvents.class, "");

    // ---- networks -----------------------------------------------------------------------------

    /** Names of the running networks ({@code virConnectListNetworks}). */
    public interface ActiveNetworkNames {
        List<String> activeNetworkNames();
    }

    public static final OperationBinding<ActiveNetworkNames> CONNECT_LIST_NETWORKS =
            bind(Operation.CONNECT_LIST_NETWORKS, ActiveNetworkNames.class, "activeNetworkNames");

    /** How many networks run ({@code virConnectNumOfNetworks}). */
    public interface ActiveNetworkCount {
        int activeNetworkCount();
    }

    public static final OperationBinding<ActiveNetworkCount> CONNECT_NUM_OF_NETWORKS =
            bind(Operation.CONNECT_NUM_OF_NETWORKS, ActiveNetworkCount.class, "activeNetworkCount");

    /** Names of the persistent networks that do not run ({@code virConnectListDefinedNetworks}). */
    public interface DefinedNetworkNames {
        List<String> definedNetworkNames();
    }

    public static final OperationBinding<DefinedNetworkNames> CONNECT_LIST_DEFINED_NETWORKS =
            bind(Operation.CONNECT_LIST_DEFINED_NETWORKS, DefinedNetworkNames.class, "definedNetworkNames");

    /** How many persistent networks do not run ({@code virConnectNumOfDefinedNetworks}). */
    public interface DefinedNetworkCount {
        int definedNetworkCount();
    }

    public static final OperationBinding<DefinedNetworkCount> CONNECT_NUM_OF_DEFINED_NETWORKS =
            bind(Operation.CONNECT_NUM_OF_DEFINED_NETWORKS, DefinedNetworkCount.class, "definedNetworkCount");

    /** Every network, filtered ({@code virConnectListAllNetworks}). */
    public interface NetworkListAll {
        /** Networks matching {@code filters}, every one of which a declaring driver honours (see {@link NetworkListFilters}). */
        List<NetworkRef> listAllNetworks(Set<NetworkListFilter> filters);
    }

    public static final FlaggedBinding<NetworkListAll, NetworkListFilter> CONNECT_LIST_ALL_NETWORKS =
            bind(Operation.CONNECT_LIST_ALL_NETWORKS, NetworkListAll.class, "listAllNetworks", NetworkListFilter.class,
                    null);

    /** Lookup by name; NO_NETWORK naming the name when none has it. */
    public interface NetworkLookupByName {
        NetworkRef networkByName(String name);
    }

    public static final OperationBinding<NetworkLookupByName> NETWORK_LOOKUP_BY_NAME =
            bind(Operation.NETWORK_LOOKUP_BY_NAME, NetworkLookupByName.class, "networkByName");

    /** Lookup by UUID; NO_NETWORK naming the UUID when none has it. */
    public interface NetworkLookupByUuid {
        NetworkRef networkByUuid(UUID uuid);
    }

    public static final OperationBinding<NetworkLookupByUuid> NETWORK_LOOKUP_BY_UUID =
            bind(Operation.NETWORK_LOOKUP_BY_UUID, NetworkLookupByUuid.class, "networkByUuid");

    /** The network's XML description ({@code virNetworkGetXMLDesc}). */
    public interface NetworkXmlDescription {
        String networkXmlDesc(NetworkRef network, Set<NetworkXmlFlag> flags);

        /** The flags {@link #networkXmlDesc} honours; none unless overridden. */
        default Set<NetworkXmlFlag> networkXmlDescFlags() {
            return Set.of();
        }
    }

    public static final FlaggedBinding<NetworkXmlDescription, NetworkXmlFlag> NETWORK_GET_XML_DESC =
            bind(Operation.NETWORK_GET_XML_DESC, NetworkXmlDescription.class, "networkXmlDesc", NetworkXmlFlag.class,
                    "networkXmlDescFlags");

    /** The host bridge of a network ({@code virNetworkGetBridgeName}). */
    public interface NetworkBridgeName {
        String bridgeName(NetworkRef network);
    }

    public static final OperationBinding<NetworkBridgeName> NETWORK_GET_BRIDGE_NAME =
            bind(Operation.NETWORK_GET_BRIDGE_NAME, NetworkBridgeName.class, "bridgeName");

    /** Whether a network runs ({@code virNetworkIsActive}). */
    public interface NetworkIsActive {
        boolean isActive(NetworkRef network);
    }

    public static final OperationBinding<NetworkIsActive> NETWORK_IS_ACTIVE =
            bind(Operation.NETWORK_IS_ACTIVE, NetworkIsActive.class, "isActive");

    /** Whether a network has a persistent definition ({@code virNetworkIsPersistent}). */
    public interface NetworkIsPersistent {
        boolean isPersistent(NetworkRef network);
    }

    public static final OperationBinding<NetworkIsPersistent> NETWORK_IS_PERSISTENT =
            bind(Operation.NETWORK_IS_PERSISTENT, NetworkIsPersistent.class, "isPersistent");

    /** Creates and starts a transient network ({@code virNetworkCreateXMLFlags}). */
    public interface NetworkCreateTransient {
        /** {@code flags} is empty in this version: VALIDATE, the only create flag, is the core's. */
        NetworkRef createNetwork(NetworkDefinition definition, Set<DefineFlag> flags);
    }

    public static final FlaggedBinding<NetworkCreateTransient, DefineFlag> NETWORK_CREATE_XML =
            bindFlags(Operation.NETWORK_CREATE_XML, NetworkCreateTransient.class, "createNetwork", DefineFlag.class,
                    null, EnumSet.of(DefineFlag.VALIDATE));

    /** Defines or redefines a persistent network ({@code virNetworkDefineXMLFlags}). */
    public interface NetworkDefine {
        /** {@code flags} is empty in this version: VALIDATE, the only define flag, is the core's. */
        NetworkRef defineNetwork(NetworkDefinition definition, Set<DefineFlag> flags);
    }

    public static final FlaggedBinding<NetworkDefine, DefineFlag> NETWORK_DEFINE_XML =
            bindFlags(Operation.NETWORK_DEFINE_XML, NetworkDefine.class, "defineNetwork", DefineFlag.class,
                    null, EnumSet.of(DefineFlag.VALIDATE));

    /** Removes a network's persistent definition ({@code virNetworkUndefine}). */
    public interface NetworkUndefine {
        void undefine(NetworkRef network);
    }

    public static final OperationBinding<NetworkUndefine> NETWORK_UNDEFINE =
            bind(Operation.NETWORK_UNDEFINE, NetworkUndefine.class, "undefine");

    /** Starts a defined network ({@code virNetworkCreate}). */
    public interface NetworkStart {
        void start(NetworkRef network);
    }

    public static final OperationBinding<NetworkStart> NETWORK_CREATE =
            bind(Operation.NETWORK_CREATE, NetworkStart.class, "start");

    /** Stops a network ({@code virNetworkDestroy}). */
    public interface NetworkDestroy {
        void destroy(NetworkRef network);
    }

    public static final OperationBinding<NetworkDestroy> NETWORK_DESTROY =
            bind(Operation.NETWORK_DESTROY, NetworkDestroy.class, "destroy");

    /** Whether a network starts with its host. */
    public interface NetworkAutostart {
        boolean autostart(NetworkRef network);

        void setAutostart(NetworkRef network, boolean autostart);
    }

    public static final OperationBinding<NetworkAutostart> NETWORK_GET_AUTOSTART =
            bind(Operation.NETWORK_GET_AUTOSTART, NetworkAutostart.class, "autostart");
    public static final OperationBinding<NetworkAutostart> NETWORK_SET_AUTOSTART =
            bind(Operation.NETWORK_SET_AUTOSTART, NetworkAutostart.class, "setAutostart");
}
