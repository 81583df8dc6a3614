package org.jvirt.driver.xend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.ShutdownFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.XmlFlag;
import org.jvirt.driver.xend.config.XendConfig;
import org.jvirt.driver.xend.config.XendRules;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.driver.xend.sexpr.SexprReader;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainRules;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/**
 * One connection to xend: every operation is one or a few HTTP requests, as libvirt 0.4.4's
 * {@code xend_internal.c} made them, the definitions converted by {@link XendConfig} for the xend
 * configuration format the daemon announced at open. The driver keeps no state of its own: xend is the
 * truth. Before xend 3.0.4 (format 1 and 2) xend kept no inactive domains: the operations on them
 * decline, and in {@code xen:///} the xm driver answers. Thread-safe.
 */
public final class XendDriver implements Driver, DriverOperations.HypervisorIdentity, DriverOperations.Hostname,
        DriverOperations.Capabilities, DriverOperations.NodeInformation, DriverOperations.NodeFreeMemory,
        DriverOperations.DomainXmlFromNative, DriverOperations.DomainXmlToNative,
        DriverOperations.ActiveDomainIds, DriverOperations.ActiveDomainCount, DriverOperations.DefinedDomainNames,
        DriverOperations.DefinedDomainCount, DriverOperations.DomainListAll, DriverOperations.DomainLookupById,
        DriverOperations.DomainLookupByUuid, DriverOperations.DomainLookupByName, DriverOperations.DomainGetInfo,
        DriverOperations.DomainGetState, DriverOperations.DomainIsActive, DriverOperations.DomainIsPersistent,
        DriverOperations.DomainXmlDescription, DriverOperations.DomainOsType, DriverOperations.DomainCreateTransient,
        DriverOperations.DomainDefine, DriverOperations.DomainUndefine, DriverOperations.DomainStart,
        DriverOperations.DomainSuspendResume, DriverOperations.DomainShutdown, DriverOperations.DomainReboot,
        DriverOperations.DomainDestroy, DriverOperations.DomainSaveRestore, DriverOperations.DomainCoreDump,
        DriverOperations.DomainSetMemory, DriverOperations.DomainSetMaxMemory, DriverOperations.DomainSetVcpus,
        DriverOperations.DomainVcpuInfo, DriverOperations.DomainPinVcpu, DriverOperations.DomainDevices,
        DriverOperations.DomainScheduler, DriverOperations.DomainVcpuPinInfo, DriverOperations.DomainAutostart {
    /** The one native format: xend's configuration S-expression. */
    static final String SXPR = "xen-sxpr";
    /** xend 3.0.4: from this format on xend keeps inactive domains. */
    static final int INACTIVE_DOMAINS_FORMAT = 3;

    private final XendClient xend;
    private final XendNodeFacts node;
    private final XendDomainAccess domains;
    private final XendResources resources;
    private final XendRules rules = XendRules.INSTANCE;

    XendDriver(XendClient xend, XendNodeFacts node) {
        this.xend = xend;
        this.node = node;
        this.domains = new XendDomainAccess(xend, node.configFormat());
        this.resources = new XendResources(xend, domains, node.configFormat());
    }

    @Override
    public String name() {
        return XendDriverProvider.NAME;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.XEND;
    }

    @Override
    public DomainRules domainRules() {
        return rules;
    }

    @Override
    public void close() {
        // One connection a request: nothing is held between calls.
    }

    /** The xend configuration format the daemon announced. */
    int configFormat() {
        return node.configFormat();
    }

    // ---- node ------------------------------------------------------------------------------------

    @Override
    public String hypervisorType() {
        return "Xen";
    }

    @Override
    public long hypervisorVersion() {
        return node.version();
    }

    @Override
    public String hostname() {
        return node.hostname();
    }

    @Override
    public String capabilities() {
        return node.capabilities();
    }

    @Override
    public NodeInfo nodeInfo() {
        return XendNodeFacts.of(xend.node()).nodeInfo();
    }

    @Override
    public long freeMemory() {
        return XendNodeFacts.of(xend.node()).freeMemoryBytes();
    }

    @Override
    public long[] cellsFreeMemory(int startCell, int maxCells) {
        if (startCell != 0 || maxCells < 1) {
            throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "xend reports one NUMA cell: cell " + startCell
                    + " does not exist", null);
        }
        return new long[] {freeMemory()};
    }

    @Override
    public Set<String> fromNativeFormats() {
        return Set.of(SXPR);
    }

    @Override
    public DomainDefinition domainXmlFromNative(String format, String nativeConfig) {
        return XendConfig.toDomain(SexprReader.read(nativeConfig), node.configFormat());
    }

    @Override
    public Set<String> toNativeFormats() {
        return Set.of(SXPR);
    }

    @Override
    public String domainXmlToNative(String format, DomainDefinition definition) {
        return XendConfig.toSexpr(definition, node.configFormat()).toString();
    }

    // ---- listing and lookup ----------------------------------------------------------------------

    @Override
    public int[] activeDomainIds() {
        return xend.domains(false).stream().mapToInt(XendConfig::domainId).filter(id -> id >= 0).toArray();
    }

    @Override
    public int activeDomainCount() {
        return xend.domainNames(false).size();
    }

    @Override
    public List<String> definedDomainNames() {
        requireInactiveDomains("list the inactive domains");
        return xend.domainNames(true);
    }

    @Override
    public int definedDomainCount() {
        return definedDomainNames().size();
    }

    @Override
    public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        List<SexprList> all = new ArrayList<>(xend.domains(false));
        if (node.configFormat() >= INACTIVE_DOMAINS_FORMAT) {
            all.addAll(xend.domains(true));
        }
        List<DomainRef> out = new ArrayList<>();
        for (SexprList d : all) {
            boolean persistent = node.configFormat() >= INACTIVE_DOMAINS_FORMAT;
            if (DomainListFilters.matches(filters, XendDocuments.state(d).state(), persistent, false)) {
                out.add(XendDocuments.ref(d));
            }
        }
        return out;
    }

    @Override
    public DomainRef domainById(int id) {
        return xend.domain(Integer.toString(id)).filter(d -> XendConfig.domainId(d) == id).map(XendDocuments::ref)
                .orElseThrow(() -> notMine("id " + id, null));
    }

    @Override
    public DomainRef domainByUuid(UUID uuid) {
        return xend.domain(uuid.toString()).map(XendDocuments::ref).filter(r -> r.uuid().equals(uuid))
                .orElseThrow(() -> notMine("uuid '" + uuid + "'", null));
    }

    @Override
    public DomainRef domainByName(String name) {
        return xend.domain(name).map(XendDocuments::ref).filter(r -> r.name().equals(name))
                .orElseThrow(() -> notMine("name '" + name + "'", name));
    }

    /** A domain xend does not know: declined, for another driver of xen:/// (xm) may know it. */
    private static DeclinedException notMine(String what, String object) {
        return new DeclinedException(XendDaemonErrors.worded(ErrorCode.NO_DOMAIN, "no domain with matching " + what,
                object));
    }

    // ---- reading ---------------------------------------------------------------------------------

    private SexprList document(DomainRef domain) {
        return domains.document(domain);
    }

    @Override
    public DomainInfo domainInfo(DomainRef domain) {
        return XendDocuments.info(document(domain));
    }

    @Override
    public DomainStateReason domainState(DomainRef domain) {
        return XendDocuments.state(document(domain));
    }

    @Override
    public int domainId(DomainRef domain) {
        return XendConfig.domainId(document(domain));
    }

    @Override
    public boolean isPersistent(DomainRef domain) {
        requireInactiveDomains("tell whether domain '" + domain.name() + "' is persistent");
        document(domain);
        return domains.nextBoot(domain).isPresent();
    }

    @Override
    public String xmlDesc(DomainRef domain, Set<XmlFlag> flags) {
        SexprList doc = document(domain);
        int id = XendConfig.domainId(doc);
        if (flags.contains(XmlFlag.INACTIVE) && id >= 0) {
            DomainDefinition next = domains.nextBoot(domain).orElse(null);
            if (next != null) {
                return DomainXml.format(next, -1, flags.contains(XmlFlag.SECURE));
            }
        }
        DomainDefinition def = domains.definition(doc);
        return DomainXml.format(def, flags.contains(XmlFlag.INACTIVE) ? -1 : id, flags.contains(XmlFlag.SECURE));
    }

    @Override
    public Set<XmlFlag> xmlDescFlags() {
        return Set.of(XmlFlag.SECURE, XmlFlag.INACTIVE);
    }

    @Override
    public String osType(DomainRef domain) {
        return document(domain).lookup("domain/image/hvm").isPresent() ? "hvm" : "linux";
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    @Override
    public DomainRef createDomain(DomainDefinition definition, Set<StartFlag> flags) {
        XendIdentity.checkFree(xend, definition, true);
        String sexpr = XendConfig.toSexpr(definition, node.configFormat()).toString();
        xend.domainsOp("create", "config", sexpr);
        String name = definition.name();
        // As libvirt: xend creates the domain paused; its devices are waited for before it runs.
        xend.domainOp(name, "wait_for_devices");
        if (!flags.contains(StartFlag.PAUSED)) {
            xend.domainOp(name, "unpause");
        }
        return domainByName(name);
    }

    @Override
    public Set<StartFlag> createFlags() {
        return Set.of(StartFlag.PAUSED);
    }

    @Override
    public DomainRef defineDomain(DomainDefinition definition, Set<DefineFlag> flags) {
        requireInactiveDomains("define domain '" + definition.name() + "'");
        XendIdentity.checkFree(xend, definition, false);
        domains.redefine(definition);
        return domainByName(definition.name());
    }

    @Override
    public void undefine(DomainRef domain, Set<UndefineFlag> flags) {
        requireInactiveDomains("undefine domain '" + domain.name() + "'");
        if (domains.nextBoot(domain).isEmpty()) {
            throw XendDaemonErrors.worded(ErrorCode.OPERATION_INVALID, "cannot undefine transient domain '"
                    + domain.name() + "'", domain.name());
        }
        xend.domainOp(domain.name(), "delete");
    }

    @Override
    public void start(DomainRef domain, Set<StartFlag> flags) {
        requireInactiveDomains("start domain '" + domain.name() + "'");
        if (XendConfig.domainId(document(domain)) >= 0) {
            throw XendDaemonErrors.worded(ErrorCode.OPERATION_INVALID, "domain '" + domain.name()
                    + "' is already running", domain.name());
        }
        if (flags.contains(StartFlag.PAUSED)) {
            xend.domainOp(domain.name(), "start", "paused", "1");
        } else {
            xend.domainOp(domain.name(), "start");
        }
    }

    @Override
    public Set<StartFlag> startFlags() {
        return Set.of(StartFlag.PAUSED);
    }

    @Override
    public void suspend(DomainRef domain) {
        domains.running(domain);
        xend.domainOp(domain.name(), "pause");
    }

    @Override
    public void resume(DomainRef domain) {
        domains.running(domain);
        xend.domainOp(domain.name(), "unpause");
    }

    @Override
    public void shutdown(DomainRef domain, Set<ShutdownFlag> flags) {
        domains.running(domain);
        xend.domainOp(domain.name(), "shutdown", "reason", "halt");
    }

    @Override
    public void reboot(DomainRef domain, Set<RebootFlag> flags) {
        domains.running(domain);
        xend.domainOp(domain.name(), "shutdown", "reason", "reboot");
    }

    @Override
    public void destroy(DomainRef domain, Set<DestroyFlag> flags) {
        domains.running(domain);
        xend.domainOp(domain.name(), "destroy");
    }

    @Override
    public void save(DomainRef domain, Path file, Set<SaveFlag> flags) {
        domains.running(domain);
        XendFiles.checkWritable(xend.http().address(), file, "save image");
        xend.domainOp(domain.name(), "save", "file", file.toAbsolutePath().toString());
    }

    @Override
    public DomainRef restore(Path file, Set<SaveFlag> flags) {
        XendFiles.checkReadable(xend.http().address(), file, "save image");
        XendFiles.savedDomainName(xend.http().address(), file).ifPresent(name -> xend.domain(name)
                .filter(d -> XendConfig.domainId(d) >= 0).ifPresent(d -> {
                    throw XendDaemonErrors.worded(ErrorCode.OPERATION_INVALID, "domain '" + name + "' saved in "
                            + file + " is already running", name);
                }));
        SexprList restored = xend.domainsOp("restore", "file", file.toAbsolutePath().toString());
        if (restored.isNamed("domain")) {
            return XendDocuments.ref(restored);
        }
        throw XendDaemonErrors.worded(ErrorCode.OPERATION_FAILED, "xend restored " + file
                + " without saying which domain it is", null);
    }

    @Override
    public void coreDump(DomainRef domain, Path file, Set<CoreDumpFlag> flags) {
        domains.running(domain);
        XendFiles.checkWritable(xend.http().address(), file, "core dump");
        xend.domainOp(domain.name(), "dump", "file", file.toAbsolutePath().toString(), "live",
                flags.contains(CoreDumpFlag.LIVE) ? "1" : "0", "crash", flags.contains(CoreDumpFlag.CRASH) ? "1" : "0");
    }

    @Override
    public Set<CoreDumpFlag> coreDumpFlags() {
        return Set.of(CoreDumpFlag.LIVE, CoreDumpFlag.CRASH);
    }

    // ---- resources: XendResources ----------------------------------------------------------------

    @Override
    public void setMemory(DomainRef domain, long kib, ModificationImpact impact) {
        resources.setMemory(domain, kib, impact);
    }

    @Override
    public void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact) {
        resources.setMaxMemory(domain, kib, impact);
    }

    @Override
    public void setVcpus(DomainRef domain, int count, ModificationImpact impact, Set<VcpuFlag> flags) {
        resources.setVcpus(domain, count, impact, flags);
    }

    @Override
    public List<VcpuInfo> vcpuInfo(DomainRef domain) {
        return resources.vcpuInfo(domain);
    }

    @Override
    public int maxVcpus(DomainRef domain) {
        return resources.maxVcpus(domain);
    }

    @Override
    public void pinVcpu(DomainRef domain, int vcpu, BitSet cpus, ModificationImpact impact) {
        resources.pinVcpu(domain, vcpu, cpus, impact);
    }

    @Override
    public void attachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        resources.attachDevice(domain, device, impact);
    }

    @Override
    public void detachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        resources.detachDevice(domain, device, impact);
    }

    @Override
    public List<BitSet> vcpuPinInfo(DomainRef domain, ModificationImpact impact) {
        return resources.vcpuPinInfo(domain, impact, node.nodeInfo().cpus());
    }

    @Override
    public boolean autostart(DomainRef domain) {
        requireInactiveDomains("tell whether domain '" + domain.name() + "' starts with xend");
        return resources.autostart(domain);
    }

    @Override
    public void setAutostart(DomainRef domain, boolean autostart) {
        requireInactiveDomains("make domain '" + domain.name() + "' start with xend");
        resources.setAutostart(domain, autostart);
    }

    @Override
    public String schedulerType(DomainRef domain) {
        return resources.schedulerType(domain);
    }

    @Override
    public List<TypedParameter> schedulerParameters(DomainRef domain, ModificationImpact impact) {
        return resources.schedulerParameters(domain, impact);
    }

    @Override
    public void setSchedulerParameters(DomainRef domain, List<TypedParameter> parameters, ModificationImpact impact) {
        resources.setSchedulerParameters(domain, parameters, impact);
    }

    /** Before xend 3.0.4 inactive domains are the xm driver's: decline, so that it answers. */
    private void requireInactiveDomains(String what) {
        if (node.configFormat() < INACTIVE_DOMAINS_FORMAT) {
            throw new DeclinedException(XendDaemonErrors.worded(ErrorCode.OPERATION_INVALID, "cannot " + what
                    + ": xend of configuration format " + node.configFormat()
                    + " (before Xen 3.0.4) keeps no inactive domains", null));
        }
    }
}
