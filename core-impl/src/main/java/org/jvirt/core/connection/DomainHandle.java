package org.jvirt.core.connection;

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
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventListener;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.JobInfo;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.Operation;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.Subscription;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.XmlFlag;
import org.jvirt.core.routing.Router;
import org.jvirt.model.Device;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/** The core's {@link Domain}: a connection plus the driver's reference; every call goes through the router. */
final class DomainHandle implements Domain {
    private final CoreConnection connection;
    private final Router router;
    private final DomainRef ref;

    DomainHandle(CoreConnection connection, DomainRef ref) {
        this.connection = connection;
        this.router = connection.router();
        this.ref = ref;
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
        return router.call(Operation.DOMAIN_IS_ACTIVE, DriverOperations.DomainStatus.class, d -> d.domainId(ref));
    }

    @Override
    public String osType() {
        return router.call(Operation.DOMAIN_GET_OS_TYPE, DriverOperations.DomainOsType.class, d -> d.osType(ref));
    }

    @Override
    public DomainInfo info() {
        return router.call(Operation.DOMAIN_GET_INFO, DriverOperations.DomainStatus.class, d -> d.domainInfo(ref));
    }

    @Override
    public DomainStateReason state() {
        return router.call(Operation.DOMAIN_GET_STATE, DriverOperations.DomainStatus.class, d -> d.domainState(ref));
    }

    @Override
    public String xmlDesc(XmlFlag... flags) {
        EnumSet<XmlFlag> set = EnumSet.noneOf(XmlFlag.class);
        for (XmlFlag f : flags) {
            set.add(CoreConnection.requireArg(f, "flags", "virDomainGetXMLDesc"));
        }
        return router.call(Operation.DOMAIN_GET_XML_DESC, DriverOperations.DomainXmlDescription.class,
                d -> d.xmlDesc(ref, set));
    }

    @Override
    public SecurityLabel securityLabel() {
        return router.call(Operation.DOMAIN_GET_SECURITY_LABEL, DriverOperations.Security.class,
                d -> d.securityLabel(ref));
    }

    @Override
    public boolean isActive() {
        return router.call(Operation.DOMAIN_IS_ACTIVE, DriverOperations.DomainStatus.class,
                d -> d.domainState(ref).state().isActive());
    }

    @Override
    public boolean isPersistent() {
        return router.call(Operation.DOMAIN_IS_PERSISTENT, DriverOperations.DomainStatus.class,
                d -> d.isPersistent(ref));
    }

    @Override
    public void start(DefineFlag... flags) {
        boolean paused = false;
        for (DefineFlag flag : CoreConnection.requireArg(flags, "flags", "virDomainCreateWithFlags")) {
            if (flag == DefineFlag.VALIDATE || flag == null) {
                throw CoreConnection.invalidArg("flag " + flag + " in virDomainCreateWithFlags of domain '" + name()
                        + "': only START_PAUSED starts a domain", ErrorDomain.DOMAIN);
            }
            paused = true;
        }
        boolean startPaused = paused;
        router.run(Operation.DOMAIN_CREATE, DriverOperations.DomainStart.class, d -> d.start(ref, startPaused));
    }

    @Override
    public void suspend() {
        router.run(Operation.DOMAIN_SUSPEND, DriverOperations.DomainSuspendResume.class, d -> d.suspend(ref));
    }

    @Override
    public void resume() {
        router.run(Operation.DOMAIN_RESUME, DriverOperations.DomainSuspendResume.class, d -> d.resume(ref));
    }

    @Override
    public void shutdown() {
        router.run(Operation.DOMAIN_SHUTDOWN, DriverOperations.DomainShutdown.class, d -> d.shutdown(ref));
    }

    @Override
    public void reboot() {
        router.run(Operation.DOMAIN_REBOOT, DriverOperations.DomainReboot.class, d -> d.reboot(ref));
    }

    @Override
    public void destroy() {
        router.run(Operation.DOMAIN_DESTROY, DriverOperations.DomainDestroy.class, d -> d.destroy(ref));
    }

    @Override
    public void undefine() {
        router.run(Operation.DOMAIN_UNDEFINE, DriverOperations.DomainUndefine.class, d -> d.undefine(ref));
    }

    @Override
    public void save(Path file, SaveFlag... flags) {
        CoreConnection.requireArg(file, "to", "virDomainSave");
        Set<SaveFlag> chosen = CoreConnection.saveFlags(flags, "virDomainSaveFlags");
        router.run(Operation.DOMAIN_SAVE, DriverOperations.DomainSaveRestore.class,
                d -> d.save(ref, file.toAbsolutePath(), chosen));
    }

    @Override
    public void coreDump(Path file, CoreDumpFlag... flags) {
        CoreConnection.requireArg(file, "to", "virDomainCoreDump");
        Set<CoreDumpFlag> chosen = CoreConnection.flagSet(CoreDumpFlag.class, flags, "virDomainCoreDump");
        router.run(Operation.DOMAIN_CORE_DUMP, DriverOperations.DomainCoreDump.class,
                d -> d.coreDump(ref, file.toAbsolutePath(), chosen));
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
        router.run(Operation.DOMAIN_SET_MEMORY, DriverOperations.DomainSetMemory.class,
                d -> d.setMemory(ref, kib, impact));
    }

    @Override
    public void setMaxMemory(long kib, ModificationImpact impact) {
        CoreConnection.requireArg(impact, "flags", "virDomainSetMemoryFlags");
        if (kib <= 0) {
            throw CoreConnection.invalidArg("memory " + kib + " KiB for domain '" + name()
                    + "' in virDomainSetMaxMemory must be positive", ErrorDomain.DOMAIN);
        }
        router.run(Operation.DOMAIN_SET_MAX_MEMORY, DriverOperations.DomainSetMaxMemory.class,
                d -> d.setMaxMemory(ref, kib, impact));
    }

    @Override
    public void setVcpus(int count, ModificationImpact impact, VcpuFlag... flags) {
        CoreConnection.requireArg(impact, "flags", "virDomainSetVcpusFlags");
        Set<VcpuFlag> set = CoreConnection.flagSet(VcpuFlag.class, flags, "virDomainSetVcpusFlags");
        if (count <= 0) {
            throw CoreConnection.invalidArg("vCPU count " + count + " for domain '" + name()
                    + "' in virDomainSetVcpus must be positive", ErrorDomain.DOMAIN);
        }
        router.run(Operation.DOMAIN_SET_VCPUS, DriverOperations.DomainSetVcpus.class,
                d -> d.setVcpus(ref, count, impact, set));
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
        router.run(Operation.DOMAIN_PIN_VCPU, DriverOperations.DomainPinVcpu.class, d -> d.pinVcpu(ref, vcpu, copy, impact));
    }

    @Override
    public List<VcpuInfo> vcpuInfo() {
        return router.call(Operation.DOMAIN_GET_VCPUS, DriverOperations.DomainVcpuInfo.class, d -> d.vcpuInfo(ref));
    }

    @Override
    public List<BitSet> vcpuPinInfo(ModificationImpact impact) {
        CoreConnection.requireArg(impact, "flags", "virDomainGetVcpuPinInfo");
        List<BitSet> pins = router.call(Operation.DOMAIN_GET_VCPU_PIN_INFO, DriverOperations.DomainVcpuPinInfo.class,
                d -> d.vcpuPinInfo(ref, impact));
        List<BitSet> copies = new ArrayList<>(pins.size());
        for (BitSet pin : pins) {
            copies.add((BitSet) pin.clone());
        }
        return Collections.unmodifiableList(copies);
    }

    @Override
    public JobInfo jobInfo() {
        return router.call(Operation.DOMAIN_GET_JOB_INFO, DriverOperations.DomainJobInfo.class, d -> d.jobInfo(ref));
    }

    @Override
    public void abortJob() {
        router.run(Operation.DOMAIN_ABORT_JOB, DriverOperations.DomainAbortJob.class, d -> d.abortJob(ref));
    }

    @Override
    public int maxVcpus() {
        return router.call(Operation.DOMAIN_GET_MAX_VCPUS, DriverOperations.DomainVcpuInfo.class,
                d -> d.maxVcpus(ref));
    }

    @Override
    public boolean autostart() {
        return router.call(Operation.DOMAIN_GET_AUTOSTART, DriverOperations.DomainAutostart.class,
                d -> d.autostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        router.run(Operation.DOMAIN_SET_AUTOSTART, DriverOperations.DomainAutostart.class,
                d -> d.setAutostart(ref, autostart));
    }

    @Override
    public void attachDevice(String xml, ModificationImpact impact) {
        router.check(Operation.DOMAIN_ATTACH_DEVICE);
        CoreConnection.requireArg(impact, "flags", "virDomainAttachDeviceFlags");
        Device device = DomainXml.parseDevice(CoreConnection.requireArg(xml, "xml", "virDomainAttachDevice"));
        router.run(Operation.DOMAIN_ATTACH_DEVICE, DriverOperations.DomainDevices.class,
                d -> d.attachDevice(ref, device, impact));
    }

    @Override
    public void detachDevice(String xml, ModificationImpact impact) {
        router.check(Operation.DOMAIN_DETACH_DEVICE);
        CoreConnection.requireArg(impact, "flags", "virDomainDetachDeviceFlags");
        Device device = DomainXml.parseDevice(CoreConnection.requireArg(xml, "xml", "virDomainDetachDevice"));
        router.run(Operation.DOMAIN_DETACH_DEVICE, DriverOperations.DomainDevices.class,
                d -> d.detachDevice(ref, device, impact));
    }

    @Override
    public String schedulerType() {
        return router.call(Operation.DOMAIN_GET_SCHEDULER_TYPE, DriverOperations.DomainScheduler.class,
                d -> d.schedulerType(ref));
    }

    @Override
    public List<TypedParameter> schedulerParameters(ModificationImpact impact) {
        CoreConnection.requireArg(impact, "flags", "virDomainGetSchedulerParametersFlags");
        return router.call(Operation.DOMAIN_GET_SCHEDULER_PARAMETERS, DriverOperations.DomainScheduler.class,
                d -> d.schedulerParameters(ref, impact));
    }

    @Override
    public void setSchedulerParameters(List<TypedParameter> parameters, ModificationImpact impact) {
        List<TypedParameter> copy = List.copyOf(
                CoreConnection.requireArg(parameters, "params", "virDomainSetSchedulerParameters"));
        CoreConnection.requireArg(impact, "flags", "virDomainSetSchedulerParametersFlags");
        router.run(Operation.DOMAIN_SET_SCHEDULER_PARAMETERS, DriverOperations.DomainScheduler.class,
                d -> d.setSchedulerParameters(ref, copy, impact));
    }

    @Override
    public BlockStats blockStats(String disk) {
        CoreConnection.requireArg(disk, "disk", "virDomainBlockStats");
        return router.call(Operation.DOMAIN_BLOCK_STATS, DriverOperations.DomainBlockStats.class,
                d -> d.blockStats(ref, disk));
    }

    @Override
    public InterfaceStats interfaceStats(String device) {
        CoreConnection.requireArg(device, "device", "virDomainInterfaceStats");
        return router.call(Operation.DOMAIN_INTERFACE_STATS, DriverOperations.DomainInterfaceStats.class,
                d -> d.interfaceStats(ref, device));
    }

    @Override
    public byte[] blockPeek(String disk, long offset, int size) {
        CoreConnection.requireArg(disk, "disk", "virDomainBlockPeek");
        if (offset < 0 || size < 0) {
            throw CoreConnection.invalidArg("offset " + offset + " and size " + size
                    + " in virDomainBlockPeek must not be negative", ErrorDomain.DOMAIN);
        }
        return router.call(Operation.DOMAIN_BLOCK_PEEK, DriverOperations.DomainBlockPeek.class,
                d -> d.blockPeek(ref, disk, offset, size));
    }

    @Override
    public byte[] memoryPeek(long start, int size, boolean physical) {
        if (start < 0 || size < 0) {
            throw CoreConnection.invalidArg("start " + start + " and size " + size
                    + " in virDomainMemoryPeek must not be negative", ErrorDomain.DOMAIN);
        }
        return router.call(Operation.DOMAIN_MEMORY_PEEK, DriverOperations.DomainMemoryPeek.class,
                d -> d.memoryPeek(ref, start, size, physical));
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
