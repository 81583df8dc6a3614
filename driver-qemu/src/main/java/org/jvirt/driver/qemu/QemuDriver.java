package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.BlockStats;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.ShutdownFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.JobInfo;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.XmlFlag;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.driver.qemu.probe.CapabilitiesReport;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.probe.KvmProbe;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainRules;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/**
 * One connection's view of a {@link QemuNode}, as libvirt's {@code qemu_driver.c}: the operations the
 * QEMU driver declares and the flags it honours, each delegated to the concern of the node (shared by
 * every connection to the same state directory) that carries it out.
 */
final class QemuDriver implements Driver,
        DriverOperations.HypervisorIdentity, DriverOperations.Hostname, DriverOperations.MaxVcpus,
        DriverOperations.Capabilities, DriverOperations.NodeInformation, DriverOperations.NodeMemoryStats,
        DriverOperations.NodeCpus, DriverOperations.ActiveDomainIds, DriverOperations.ActiveDomainCount,
        DriverOperations.DefinedDomainNames, DriverOperations.DefinedDomainCount, DriverOperations.DomainListAll,
        DriverOperations.DomainLookupById, DriverOperations.DomainLookupByUuid, DriverOperations.DomainLookupByName,
        DriverOperations.DomainGetInfo, DriverOperations.DomainGetState, DriverOperations.DomainIsActive,
        DriverOperations.DomainIsPersistent, DriverOperations.DomainXmlDescription, DriverOperations.DomainOsType,
        DriverOperations.DomainCreateTransient, DriverOperations.DomainDefine, DriverOperations.DomainUndefine,
        DriverOperations.DomainStart, DriverOperations.DomainSuspendResume, DriverOperations.DomainShutdown,
        DriverOperations.DomainReboot, DriverOperations.DomainDestroy, DriverOperations.DomainAutostart,
        DriverOperations.DomainSaveRestore, DriverOperations.DomainCoreDump, DriverOperations.DomainJobInfo,
        DriverOperations.DomainAbortJob, DriverOperations.DomainSetMemory,
        DriverOperations.DomainSetMaxMemory, DriverOperations.DomainVcpuInfo, DriverOperations.DomainBlockStats,
        DriverOperations.DomainInterfaceStats, DriverOperations.DomainDevices,
        DriverOperations.DomainEvents, DriverOperations.DomainXmlToNative {

    /** The one native format: the command line the driver would run. */
    static final String QEMU_ARGV = "qemu-argv";

    private final QemuNode node;
    private final DomainEventSink sink;
    private final Runnable onClose;

    QemuDriver(QemuNode node, DomainEventSink sink, Runnable onClose) {
        this.node = node;
        this.sink = sink;
        this.onClose = onClose;
        node.addSink(sink);
    }

    @Override
    public String name() {
        return QemuDriverProvider.NAME;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.QEMU;
    }

    @Override
    public DomainRules domainRules() {
        return node.rules;
    }

    // The flags this driver honours. Undefine's extras (managed save images, snapshot and checkpoint
    // metadata, firmware variables, TPM state) are all honoured because this driver keeps none of them:
    // there is never anything more to remove or keep. Starting afresh or without the page cache concerns
    // managed save images only, and likewise holds trivially.

    @Override
    public Set<XmlFlag> xmlDescFlags() {
        return EnumSet.of(XmlFlag.SECURE, XmlFlag.INACTIVE);
    }

    @Override
    public Set<StartFlag> createFlags() {
        return EnumSet.of(StartFlag.PAUSED);
    }

    @Override
    public Set<StartFlag> startFlags() {
        return EnumSet.of(StartFlag.PAUSED, StartFlag.BYPASS_CACHE, StartFlag.FORCE_BOOT);
    }

    @Override
    public Set<UndefineFlag> undefineFlags() {
        return EnumSet.allOf(UndefineFlag.class);
    }

    @Override
    public Set<ShutdownFlag> shutdownFlags() {
        return EnumSet.of(ShutdownFlag.ACPI_POWER_BTN);
    }

    @Override
    public Set<RebootFlag> rebootFlags() {
        return EnumSet.of(RebootFlag.ACPI_POWER_BTN);
    }

    @Override
    public Set<DestroyFlag> destroyFlags() {
        return EnumSet.of(DestroyFlag.GRACEFUL);
    }

    @Override
    public Set<SaveFlag> saveFlags() {
        return EnumSet.of(SaveFlag.RUNNING, SaveFlag.PAUSED);
    }

    @Override
    public Set<SaveFlag> restoreFlags() {
        return EnumSet.of(SaveFlag.RUNNING, SaveFlag.PAUSED);
    }

    @Override
    public Set<CoreDumpFlag> coreDumpFlags() {
        return EnumSet.of(CoreDumpFlag.LIVE, CoreDumpFlag.MEMORY_ONLY);
    }

    @Override
    public Set<String> toNativeFormats() {
        return Set.of(QEMU_ARGV);
    }

    @Override
    public String domainXmlToNative(String format, DomainDefinition definition) {
        return QemuArgv.toNative(definition, node.catalog, node.processes.privateDir(definition, -1));
    }

    @Override
    public void close() {
        node.removeSink(sink);
        onClose.run();
    }

    /** The node, for this package's tests. */
    QemuNode node() {
        return node;
    }

    // ---- node ---------------------------------------------------------------------------------------

    @Override
    public String hypervisorType() {
        return "QEMU";
    }

    @Override
    public long hypervisorVersion() {
        return hostEmulator().versionNumber();
    }

    private EmulatorInfo hostEmulator() {
        DomainDefinition probe = DomainDefinition.builder().type("qemu").name("probe").memoryKiB(65536).build();
        return node.emulatorFor(probe);
    }

    @Override
    public String hostname() {
        // libvirt's virGetHostname starts from the kernel's name; a reverse lookup of the host's address
        // (getCanonicalHostName) may find another name of it, such as "localhost" from /etc/hosts
        try {
            String kernel = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (java.io.IOException | SecurityException e) {
            // not Linux: ask the resolver
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public int maxVcpus(String guestType) {
        EmulatorInfo.Machine m = hostEmulator().defaultMachine();
        int max = m == null ? 1 : m.maxCpus();
        return "kvm".equals(guestType) ? Math.min(max, 1024) : max;
    }

    @Override
    public String capabilities() {
        return CapabilitiesReport.xml(node.catalog.all(), KvmProbe.status(node.catalog).usable(), DomainDefaults.hostArch());
    }

    @Override
    public NodeInfo nodeInfo() {
        return HostFacts.nodeInfo();
    }

    @Override
    public List<TypedParameter> nodeMemoryStats(int cell) {
        return HostFacts.memoryStats(cell);
    }

    @Override
    public NodeCpuMap nodeCpuMap() {
        return HostFacts.cpuMap();
    }

    // ---- listing and lookup ---------------------------------------------------------------------------

    @Override
    public int[] activeDomainIds() {
        return node.domains.activeIds();
    }

    @Override
    public int activeDomainCount() {
        return node.domains.activeCount();
    }

    @Override
    public List<String> definedDomainNames() {
        return node.domains.definedNames();
    }

    @Override
    public int definedDomainCount() {
        return node.domains.definedCount();
    }

    @Override
    public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        return node.domains.listAll(filters);
    }

    @Override
    public DomainRef domainById(int id) {
        return node.domains.byId(id);
    }

    @Override
    public DomainRef domainByUuid(UUID uuid) {
        return node.domains.byUuid(uuid);
    }

    @Override
    public DomainRef domainByName(String name) {
        return node.domains.byName(name);
    }

    // ---- reading ----------------------------------------------------------------------------------------

    @Override
    public DomainInfo domainInfo(DomainRef domain) {
        return node.domains.info(domain);
    }

    @Override
    public DomainStateReason domainState(DomainRef domain) {
        return node.domains.state(domain);
    }

    @Override
    public int domainId(DomainRef domain) {
        return node.domains.id(domain);
    }

    @Override
    public boolean isPersistent(DomainRef domain) {
        return node.domains.isPersistent(domain);
    }

    @Override
    public String xmlDesc(DomainRef domain, Set<XmlFlag> flags) {
        return node.domains.xml(domain, flags.contains(XmlFlag.INACTIVE), flags.contains(XmlFlag.SECURE));
    }

    @Override
    public String osType(DomainRef domain) {
        return "hvm";
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    @Override
    public DomainRef createDomain(DomainDefinition definition, Set<StartFlag> flags) {
        return node.lifecycle.createTransient(definition, flags.contains(StartFlag.PAUSED));
    }

    @Override
    public DomainRef defineDomain(DomainDefinition definition, Set<DefineFlag> flags) {
        return node.definitions.define(definition);
    }

    @Override
    public void undefine(DomainRef domain, Set<UndefineFlag> flags) {
        // As libvirt's qemuDomainUndefineFlags, before anything changes.
        if (flags.contains(UndefineFlag.NVRAM) && flags.contains(UndefineFlag.KEEP_NVRAM)) {
            throw QemuErrors.operationInvalid("cannot both keep and delete nvram", domain.name());
        }
        if (flags.contains(UndefineFlag.TPM) && flags.contains(UndefineFlag.KEEP_TPM)) {
            throw QemuErrors.operationInvalid("cannot both keep and delete TPM", domain.name());
        }
        node.definitions.undefine(domain);
    }

    @Override
    public void start(DomainRef domain, Set<StartFlag> flags) {
        node.lifecycle.start(domain, flags.contains(StartFlag.PAUSED));
    }

    @Override
    public void suspend(DomainRef domain) {
        node.lifecycle.suspend(domain);
    }

    @Override
    public void resume(DomainRef domain) {
        node.lifecycle.resume(domain);
    }

    @Override
    public void shutdown(DomainRef domain, Set<ShutdownFlag> flags) {
        node.lifecycle.shutdown(domain);
    }

    @Override
    public void reboot(DomainRef domain, Set<RebootFlag> flags) {
        node.lifecycle.reboot(domain);
    }

    @Override
    public void destroy(DomainRef domain, Set<DestroyFlag> flags) {
        node.lifecycle.destroy(domain, flags.contains(DestroyFlag.GRACEFUL));
    }

    @Override
    public boolean autostart(DomainRef domain) {
        return node.definitions.autostart(domain);
    }

    @Override
    public void setAutostart(DomainRef domain, boolean autostart) {
        node.definitions.setAutostart(domain, autostart);
    }

    // ---- jobs and resources -------------------------------------------------------------------------------

    @Override
    public void save(DomainRef domain, Path file, Set<SaveFlag> flags) {
        node.saves.save(domain, file, flags);
    }

    @Override
    public DomainRef restore(Path file, Set<SaveFlag> flags) {
        return node.saves.restore(file, flags);
    }

    @Override
    public void coreDump(DomainRef domain, Path file, Set<CoreDumpFlag> flags) {
        node.dumps.coreDump(domain, file, flags);
    }

    @Override
    public JobInfo jobInfo(DomainRef domain) {
        return node.jobs.jobInfo(domain);
    }

    @Override
    public void abortJob(DomainRef domain) {
        node.jobs.abortJob(domain);
    }

    @Override
    public void setMemory(DomainRef domain, long kib, ModificationImpact impact) {
        node.memory.setMemory(domain, kib, impact);
    }

    @Override
    public void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact) {
        node.memory.setMaxMemory(domain, kib, impact);
    }

    @Override
    public List<VcpuInfo> vcpuInfo(DomainRef domain) {
        return node.stats.vcpuInfo(domain);
    }

    @Override
    public int maxVcpus(DomainRef domain) {
        return node.domains.current(domain).vcpus();
    }

    @Override
    public BlockStats blockStats(DomainRef domain, String disk) {
        return node.stats.blockStats(domain, disk);
    }

    @Override
    public InterfaceStats interfaceStats(DomainRef domain, String device) {
        return node.stats.interfaceStats(domain, device);
    }

    @Override
    public void attachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        node.hotplug.attach(domain, device, impact);
    }

    @Override
    public void detachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        node.hotplug.detach(domain, device, impact);
    }
}
