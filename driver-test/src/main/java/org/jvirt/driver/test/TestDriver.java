package org.jvirt.driver.test;

import java.nio.file.Path;
import java.util.BitSet;
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
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.api.NetworkXmlFlag;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.NodeSecurityModel;
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
import org.jvirt.model.DomainRules;
import org.jvirt.model.NetworkDefinition;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.NetworkRef;

/**
 * One connection's view of a {@link TestNode}: declares every operation jvirt has (the test
 * driver is the reference) and delegates to the shared node. Thread-safe as the node is.
 */
final class TestDriver implements Driver,
        DriverOperations.HypervisorIdentity, DriverOperations.Hostname, DriverOperations.MaxVcpus,
        DriverOperations.Capabilities, DriverOperations.Sysinfo, DriverOperations.NodeInformation, DriverOperations.NodeFreeMemory,
        DriverOperations.NodeCpus, DriverOperations.NodeSecurity, DriverOperations.DomainSecurityLabel,
        DriverOperations.ActiveDomainIds, DriverOperations.ActiveDomainCount, DriverOperations.DefinedDomainNames,
        DriverOperations.DefinedDomainCount, DriverOperations.DomainListAll,
        DriverOperations.DomainLookupById, DriverOperations.DomainLookupByUuid, DriverOperations.DomainLookupByName,
        DriverOperations.DomainGetInfo, DriverOperations.DomainGetState, DriverOperations.DomainIsActive,
        DriverOperations.DomainIsPersistent, DriverOperations.DomainXmlDescription, DriverOperations.DomainOsType,
        DriverOperations.DomainCreateTransient, DriverOperations.DomainDefine, DriverOperations.DomainUndefine,
        DriverOperations.DomainStart, DriverOperations.DomainSuspendResume, DriverOperations.DomainShutdown,
        DriverOperations.DomainReboot, DriverOperations.DomainDestroy, DriverOperations.DomainSaveRestore,
        DriverOperations.DomainCoreDump, DriverOperations.DomainSetMemory, DriverOperations.DomainSetMaxMemory,
        DriverOperations.DomainSetVcpus, DriverOperations.DomainVcpuInfo, DriverOperations.DomainVcpuPinInfo, DriverOperations.DomainPinVcpu,
        DriverOperations.DomainAutostart, DriverOperations.DomainDevices, DriverOperations.DomainScheduler,
        DriverOperations.DomainBlockStats, DriverOperations.DomainInterfaceStats, DriverOperations.DomainBlockPeek,
        DriverOperations.DomainMemoryPeek, DriverOperations.DomainEvents,
        DriverOperations.ActiveNetworkNames, DriverOperations.ActiveNetworkCount, DriverOperations.DefinedNetworkNames,
        DriverOperations.DefinedNetworkCount, DriverOperations.NetworkListAll,
        DriverOperations.NetworkLookupByName, DriverOperations.NetworkLookupByUuid,
        DriverOperations.NetworkXmlDescription, DriverOperations.NetworkBridgeName, DriverOperations.NetworkIsActive,
        DriverOperations.NetworkIsPersistent, DriverOperations.NetworkCreateTransient, DriverOperations.NetworkDefine,
        DriverOperations.NetworkUndefine, DriverOperations.NetworkStart, DriverOperations.NetworkDestroy,
        DriverOperations.NetworkAutostart {

    /** libvirt's test driver reports version 0.0.2. */
    static final long VERSION = 2;
    /** The most vCPUs libvirt's test driver allows. */
    static final int MAX_VCPUS = 32;

    /** libvirt's test driver reports this document for every node, whatever its definition. */
    static final String SYSINFO = """
            <sysinfo type='smbios'>
              <bios>
                <entry name='vendor'>LENOVO</entry>
                <entry name='version'>G4ETA1WW (2.61 )</entry>
                <entry name='date'>05/07/2014</entry>
                <entry name='release'>2.61</entry>
              </bios>
            </sysinfo>
            """;

    /** libvirt's test driver: 8 CPUs of which 0, 2 and 4 are online, whatever the node's definition. */
    static final NodeCpuMap CPU_MAP = new NodeCpuMap(8, BitSet.valueOf(new long[] {0x15}));

    private static final NodeSecurityModel SECURITY_MODEL = new NodeSecurityModel("testSecurity", "");
    private static final SecurityLabel ACTIVE_LABEL = new SecurityLabel("libvirt-test", true);
    private static final SecurityLabel INACTIVE_LABEL = new SecurityLabel("", false);

    private final TestNode node;
    private final DomainEventSink sink;
    private final Runnable onClose;

    TestDriver(TestNode node, DomainEventSink sink, Runnable onClose) {
        this.node = node;
        this.sink = sink;
        this.onClose = onClose;
        node.addSink(sink);
    }

    @Override
    public String name() {
        return TestDriverProvider.NAME;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.TEST;
    }

    @Override
    public DomainRules domainRules() {
        return TestRules.INSTANCE;
    }

    // The flags libvirt's test driver honours (its virCheckFlags), and starting paused, which jvirt's
    // test driver adds so that the conformance kit can check it on the reference driver.

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
        return EnumSet.of(StartFlag.PAUSED);
    }

    @Override
    public Set<UndefineFlag> undefineFlags() {
        // The test driver keeps neither managed save images nor snapshots: there is nothing else to remove.
        return EnumSet.of(UndefineFlag.MANAGED_SAVE, UndefineFlag.SNAPSHOTS_METADATA);
    }

    @Override
    public Set<RebootFlag> rebootFlags() {
        return EnumSet.allOf(RebootFlag.class);
    }

    @Override
    public Set<DestroyFlag> destroyFlags() {
        return EnumSet.of(DestroyFlag.GRACEFUL);
    }

    @Override
    public Set<CoreDumpFlag> coreDumpFlags() {
        return EnumSet.of(CoreDumpFlag.CRASH);
    }

    @Override
    public Set<VcpuFlag> setVcpusFlags() {
        return EnumSet.of(VcpuFlag.MAXIMUM);
    }

    @Override
    public Set<MemoryPeekFlag> memoryPeekFlags() {
        return EnumSet.allOf(MemoryPeekFlag.class);
    }

    @Override
    public void close() {
        node.removeSink(sink);
        onClose.run();
    }

    // node

    @Override
    public String hypervisorType() {
        return "TEST";
    }

    @Override
    public long hypervisorVersion() {
        return VERSION;
    }

    @Override
    public String hostname() {
        return Hostnames.local();
    }

    @Override
    public int maxVcpus(String guestType) {
        return MAX_VCPUS;
    }

    @Override
    public String capabilities() {
        return node.spec.capabilities();
    }

    @Override
    public String sysinfo() {
        return SYSINFO;
    }

    @Override
    public NodeInfo nodeInfo() {
        return node.spec.info();
    }

    @Override
    public long freeMemory() {
        return node.spec.freeBytes();
    }

    @Override
    public long[] cellsFreeMemory(int startCell, int maxCells) {
        long[] cells = node.spec.cellFreeBytes();
        if (startCell >= cells.length) {
            throw TestErrors.invalidArg("Range exceeds available cells", null);
        }
        int count = Math.min(maxCells, cells.length - startCell);
        long[] result = new long[count];
        System.arraycopy(cells, startCell, result, 0, count);
        return result;
    }

    @Override
    public NodeCpuMap nodeCpuMap() {
        return CPU_MAP;
    }

    @Override
    public NodeSecurityModel securityModel() {
        return SECURITY_MODEL;
    }

    @Override
    public SecurityLabel securityLabel(DomainRef domain) {
        // libvirt's test driver labels every running domain alike, and inactive ones not at all.
        return node.state(domain).state().isActive() ? ACTIVE_LABEL : INACTIVE_LABEL;
    }

    // domains: listing and lookup

    @Override
    public int[] activeDomainIds() {
        return node.activeDomainIds();
    }

    @Override
    public int activeDomainCount() {
        return node.activeDomainCount();
    }

    @Override
    public List<String> definedDomainNames() {
        return node.definedDomainNames();
    }

    @Override
    public int definedDomainCount() {
        return node.definedDomainCount();
    }

    @Override
    public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        return node.listAllDomains(filters);
    }

    @Override
    public DomainRef domainById(int id) {
        return node.domainById(id);
    }

    @Override
    public DomainRef domainByUuid(UUID uuid) {
        return node.domainByUuid(uuid);
    }

    @Override
    public DomainRef domainByName(String name) {
        return node.domainByName(name);
    }

    // domains: reading

    @Override
    public DomainInfo domainInfo(DomainRef domain) {
        return node.info(domain);
    }

    @Override
    public DomainStateReason domainState(DomainRef domain) {
        return node.state(domain);
    }

    @Override
    public int domainId(DomainRef domain) {
        return node.id(domain);
    }

    @Override
    public boolean isPersistent(DomainRef domain) {
        return node.isPersistent(domain);
    }

    @Override
    public String xmlDesc(DomainRef domain, Set<XmlFlag> flags) {
        return node.xmlDesc(domain, flags.contains(XmlFlag.INACTIVE), flags.contains(XmlFlag.SECURE));
    }

    @Override
    public String osType(DomainRef domain) {
        node.state(domain);
        // libvirt's test driver answers "linux" whatever the definition says.
        return "linux";
    }

    // domains: lifecycle

    @Override
    public DomainRef createDomain(DomainDefinition definition, Set<StartFlag> flags) {
        return node.createTransient(definition, flags.contains(StartFlag.PAUSED));
    }

    @Override
    public DomainRef defineDomain(DomainDefinition definition, Set<DefineFlag> flags) {
        return node.define(definition);
    }

    @Override
    public void undefine(DomainRef domain, Set<UndefineFlag> flags) {
        node.undefine(domain);
    }

    @Override
    public void start(DomainRef domain, Set<StartFlag> flags) {
        node.start(domain, flags.contains(StartFlag.PAUSED));
    }

    @Override
    public void suspend(DomainRef domain) {
        node.suspend(domain);
    }

    @Override
    public void resume(DomainRef domain) {
        node.resume(domain);
    }

    @Override
    public void shutdown(DomainRef domain, Set<ShutdownFlag> flags) {
        node.shutdown(domain);
    }

    @Override
    public void reboot(DomainRef domain, Set<RebootFlag> flags) {
        node.reboot(domain);
    }

    @Override
    public void destroy(DomainRef domain, Set<DestroyFlag> flags) {
        node.destroy(domain);
    }

    @Override
    public void save(DomainRef domain, Path file, Set<SaveFlag> flags) {
        node.save(domain, file);
    }

    @Override
    public DomainRef restore(Path file, Set<SaveFlag> flags) {
        return node.restore(file);
    }

    @Override
    public void coreDump(DomainRef domain, Path file, Set<CoreDumpFlag> flags) {
        node.coreDump(domain, file, flags.contains(CoreDumpFlag.CRASH));
    }

    // domains: resources

    @Override
    public void setMemory(DomainRef domain, long kib, ModificationImpact impact) {
        node.setMemory(domain, kib, impact);
    }

    @Override
    public void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact) {
        node.setMaxMemory(domain, kib, impact);
    }

    @Override
    public void setVcpus(DomainRef domain, int count, ModificationImpact impact, Set<VcpuFlag> flags) {
        node.setVcpus(domain, count, impact, flags);
    }

    @Override
    public List<VcpuInfo> vcpuInfo(DomainRef domain) {
        return node.vcpuInfo(domain);
    }

    @Override
    public int maxVcpus(DomainRef domain) {
        return node.maxVcpus(domain);
    }

    @Override
    public List<BitSet> vcpuPinInfo(DomainRef domain, ModificationImpact impact) {
        return node.vcpuPinInfo(domain, impact);
    }

    @Override
    public void pinVcpu(DomainRef domain, int vcpu, BitSet cpus, ModificationImpact impact) {
        node.pinVcpu(domain, vcpu, cpus, impact);
    }

    @Override
    public boolean autostart(DomainRef domain) {
        return node.autostart(domain);
    }

    @Override
    public void setAutostart(DomainRef domain, boolean autostart) {
        node.setAutostart(domain, autostart);
    }

    @Override
    public void attachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        node.attachDevice(domain, device, impact);
    }

    @Override
    public void detachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        node.detachDevice(domain, device, impact);
    }

    @Override
    public String schedulerType(DomainRef domain) {
        return node.schedulerType(domain);
    }

    @Override
    public List<TypedParameter> schedulerParameters(DomainRef domain, ModificationImpact impact) {
        return node.schedulerParameters(domain, impact);
    }

    @Override
    public void setSchedulerParameters(DomainRef domain, List<TypedParameter> parameters, ModificationImpact impact) {
        node.setSchedulerParameters(domain, parameters, impact);
    }

    @Override
    public BlockStats blockStats(DomainRef domain, String disk) {
        return node.blockStats(domain, disk);
    }

    @Override
    public InterfaceStats interfaceStats(DomainRef domain, String device) {
        return node.interfaceStats(domain, device);
    }

    @Override
    public byte[] blockPeek(DomainRef domain, String disk, long offset, int size) {
        return node.blockPeek(domain, disk, offset, size);
    }

    @Override
    public byte[] memoryPeek(DomainRef domain, long start, int size, Set<MemoryPeekFlag> flags) {
        return node.memoryPeek(domain, start, size, flags);
    }

    // networks

    @Override
    public List<String> activeNetworkNames() {
        return node.networkNames(true);
    }

    @Override
    public int activeNetworkCount() {
        return node.networkNames(true).size();
    }

    @Override
    public List<String> definedNetworkNames() {
        return node.networkNames(false);
    }

    @Override
    public int definedNetworkCount() {
        return node.networkNames(false).size();
    }

    @Override
    public List<NetworkRef> listAllNetworks(Set<NetworkListFilter> filters) {
        return node.listAllNetworks(filters);
    }

    @Override
    public NetworkRef networkByName(String name) {
        return node.networkByName(name);
    }

    @Override
    public NetworkRef networkByUuid(UUID uuid) {
        return node.networkByUuid(uuid);
    }

    @Override
    public String networkXmlDesc(NetworkRef network, Set<NetworkXmlFlag> flags) {
        return node.networkXml(network);
    }

    @Override
    public String bridgeName(NetworkRef network) {
        return node.bridgeName(network);
    }

    @Override
    public boolean isActive(NetworkRef network) {
        return node.networkActive(network);
    }

    @Override
    public boolean isPersistent(NetworkRef network) {
        return node.networkPersistent(network);
    }

    @Override
    public NetworkRef createNetwork(NetworkDefinition definition, Set<DefineFlag> flags) {
        return node.createNetwork(definition);
    }

    @Override
    public NetworkRef defineNetwork(NetworkDefinition definition, Set<DefineFlag> flags) {
        return node.defineNetwork(definition);
    }

    @Override
    public void undefine(NetworkRef network) {
        node.undefineNetwork(network);
    }

    @Override
    public void start(NetworkRef network) {
        node.startNetwork(network);
    }

    @Override
    public void destroy(NetworkRef network) {
        node.destroyNetwork(network);
    }

    @Override
    public boolean autostart(NetworkRef network) {
        return node.networkAutostart(network);
    }

    @Override
    public void setAutostart(NetworkRef network, boolean autostart) {
        node.setNetworkAutostart(network, autostart);
    }
}
