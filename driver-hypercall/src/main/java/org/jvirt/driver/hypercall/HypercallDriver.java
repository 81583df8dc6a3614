package org.jvirt.driver.hypercall;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.jvirt.driver.hypercall.privcmd.DomainEntry;
import org.jvirt.driver.hypercall.privcmd.Hypervisor;
import org.jvirt.driver.hypercall.privcmd.PhysInfo;
import org.jvirt.driver.hypercall.privcmd.VcpuEntry;
import org.jvirt.driver.hypercall.privcmd.Xen;
import org.jvirt.driver.hypercall.privcmd.XenAbi;
import org.jvirt.driver.hypercall.privcmd.XenCalls;
import org.jvirt.driver.hypercall.privcmd.XenErrors;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/**
 * One connection to the hypervisor: each operation is one or a few hypercalls, as libvirt 0.4.4's
 * {@code xen_internal.c} made them, in the interface version found at open. The driver keeps nothing but the
 * host's fixed facts: the hypervisor is the truth.
 *
 * <p>The hypervisor knows running domains only, by id and UUID. It has no names: a domain is called
 * {@code Domain-<id>} here (Domain-0 is what every Xen toolstack calls the first), and in {@code xen:///} the
 * drivers that know names (XenStore, xend) are meant to answer for it. A domain the hypervisor does not list,
 * and every change to a persistent definition (CONFIG), is declined, so that the next driver of the
 * composition may answer; alone, the caller gets the error declined with. What the interface version cannot
 * tell (physinfo of sysctl 2 and 4) is declined too, never guessed. A domain is found again by its UUID before
 * each operation, so that an id reused by a later domain is not acted on. Thread-safe: hypercalls from many
 * threads at once are the hypervisor's business.
 */
public final class HypercallDriver implements Driver, DriverOperations.HypervisorIdentity, DriverOperations.MaxVcpus,
        DriverOperations.Capabilities, DriverOperations.NodeInformation, DriverOperations.NodeFreeMemory,
        DriverOperations.ActiveDomainIds, DriverOperations.ActiveDomainCount, DriverOperations.DomainListAll,
        DriverOperations.DomainLookupById, DriverOperations.DomainLookupByUuid, DriverOperations.DomainGetInfo,
        DriverOperations.DomainGetState, DriverOperations.DomainIsActive, DriverOperations.DomainOsType,
        DriverOperations.DomainSuspendResume, DriverOperations.DomainDestroy, DriverOperations.DomainSetMaxMemory,
        DriverOperations.DomainSetVcpus, DriverOperations.DomainVcpuInfo, DriverOperations.DomainPinVcpu,
        DriverOperations.DomainVcpuPinInfo, DriverOperations.DomainBlockStats, DriverOperations.DomainInterfaceStats {

    private final Hypervisor hypervisor;
    private final XenCalls xen;
    private final HostFacts host;
    private final BackendStatistics statistics;

    HypercallDriver(Hypervisor hypervisor, XenCalls xen, HostFacts host, BackendStatistics statistics) {
        this.hypervisor = hypervisor;
        this.xen = xen;
        this.host = host;
        this.statistics = statistics;
    }

    @Override
    public String name() {
        return HypercallDriverProvider.NAME;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.XEN;
    }

    @Override
    public void close() {
        hypervisor.close();
    }

    /** The interface version the hypervisor speaks. */
    XenAbi abi() {
        return xen.abi();
    }

    // ---- node ---------------------------------------------------------------------------------

    @Override
    public String hypervisorType() {
        return "Xen";
    }

    /** As libvirt: {@code major * 1,000,000 + minor * 1,000} (the hypervisor says no release). */
    @Override
    public long hypervisorVersion() {
        int v = xen.version();
        return (v >>> 16) * 1_000_000L + (v & 0xffff) * 1_000L;
    }

    /**
     * libvirt 0.4.4 answered Xen 3's {@code MAX_VIRT_CPUS} (32) for every guest. Xen 4.17 keeps that limit for
     * paravirtualised guests ({@code XEN_LEGACY_MAX_VCPUS}) and allows {@code HVM_MAX_VCPUS} to HVM ones.
     */
    @Override
    public int maxVcpus(String guestType) {
        if (xen.abi() == XenAbi.XEN_4_17 && "hvm".equalsIgnoreCase(guestType)) {
            return Xen.HVM_MAX_VCPUS;
        }
        return Xen.LEGACY_MAX_VCPUS;
    }

    @Override
    public String capabilities() {
        return host.capabilities(xen.physinfo().orElse(null), xen.abi());
    }

    @Override
    public NodeInfo nodeInfo() {
        return host.nodeInfo(physinfo("read the host's CPUs and memory"));
    }

    @Override
    public long freeMemory() {
        Optional<PhysInfo> p = xen.physinfo();
        if (p.isPresent()) {
            return host.kib(p.get().freePages()) * 1024;
        }
        // availheap of node -1 is the whole host's (libvirt's xen_v2s4_availheap: "-1 for sum across all nodes").
        OptionalLong all = xen.availableHeap(-1);
        if (all.isPresent()) {
            return all.getAsLong();
        }
        throw unknown("read the host's free memory");
    }

    @Override
    public long[] cellsFreeMemory(int startCell, int maxCells) {
        int cells = Math.max(1, physinfo("read the host's NUMA cells").nrNodes());
        if (startCell < 0 || startCell >= cells || maxCells < 1) {
            throw error(ErrorCode.INVALID_ARG, "the host has NUMA cells 0 to " + (cells - 1) + ": cannot read "
                    + maxCells + " from cell " + startCell, null);
        }
        int n = Math.min(maxCells, cells - startCell);
        long[] free = new long[n];
        for (int i = 0; i < n; i++) {
            int cell = startCell + i;
            OptionalLong heap = xen.availableHeap(cell);
            if (heap.isPresent()) {
                free[i] = heap.getAsLong();
            } else if (cells == 1) {
                free[i] = freeMemory();
            } else {
                throw unknown("read the free memory of NUMA cell " + cell);
            }
        }
        return free;
    }

    private PhysInfo physinfo(String purpose) {
        return xen.physinfo().orElseThrow(() -> unknown(purpose));
    }

    /** Declined: this interface version has no layout the driver knows for the call that would answer. */
    private DeclinedException unknown(String purpose) {
        return new DeclinedException(error(ErrorCode.OPERATION_UNSUPPORTED, "cannot " + purpose + ": the driver"
                + " knows no physinfo layout of " + xen.abi().description(), null));
    }

    // ---- listing and lookup -------------------------------------------------------------------

    @Override
    public int[] activeDomainIds() {
        return xen.domains().stream().mapToInt(DomainEntry::id).toArray();
    }

    @Override
    public int activeDomainCount() {
        return xen.domains().size();
    }

    /** The domains the hypervisor runs: active, and (as far as it can tell) transient, without autostart. */
    @Override
    public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        List<DomainRef> out = new ArrayList<>();
        for (DomainEntry d : xen.domains()) {
            if (DomainListFilters.matches(filters, DomainStates.state(d), false, false)) {
                out.add(ref(d));
            }
        }
        return out;
    }

    @Override
    public DomainRef domainById(int id) {
        Optional<DomainEntry> d = id < Xen.DOMID_FIRST_RESERVED ? xen.domain(id) : Optional.empty();
        return ref(d.orElseThrow(() -> notMine("id " + id, null)));
    }

    @Override
    public DomainRef domainByUuid(UUID uuid) {
        return ref(xen.domains().stream().filter(d -> d.uuid().equals(uuid)).findFirst()
                .orElseThrow(() -> notMine("uuid '" + uuid + "'", null)));
    }

    /** The hypervisor's name of a domain: see the class comment. */
    static String name(int id) {
        return "Domain-" + id;
    }

    private static DomainRef ref(DomainEntry d) {
        return new DomainRef(name(d.id()), d.uuid(), d.id());
    }

    /**
     * The domain {@code ref} names, as the hypervisor sees it now: looked for at the reference's id first (one
     * hypercall), else among all by UUID. Declined when the hypervisor does not run it.
     */
    private DomainEntry running(DomainRef ref) {
        if (ref.id() >= 0 && ref.id() < Xen.DOMID_FIRST_RESERVED) {
            Optional<DomainEntry> at = xen.domain(ref.id());
            if (at.isPresent() && at.get().uuid().equals(ref.uuid())) {
                return at.get();
            }
        }
        return xen.domains().stream().filter(d -> d.uuid().equals(ref.uuid())).findFirst()
                .orElseThrow(() -> notMine("uuid '" + ref.uuid() + "'", ref.name()));
    }

    /** A domain the hypervisor does not run: declined, for another driver of xen:/// may know it. */
    private static DeclinedException notMine(String what, String object) {
        return new DeclinedException(error(ErrorCode.NO_DOMAIN, "no running domain with matching " + what, object));
    }

    // ---- reading ------------------------------------------------------------------------------

    @Override
    public org.jvirt.api.BlockStats blockStats(DomainRef domain, String disk) {
        return statistics.block(runningForStatistics(domain).id(), domain.name(), disk);
    }

    @Override
    public org.jvirt.api.InterfaceStats interfaceStats(DomainRef domain, String device) {
        return statistics.iface(runningForStatistics(domain).id(), domain.name(), device);
    }

    /**
     * The running domain whose back ends are asked. One the hypervisor does not run is declined with libvirt's
     * "domain is not running": the hypervisor alone serves statistics, so that is the caller's answer unless
     * another driver of the connection knows better — and a reference's id cannot say (it may be stale).
     */
    private DomainEntry runningForStatistics(DomainRef domain) {
        try {
            return running(domain);
        } catch (DeclinedException e) {
            throw new DeclinedException(error(ErrorCode.OPERATION_INVALID, "domain '" + domain.name()
                    + "' is not running", domain.name()));
        }
    }

    @Override
    public DomainInfo domainInfo(DomainRef domain) {
        return DomainStates.info(running(domain), host);
    }

    @Override
    public DomainStateReason domainState(DomainRef domain) {
        return DomainStates.reason(running(domain));
    }

    @Override
    public int domainId(DomainRef domain) {
        return running(domain).id();
    }

    /** As libvirt: the HVM flag, which Xen reports from domctl version 4 on; declined before. */
    @Override
    public String osType(DomainRef domain) {
        DomainEntry d = running(domain);
        if (xen.abi().domctlVersion() < 4) {
            throw new DeclinedException(error(ErrorCode.OPERATION_UNSUPPORTED, "cannot tell the OS type of domain '"
                    + domain.name() + "': " + xen.abi().description() + " does not report HVM guests",
                    domain.name()));
        }
        return d.hvm() ? "hvm" : "linux";
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /** Pauses once: Xen counts pauses, and a domain paused twice would need two resumes. */
    @Override
    public void suspend(DomainRef domain) {
        DomainEntry d = running(domain);
        if (d.paused()) {
            throw error(ErrorCode.OPERATION_INVALID, "domain '" + domain.name() + "' is already paused",
                    domain.name());
        }
        xen.pause(d.id());
    }

    @Override
    public void resume(DomainRef domain) {
        DomainEntry d = running(domain);
        if (!d.paused()) {
            throw error(ErrorCode.OPERATION_INVALID, "domain '" + domain.name() + "' is not paused", domain.name());
        }
        xen.unpause(d.id());
    }

    @Override
    public void destroy(DomainRef domain, Set<DestroyFlag> flags) {
        xen.destroy(running(domain).id());
    }

    // ---- resources ----------------------------------------------------------------------------

    @Override
    public void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact) {
        liveOnly(domain, impact, "change the maximum memory");
        xen.setMaxMemory(running(domain).id(), kib);
    }

    /** libvirt 0.4.4's way: {@code max_vcpus}, which Xen 4.17 takes only with the count the domain was built with. */
    @Override
    public void setVcpus(DomainRef domain, int count, ModificationImpact impact, Set<VcpuFlag> flags) {
        liveOnly(domain, impact, "change the vCPUs");
        if (count < 1) {
            throw error(ErrorCode.INVALID_ARG, "domain '" + domain.name() + "' needs at least one vCPU, not " + count,
                    domain.name());
        }
        xen.setMaxVcpus(running(domain).id(), count);
    }

    /** The online vCPUs (their count is the info's), each with its state, time, CPU and affinity. */
    @Override
    public List<VcpuInfo> vcpuInfo(DomainRef domain) {
        DomainEntry d = running(domain);
        int cpus = hostCpus();
        List<VcpuInfo> out = new ArrayList<>();
        for (int v = 0; v <= d.maxVcpuId(); v++) {
            VcpuEntry entry = xen.vcpu(d.id(), v);
            if (entry.online()) {
                out.add(DomainStates.vcpu(entry, xen.vcpuAffinity(d.id(), v, cpus)));
            }
        }
        return out;
    }

    @Override
    public int maxVcpus(DomainRef domain) {
        return running(domain).maxVcpuId() + 1;
    }

    @Override
    public void pinVcpu(DomainRef domain, int vcpu, BitSet cpus, ModificationImpact impact) {
        liveOnly(domain, impact, "pin a vCPU");
        DomainEntry d = running(domain);
        if (vcpu < 0 || vcpu > d.maxVcpuId()) {
            throw error(ErrorCode.INVALID_ARG, "domain '" + domain.name() + "' has vCPUs 0 to " + d.maxVcpuId()
                    + ", not " + vcpu, domain.name());
        }
        int host = hostCpus();
        if (cpus.isEmpty() || cpus.length() > host) {
            throw error(ErrorCode.INVALID_ARG, "cannot pin vCPU " + vcpu + " of domain '" + domain.name()
                    + "' to CPUs " + cpus + ": the host has CPUs 0 to " + (host - 1), domain.name());
        }
        xen.setVcpuAffinity(d.id(), vcpu, cpus, host);
    }

    @Override
    public List<BitSet> vcpuPinInfo(DomainRef domain, ModificationImpact impact) {
        liveOnly(domain, impact, "read the vCPU pinning");
        DomainEntry d = running(domain);
        int cpus = hostCpus();
        List<BitSet> out = new ArrayList<>();
        for (int v = 0; v <= d.maxVcpuId(); v++) {
            out.add(xen.vcpuAffinity(d.id(), v, cpus));
        }
        return out;
    }

    /** CPUs a map must cover: physinfo's highest CPU id + 1, or Xen 3's 64-bit maps where physinfo is unknown. */
    private int hostCpus() {
        return xen.physinfo().map(p -> Math.max(p.maxCpuId() + 1, p.nrCpus())).orElse(64);
    }

    /** The hypervisor changes running domains only: a change to the definition (CONFIG) is another driver's. */
    private static void liveOnly(DomainRef domain, ModificationImpact impact, String what) {
        if (impact == ModificationImpact.CONFIG) {
            throw new DeclinedException(error(ErrorCode.INVALID_ARG, "the hypervisor cannot " + what + " of domain '"
                    + domain.name() + "' in its persistent definition, only in the running domain", domain.name()));
        }
    }

    private static VirtException error(ErrorCode code, String detail, String object) {
        return new VirtException(code, ErrorDomain.XEN, code.format(detail), XenErrors.DRIVER, object, null);
    }
}
