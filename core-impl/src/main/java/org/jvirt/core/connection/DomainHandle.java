package org.jvirt.core.connection;

import static org.jvirt.spi.DriverOperations.DOMAIN_ABORT_JOB;
import static org.jvirt.spi.DriverOperations.DOMAIN_ATTACH_DEVICE;
import static org.jvirt.spi.DriverOperations.DOMAIN_BLOCK_PEEK;
import static org.jvirt.spi.DriverOperations.DOMAIN_BLOCK_STATS;
import static org.jvirt.spi.DriverOperations.DOMAIN_CORE_DUMP;
import static org.jvirt.spi.DriverOperations.DOMAIN_CREATE;
import static org.jvirt.spi.DriverOperations.DOMAIN_DESTROY;
import static org.jvirt.spi.DriverOperations.DOMAIN_DETACH_DEVICE;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_AUTOSTART;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_INFO;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_JOB_INFO;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_MAX_VCPUS;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_OS_TYPE;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_SCHEDULER_PARAMETERS;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_SCHEDULER_TYPE;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_SECURITY_LABEL;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_STATE;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_VCPUS;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_VCPU_PIN_INFO;
import static org.jvirt.spi.DriverOperations.DOMAIN_GET_XML_DESC;
import static org.jvirt.spi.DriverOperations.DOMAIN_INTERFACE_STATS;
import static org.jvirt.spi.DriverOperations.DOMAIN_IS_ACTIVE;
import static org.jvirt.spi.DriverOperations.DOMAIN_IS_PERSISTENT;
import static org.jvirt.spi.DriverOperations.DOMAIN_MEMORY_PEEK;
import static org.jvirt.spi.DriverOperations.DOMAIN_PIN_VCPU;
import static org.jvirt.spi.DriverOperations.DOMAIN_REBOOT;
import static org.jvirt.spi.DriverOperations.DOMAIN_RESUME;
import static org.jvirt.spi.DriverOperations.DOMAIN_SAVE;
import static org.jvirt.spi.DriverOperations.DOMAIN_SET_AUTOSTART;
import static org.jvirt.spi.DriverOperations.DOMAIN_SET_MAX_MEMORY;
import static org.jvirt.spi.DriverOperations.DOMAIN_SET_MEMORY;
import static org.jvirt.spi.DriverOperations.DOMAIN_SET_SCHEDULER_PARAMETERS;
import static org.jvirt.spi.DriverOperations.DOMAIN_SET_VCPUS;
import static org.jvirt.spi.DriverOperations.DOMAIN_SHUTDOWN;
import static org.jvirt.spi.DriverOperations.DOMAIN_SUSPEND;
import static org.jvirt.spi.DriverOperations.DOMAIN_UNDEFINE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.BlockStats;
import org.jvirt.api.Connection;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventListener;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.JobInfo;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.ShutdownFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.Subscription;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.ForwardsDocuments;

/**
 * The core's {@link Domain}: a connection, the driver's reference, and the driver that gave it —
 * the domain's owner, whom calls go to first (as the connection's composition allows); every call
 * goes through the connection.router.
 */
final class DomainHandle implements Domain {
    private final CoreConnection connection;
    private final DomainRef ref;
    private final Driver owner;

    DomainHandle(CoreConnection connection, DomainRef ref, Driver owner) {
        this.connection = connection;
        this.ref = ref;
        this.owner = owner;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public UUID uuid() {
        return ref.uuid();
    }

    @Override
    public int id() {
        return connection.router.call(DOMAIN_IS_ACTIVE, owner, d -> d.domainId(ref));
    }

    @Override
    public String osType() {
        return connection.router.call(DOMAIN_GET_OS_TYPE, owner, d -> d.osType(ref));
    }

    @Override
    public DomainInfo info() {
        return connection.router.call(DOMAIN_GET_INFO, owner, d -> d.domainInfo(ref));
    }

    @Override
    public DomainStateReason state() {
        return connection.router.call(DOMAIN_GET_STATE, owner, d -> d.domainState(ref));
    }

    @Override
    public String xmlDesc(XmlFlag... flags) {
        Set<XmlFlag> set = CoreConnection.flagSet(XmlFlag.class, flags, "virDomainGetXMLDesc");
        return connection.router.call(DOMAIN_GET_XML_DESC, owner, set, (d, f) -> d.xmlDesc(ref, f));
    }

    @Override
    public SecurityLabel securityLabel() {
        return connection.router.call(DOMAIN_GET_SECURITY_LABEL, owner, d -> d.securityLabel(ref));
    }

    @Override
    public boolean isActive() {
        return connection.router.call(DOMAIN_IS_ACTIVE, owner, d -> d.domainId(ref)) >= 0;
    }

    @Override
    public boolean isPersistent() {
        return connection.router.call(DOMAIN_IS_PERSISTENT, owner, d -> d.isPersistent(ref));
    }

    @Override
    public void start(StartFlag... flags) {
        Set<StartFlag> set = CoreConnection.flagSet(StartFlag.class, flags, "virDomainCreateWithFlags");
        connection.router.run(DOMAIN_CREATE, owner, set, (d, f) -> d.start(ref, f), this::startAcross);
    }

    /**
     * The cross-driver start: {@code source} holds the persistent definition, which {@code actor}
     * creates and starts (see {@link org.jvirt.spi.Composition.CrossDriver}).
     */
    private void startAcross(Driver source, Driver actor, Set<StartFlag> flags) {
        DriverOperations.DomainXmlDescription definitions = (DriverOperations.DomainXmlDescription) source;
        Set<XmlFlag> wanted = EnumSet.of(XmlFlag.INACTIVE, XmlFlag.SECURE);
        wanted.retainAll(DOMAIN_GET_XML_DESC.honouredBy(definitions));
        DomainDefinition definition = DomainXml.parse(definitions.xmlDesc(ref, Collections.unmodifiableSet(wanted)));
        ((DriverOperations.DomainCreateTransient) actor).createDomain(CoreConnection.postParsed(definition, actor),
                flags);
    }

    @Override
    public void suspend() {
        connection.router.run(DOMAIN_SUSPEND, owner, d -> d.suspend(ref));
    }

    @Override
    public void resume() {
        connection.router.run(DOMAIN_RESUME, owner, d -> d.resume(ref));
    }

    @Override
    public void shutdown(ShutdownFlag... flags) {
        Set<ShutdownFlag> set = CoreConnection.flagSet(ShutdownFlag.class, flags, "virDomainShutdownFlags");
        connection.router.run(DOMAIN_SHUTDOWN, owner, set, (d, f) -> d.shutdown(ref, f));
    }

    @Override
    public void reboot(RebootFlag... flags) {
        Set<RebootFlag> set = CoreConnection.flagSet(RebootFlag.class, flags, "virDomainReboot");
        connection.router.run(DOMAIN_REBOOT, owner, set, (d, f) -> d.reboot(ref, f));
    }

    @Override
    public void destroy(DestroyFlag... flags) {
        Set<DestroyFlag> set = CoreConnection.flagSet(DestroyFlag.class, flags, "virDomainDestroyFlags");
        connection.router.run(DOMAIN_DESTROY, owner, set, (d, f) -> d.destroy(ref, f));
    }

    @Override
    public void undefine(UndefineFlag... flags) {
        Set<UndefineFlag> set = CoreConnection.flagSet(UndefineFlag.class, flags, "virDomainUndefineFlags");
        connection.router.run(DOMAIN_UNDEFINE, owner, set, (d, f) -> d.undefine(ref, f));
    }

    @Override
    public void save(Path file, SaveFlag... flags) {
        CoreConnection.requireArg(file, "to", "virDomainSave");
        Set<SaveFlag> chosen = CoreConnection.saveFlags(flags, "virDomainSaveFlags");
        connection.router.run(DOMAIN_SAVE, owner, chosen, (d, f) -> d.save(ref, file.toAbsolutePath(), f));
    }

    @Override
    public void coreDump(Path file, CoreDumpFlag... flags) {
        CoreConnection.requireArg(file, "to", "virDomainCoreDump");
        Set<CoreDumpFlag> chosen = CoreConnection.flagSet(CoreDumpFlag.class, flags, "virDomainCoreDump");
        // libvirt's public API refuses these pairs before any driver.
        CoreConnection.exclusive(chosen, CoreDumpFlag.CRASH, CoreDumpFlag.LIVE, "VIR_DUMP_CRASH", "VIR_DUMP_LIVE",
                ErrorDomain.DOMAIN);
        CoreConnection.exclusive(chosen, CoreDumpFlag.CRASH, CoreDumpFlag.RESET, "VIR_DUMP_CRASH", "VIR_DUMP_RESET",
                ErrorDomain.DOMAIN);
        CoreConnection.exclusive(chosen, CoreDumpFlag.LIVE, CoreDumpFlag.RESET, "VIR_DUMP_LIVE", "VIR_DUMP_RESET",
                ErrorDomain.DOMAIN);
        connection.router.run(DOMAIN_CORE_DUMP, owner, chosen, (d, f) -> d.coreDump(ref, file.toAbsolutePath(), f));
    }

    @Override
    public void setMemory(long kib, ModificationImpact impact) {
        CoreConnection.requireArg(impact, "flags", "virDomainSetMemoryFlags");
        if (kib == 0) {
            throw CoreConnection.invalidArg("memory in virDomainSetMemoryFlags must not be zero", ErrorDomain.DOMAIN);
        }
        if (kib < 0) {
            throw CoreConnection.invalidArg("memory " + kib + " KiB for domain '" + name()
                    + "' in virDomainSetMemoryFlags must be positive", ErrorDomain.DOMAIN);
        }
        connection.router.run(DOMAIN_SET_MEMORY, owner, d -> d.setMemory(ref, kib, impact));
    }

    @Override
    public void setMaxMemory(long kib, ModificationImpact impact) {
        CoreConnection.requireArg(impact, "flags", "virDomainSetMemoryFlags");
        if (kib <= 0) {
            throw CoreConnection.invalidArg("memory " + kib + " KiB for domain '" + name()
                    + "' in virDomainSetMaxMemory must be positive", ErrorDomain.DOMAIN);
        }
        connection.router.run(DOMAIN_SET_MAX_MEMORY, owner, d -> d.setMaxMemory(ref, kib, impact));
    }

    @Override
    public void setVcpus(int count, ModificationImpact impact, VcpuFlag... flags) {
        CoreConnection.requireArg(impact, "flags", "virDomainSetVcpusFlags");
        Set<VcpuFlag> set = CoreConnection.flagSet(VcpuFlag.class, flags, "virDomainSetVcpusFlags");
        if (count <= 0) {
            throw CoreConnection.invalidArg("vCPU count " + count + " for domain '" + name()
                    + "' in virDomainSetVcpus must be positive", ErrorDomain.DOMAIN);
        }
        connection.router.run(DOMAIN_SET_VCPUS, owner, set, (d, f) -> d.setVcpus(ref, count, impact, f));
    }

    @Override
    public void pinVcpu(int vcpu, BitSet cpus, ModificationImpact impact) {
        CoreConnection.requireArg(cpus, "cpumap", "virDomainPinVcpu");
        CoreConnection.requireArg(impact, "flags", "virDomainPinVcpuFlags");
        if (vcpu < 0 || cpus.isEmpty()) {
            throw CoreConnection.invalidArg("vCPU " + vcpu + " and an empty or negative CPU map for domain '"
                    + name() + "' in virDomainPinVcpu", ErrorDomain.DOMAIN);
        }
        BitSet copy = (BitSet) cpus.clone();
        connection.router.run(DOMAIN_PIN_VCPU, owner, d -> d.pinVcpu(ref, vcpu, copy, impact));
    }

    @Override
    public List<VcpuInfo> vcpuInfo() {
        return connection.router.call(DOMAIN_GET_VCPUS, owner, d -> d.vcpuInfo(ref));
    }

    @Override
    public List<BitSet> vcpuPinInfo(ModificationImpact impact) {
        CoreConnection.requireArg(impact, "flags", "virDomainGetVcpuPinInfo");
        List<BitSet> pins = connection.router.call(DOMAIN_GET_VCPU_PIN_INFO, owner, d -> d.vcpuPinInfo(ref, impact));
        List<BitSet> copies = new ArrayList<>(pins.size());
        for (BitSet pin : pins) {
            copies.add((BitSet) pin.clone());
        }
        return Collections.unmodifiableList(copies);
    }

    @Override
    public JobInfo jobInfo() {
        return connection.router.call(DOMAIN_GET_JOB_INFO, owner, d -> d.jobInfo(ref));
    }

    @Override
    public void abortJob() {
        connection.router.run(DOMAIN_ABORT_JOB, owner, d -> d.abortJob(ref));
    }

    @Override
    public int maxVcpus() {
        return connection.router.call(DOMAIN_GET_MAX_VCPUS, owner, d -> d.maxVcpus(ref));
    }

    @Override
    public boolean autostart() {
        return connection.router.call(DOMAIN_GET_AUTOSTART, owner, d -> d.autostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        connection.router.run(DOMAIN_SET_AUTOSTART, owner, d -> d.setAutostart(ref, autostart));
    }

    @Override
    public void attachDevice(String xml, ModificationImpact impact) {
        connection.router.check(DOMAIN_ATTACH_DEVICE.operation());
        CoreConnection.requireArg(impact, "flags", "virDomainAttachDeviceFlags");
        CoreConnection.requireArg(xml, "xml", "virDomainAttachDevice");
        if (connection.forwardsDocuments(DOMAIN_ATTACH_DEVICE)) {
            connection.router.run(DOMAIN_ATTACH_DEVICE, owner, d -> ((ForwardsDocuments) d).attachDeviceXml(ref, xml, impact));
            return;
        }
        Device device = DomainXml.parseDevice(xml);
        connection.router.run(DOMAIN_ATTACH_DEVICE, owner, d -> d.attachDevice(ref, device, impact));
    }

    @Override
    public void detachDevice(String xml, ModificationImpact impact) {
        connection.router.check(DOMAIN_DETACH_DEVICE.operation());
        CoreConnection.requireArg(impact, "flags", "virDomainDetachDeviceFlags");
        CoreConnection.requireArg(xml, "xml", "virDomainDetachDevice");
        if (connection.forwardsDocuments(DOMAIN_DETACH_DEVICE)) {
            connection.router.run(DOMAIN_DETACH_DEVICE, owner, d -> ((ForwardsDocuments) d).detachDeviceXml(ref, xml, impact));
            return;
        }
        Device device = DomainXml.parseDevice(xml);
        connection.router.run(DOMAIN_DETACH_DEVICE, owner, d -> d.detachDevice(ref, device, impact));
    }

    @Override
    public String schedulerType() {
        return connection.router.call(DOMAIN_GET_SCHEDULER_TYPE, owner, d -> d.schedulerType(ref));
    }

    @Override
    public List<TypedParameter> schedulerParameters(ModificationImpact impact) {
        CoreConnection.requireArg(impact, "flags", "virDomainGetSchedulerParametersFlags");
        return connection.router.call(DOMAIN_GET_SCHEDULER_PARAMETERS, owner, d -> d.schedulerParameters(ref, impact));
    }

    @Override
    public void setSchedulerParameters(List<TypedParameter> parameters, ModificationImpact impact) {
        List<TypedParameter> copy = List.copyOf(
                CoreConnection.requireArg(parameters, "params", "virDomainSetSchedulerParameters"));
        CoreConnection.requireArg(impact, "flags", "virDomainSetSchedulerParametersFlags");
        connection.router.run(DOMAIN_SET_SCHEDULER_PARAMETERS, owner, d -> d.setSchedulerParameters(ref, copy, impact));
    }

    @Override
    public BlockStats blockStats(String disk) {
        CoreConnection.requireArg(disk, "disk", "virDomainBlockStats");
        return connection.router.call(DOMAIN_BLOCK_STATS, owner, d -> d.blockStats(ref, disk));
    }

    @Override
    public InterfaceStats interfaceStats(String device) {
        CoreConnection.requireArg(device, "device", "virDomainInterfaceStats");
        return connection.router.call(DOMAIN_INTERFACE_STATS, owner, d -> d.interfaceStats(ref, device));
    }

    @Override
    public byte[] blockPeek(String disk, long offset, int size) {
        CoreConnection.requireArg(disk, "disk", "virDomainBlockPeek");
        if (offset < 0 || size < 0) {
            throw CoreConnection.invalidArg("offset " + offset + " and size " + size
                    + " in virDomainBlockPeek must not be negative", ErrorDomain.DOMAIN);
        }
        return connection.router.call(DOMAIN_BLOCK_PEEK, owner, d -> d.blockPeek(ref, disk, offset, size));
    }

    @Override
    public byte[] memoryPeek(long start, int size, MemoryPeekFlag... flags) {
        Set<MemoryPeekFlag> set = CoreConnection.flagSet(MemoryPeekFlag.class, flags, "virDomainMemoryPeek");
        // libvirt's public API refuses both; a driver refuses neither, as libvirt's do.
        CoreConnection.exclusive(set, MemoryPeekFlag.VIRTUAL, MemoryPeekFlag.PHYSICAL, "VIR_MEMORY_VIRTUAL",
                "VIR_MEMORY_PHYSICAL", ErrorDomain.DOMAIN);
        if (start < 0 || size < 0) {
            throw CoreConnection.invalidArg("start " + start + " and size " + size
                    + " in virDomainMemoryPeek must not be negative", ErrorDomain.DOMAIN);
        }
        return connection.router.call(DOMAIN_MEMORY_PEEK, owner, set, (d, f) -> d.memoryPeek(ref, start, size, f));
    }

    @Override
    public Subscription onEvent(DomainEventListener listener) {
        return connection.onDomainEvent(ref.uuid(), listener);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainHandle other && other.connection == connection && other.ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return ref.uuid().hashCode();
    }

    @Override
    public String toString() {
        return "Domain[" + ref.name() + " " + ref.uuid() + "]";
    }
}
