package org.jvirt.api;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;

/**
 * A handle on one domain (virtual machine) of a {@link Connection}, libvirt's {@code virDomainPtr}.
 *
 * <p>Name and UUID are fixed for the handle's lifetime; everything else is asked of the driver at
 * each call, so a handle stays valid across state changes. Two handles are equal when they name
 * the same UUID on the same connection. Safe to share between threads. Errors as
 * {@link Connection}, plus NO_DOMAIN once the domain no longer exists and OPERATION_INVALID when
 * the domain is in the wrong state. No method returns null. Flags as {@link Connection}'s.
 *
 * @since 1.0
 */
public interface Domain {

    /** The connection this handle belongs to. */
    Connection connection();

    /** The domain's name. */
    String name();

    /** The domain's UUID. */
    UUID uuid();

    /** The UUID in libvirt's textual form. */
    default String uuidString() {
        return uuid().toString();
    }

    /** The hypervisor id while active, -1 when inactive. */
    int id();

    /** The guest OS type, e.g. {@code hvm}, {@code linux}. */
    String osType();

    /** State, memory, vCPUs and CPU time. */
    DomainInfo info();

    /** The state and why it is so. */
    DomainStateReason state();

    /** libvirt domain XML describing the domain. */
    String xmlDesc(XmlFlag... flags);

    /** The domain's security label (empty while the domain is inactive). */
    SecurityLabel securityLabel();

    /** Whether the domain is running or paused. */
    boolean isActive();

    /** Whether the domain has a persistent definition. */
    boolean isPersistent();

    /**
     * Starts a defined, inactive domain, as {@code virDomainCreateWithFlags}: with
     * {@link StartFlag#PAUSED} its CPUs stay paused (state PAUSED, reason USER).
     *
     * @throws VirtException OPERATION_INVALID when already active; INVALID_ARG for
     *     {@link StartFlag#VALIDATE}, which belongs to creating from XML, or a flag the driver does not honour
     */
    void start(StartFlag... flags);

    /** Pauses a running domain. */
    void suspend();

    /** Resumes a paused domain. */
    void resume();

    /**
     * Asks the guest to shut down, as {@code virDomainShutdownFlags}: the ways {@code flags} name
     * (none: the hypervisor's choice).
     *
     * @throws VirtException INVALID_ARG for a way the driver does not honour
     */
    void shutdown(ShutdownFlag... flags);

    /** Asks the guest to reboot, as {@code virDomainReboot}; {@code flags} as {@link #shutdown}'s. */
    void reboot(RebootFlag... flags);

    /**
     * Stops the domain at once, as {@code virDomainDestroyFlags}; a transient domain disappears.
     * With {@link DestroyFlag#GRACEFUL} the hypervisor process is only asked to end, and a process
     * that does not fails the call (OPERATION_FAILED) instead of being killed.
     */
    void destroy(DestroyFlag... flags);

    /**
     * Removes the persistent definition, as {@code virDomainUndefineFlags}; an active domain keeps
     * running as transient. {@code flags} say what goes with it (managed save image, firmware
     * variables...); without the flag a driver needs, it refuses (OPERATION_INVALID) and keeps all.
     */
    void undefine(UndefineFlag... flags);

    /**
     * Saves the running domain's state to {@code file} and stops it, as {@code virDomainSaveFlags}.
     *
     * @param flags {@link SaveFlag#RUNNING} or {@link SaveFlag#PAUSED}: the state a restore of the
     *     file leaves the domain in (otherwise the state it had)
     * @throws VirtException INVALID_ARG for both flags, or one the driver does not support
     */
    void save(Path file, SaveFlag... flags);

    /**
     * Dumps the running domain to {@code file}, as {@code virDomainCoreDump}; the domain runs on
     * afterwards (paused while its state is written, unless it was paused already).
     *
     * @param flags {@link CoreDumpFlag#MEMORY_ONLY} for an ELF core of the memory only
     * @throws VirtException OPERATION_INVALID on an inactive domain; SYSTEM_ERROR when the file cannot
     *     be written; INVALID_ARG for a flag the driver does not support; OPERATION_ABORTED when
     *     {@link #abortJob()} stopped it
     */
    void coreDump(Path file, CoreDumpFlag... flags);

    /** Changes the memory the domain uses, in KiB (live). INVALID_ARG above the maximum. */
    default void setMemory(long kib) {
        setMemory(kib, ModificationImpact.LIVE);
    }

    /** Changes the memory, in KiB, of the definitions {@code impact} selects. */
    void setMemory(long kib, ModificationImpact impact);

    /** Changes the most memory the domain may use, in KiB (OPERATION_INVALID on an active domain). */
    default void setMaxMemory(long kib) {
        setMaxMemory(kib, ModificationImpact.CURRENT);
    }

    /** Changes the most memory, in KiB, of the definitions {@code impact} selects. */
    void setMaxMemory(long kib, ModificationImpact impact);

    /** Changes the number of vCPUs (live). */
    default void setVcpus(int count) {
        setVcpus(count, ModificationImpact.LIVE);
    }

    /**
     * Changes the number of vCPUs of the definitions {@code impact} selects, as
     * {@code virDomainSetVcpusFlags}; with {@link VcpuFlag#MAXIMUM} the most vCPUs of the persistent
     * definition (CONFIG only).
     *
     * @throws VirtException INVALID_ARG for a count above the maximum, MAXIMUM with a live impact, or a
     *     flag the driver does not support; OPERATION_INVALID for LIVE on an inactive domain or CONFIG on
     *     a transient one
     */
    void setVcpus(int count, ModificationImpact impact, VcpuFlag... flags);

    /**
     * Restricts vCPU {@code vcpu} to the host CPUs set in {@code cpus}, in the running domain when
     * it is active (CURRENT), as {@code virDomainPinVcpu}.
     */
    default void pinVcpu(int vcpu, BitSet cpus) {
        pinVcpu(vcpu, cpus, ModificationImpact.CURRENT);
    }

    /**
     * Restricts vCPU {@code vcpu} to the host CPUs set in {@code cpus}, in the definitions
     * {@code impact} selects, as {@code virDomainPinVcpuFlags}.
     *
     * @throws VirtException INVALID_ARG for a negative vCPU, an empty map or a null impact, or when
     *     the driver does not support that impact; OPERATION_INVALID for LIVE on an inactive domain
     *     or CONFIG on a transient one
     */
    void pinVcpu(int vcpu, BitSet cpus, ModificationImpact impact);

    /** Each vCPU of the running domain. */
    List<VcpuInfo> vcpuInfo();

    /**
     * The host CPUs each vCPU may run on ({@code virDomainGetVcpuPinInfo}): one set per vCPU up to
     * the definition's maximum, online or not, indexed by vCPU number; an unpinned vCPU may run on
     * every host CPU. Unlike {@link #vcpuInfo()}, answers for an inactive domain too.
     *
     * @param impact LIVE for the running domain, CONFIG for the persistent definition, CURRENT for
     *     the running domain when active and the definition otherwise; not null
     * @return the sets (copies), never null
     * @throws VirtException INVALID_ARG for a null impact; OPERATION_INVALID for LIVE on an inactive
     *     domain or CONFIG on a transient one; NO_SUPPORT when no driver of the connection has it
     */
    List<BitSet> vcpuPinInfo(ModificationImpact impact);

    /**
     * The domain's running background job (save, core dump...), as {@code virDomainGetJobInfo}.
     *
     * @return the job's type and progress; {@link JobInfo#NONE} (type {@link JobType#NONE}) when no
     *     job runs; never null
     * @throws VirtException NO_SUPPORT when no driver of the connection reports jobs
     */
    JobInfo jobInfo();

    /**
     * Aborts the domain's running background job, as {@code virDomainAbortJob}; the job's own call
     * then fails with the driver's "operation aborted" error.
     *
     * @throws VirtException OPERATION_INVALID when no job runs; NO_SUPPORT when no driver of the
     *     connection can abort jobs; refused on a read-only connection
     */
    void abortJob();

    /** The most vCPUs this domain may have. */
    int maxVcpus();

    /** Whether the domain starts when its host does. */
    boolean autostart();

    /** Sets whether the domain starts when its host does. */
    void setAutostart(boolean autostart);

    /**
     * Adds the device described by libvirt device XML to the running domain when it is active,
     * otherwise to its definition (CURRENT).
     */
    default void attachDevice(String xml) {
        attachDevice(xml, ModificationImpact.CURRENT);
    }

    /**
     * Adds the device described by libvirt device XML to the definitions {@code impact} selects, as
     * {@code virDomainAttachDeviceFlags}.
     *
     * @throws VirtException XML_ERROR for malformed XML; INVALID_ARG for a null impact;
     *     OPERATION_INVALID for LIVE on an inactive domain or CONFIG on a transient one; OPERATION_FAILED
     *     when the device is already there
     */
    void attachDevice(String xml, ModificationImpact impact);

    /** Removes the device described by libvirt device XML, as {@link #attachDevice(String)} adds it. */
    default void detachDevice(String xml) {
        detachDevice(xml, ModificationImpact.CURRENT);
    }

    /** Removes the device described by libvirt device XML from the definitions {@code impact} selects. */
    void detachDevice(String xml, ModificationImpact impact);

    /** The scheduler's name, e.g. {@code fair}, {@code credit}. */
    String schedulerType();

    /** The scheduler's parameters of the running domain when active, else of its definition (CURRENT). */
    default List<TypedParameter> schedulerParameters() {
        return schedulerParameters(ModificationImpact.CURRENT);
    }

    /**
     * The scheduler's parameters of the definition {@code impact} selects, as
     * {@code virDomainGetSchedulerParametersFlags}.
     *
     * @throws VirtException INVALID_ARG for a null impact; OPERATION_INVALID for LIVE on an inactive
     *     domain or CONFIG on a transient one
     */
    List<TypedParameter> schedulerParameters(ModificationImpact impact);

    /** Changes some scheduler parameters (CURRENT). INVALID_ARG for an unknown name or wrong type. */
    default void setSchedulerParameters(List<TypedParameter> parameters) {
        setSchedulerParameters(parameters, ModificationImpact.CURRENT);
    }

    /**
     * Changes some scheduler parameters of the definition {@code impact} selects, as
     * {@code virDomainSetSchedulerParametersFlags}: INVALID_ARG for an unknown name, a wrong type or
     * a null impact; OPERATION_INVALID for LIVE on an inactive domain or CONFIG on a transient one.
     */
    void setSchedulerParameters(List<TypedParameter> parameters, ModificationImpact impact);

    /** I/O counters of the disk whose target is {@code disk} (e.g. {@code vda}). */
    BlockStats blockStats(String disk);

    /** Traffic counters of the interface whose target is {@code device} (e.g. {@code vnet0}). */
    InterfaceStats interfaceStats(String device);

    /** {@code size} bytes of disk {@code disk} from {@code offset}. */
    byte[] blockPeek(String disk, long offset, int size);

    /**
     * {@code size} bytes of guest memory from {@code start}, as {@code virDomainMemoryPeek}:
     * {@code flags} name the address space, exactly one of {@link MemoryPeekFlag#VIRTUAL} and
     * {@link MemoryPeekFlag#PHYSICAL} (INVALID_ARG otherwise).
     */
    byte[] memoryPeek(long start, int size, MemoryPeekFlag... flags);

    /** Delivers this domain's lifecycle events to {@code listener} until the subscription closes. */
    Subscription onEvent(DomainEventListener listener);
}
