package org.jvirt.driver.hypercall.privcmd;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jvirt.api.VirtException;

/**
 * The hypercalls the driver makes, typed: each fills its argument structures in fresh locked buffers through
 * the layouts of the interface version found at open ({@link #detect}), issues the call, reads the answer and
 * releases the buffers whatever happened. A failed call is a {@link VirtException} XEN_CALL naming the call,
 * its subject and the errno. Keeps no state but the version: thread-safe.
 *
 * @since 1.0
 */
public final class XenCalls {
    /** Domains asked for per getdomaininfolist call when listing them all. */
    static final int LIST_BATCH = 128;
    /** How long destroying a domain may go on answering EAGAIN (Xen frees a big domain's memory in steps). */
    static final Duration DESTROY_BUDGET = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(XenCalls.class.getName());

    private final Hypervisor hv;
    private final XenAbi abi;
    private final int version;
    private final Duration destroyBudget;

    XenCalls(Hypervisor hv, XenAbi abi, int version, Duration destroyBudget) {
        this.hv = Objects.requireNonNull(hv, "hv");
        this.abi = Objects.requireNonNull(abi, "abi");
        this.version = version;
        this.destroyBudget = Objects.requireNonNull(destroyBudget, "destroyBudget");
    }

    /**
     * Finds the interface version {@code hv} speaks, as libvirt 0.4.4's {@code xenHypervisorInit} did: asks
     * {@code xen_version}, then tries each version of {@link XenAbi#known()} until both a getdomaininfolist
     * of the first domain and a getvcpuinfo of its vCPU 0 answer (Xen refuses a call made with another
     * version before reading anything else of it).
     *
     * @throws VirtException XEN_CALL when {@code xen_version} fails, or naming every version tried and its error
     *     when none answers
     */
    public static XenCalls detect(Hypervisor hv) {
        return detect(hv, XenAbi.known(), DESTROY_BUDGET);
    }

    static XenCalls detect(Hypervisor hv, List<XenAbi> candidates, Duration destroyBudget) {
        long v = hv.hypercall(Xen.HYPERVISOR_XEN_VERSION, Xen.XENVER_VERSION, 0);
        if (v < 0) {
            throw XenErrors.call("xen_version XENVER_version", (int) -v);
        }
        if (v == 0) {
            throw XenErrors.answer("xen_version XENVER_version: the hypervisor says it is version 0.0");
        }
        List<String> tried = new ArrayList<>();
        for (XenAbi abi : candidates) {
            XenCalls calls = new XenCalls(hv, abi, (int) v, destroyBudget);
            try {
                List<DomainEntry> first = calls.domainList(0, 1);
                if (first.isEmpty()) {
                    tried.add(abi.description() + ": getdomaininfolist listed no domain");
                    continue;
                }
                calls.vcpu(first.get(0).id(), 0);
                LOG.log(Level.DEBUG, "Xen {0}.{1} speaks {2}", v >>> 16, v & 0xffff, abi.description());
                return calls;
            } catch (VirtException e) {
                tried.add(abi.description() + ": " + e.getMessage());
            }
        }
        throw XenErrors.answer("of Xen " + (v >>> 16) + "." + (v & 0xffff) + ": no known interface version answered ("
                + String.join("; ", tried) + ")");
    }

    /** The interface version in use. */
    public XenAbi abi() {
        return abi;
    }

    /** {@code XENVER_version}'s answer: {@code (major << 16) | minor}. */
    public int version() {
        return version;
    }

    /** {@code XENVER_pagesize}: the hypervisor's page size in bytes. */
    public long pageSize() {
        long r = hv.hypercall(Xen.HYPERVISOR_XEN_VERSION, Xen.XENVER_PAGESIZE, 0);
        if (r < 0) {
            throw XenErrors.call("xen_version XENVER_pagesize", (int) -r);
        }
        if (r == 0) {
            throw XenErrors.answer("xen_version XENVER_pagesize: the hypervisor says its pages are 0 bytes");
        }
        return r;
    }

    /** {@code XENVER_capabilities}: e.g. {@code xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64}. */
    public String capabilities() {
        try (HypercallBuffer info = hv.buffers().allocate(Xen.CAPABILITIES_INFO_SIZE)) {
            long r = hv.hypercall(Xen.HYPERVISOR_XEN_VERSION, Xen.XENVER_CAPABILITIES, info.address());
            if (r < 0) {
                throw XenErrors.call("xen_version XENVER_capabilities", (int) -r);
            }
            byte[] bytes = info.pointer().getByteArray(0, Xen.CAPABILITIES_INFO_SIZE);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, 0, end, StandardCharsets.US_ASCII).trim();
        }
    }

    // ---- sysctl -------------------------------------------------------------------------------

    /** Every domain, in id order: getdomaininfolist in batches of {@value #LIST_BATCH}. */
    public List<DomainEntry> domains() {
        List<DomainEntry> all = new ArrayList<>();
        int first = 0;
        while (first < Xen.DOMID_FIRST_RESERVED) {
            List<DomainEntry> batch = domainList(first, LIST_BATCH);
            all.addAll(batch);
            if (batch.size() < LIST_BATCH) {
                break;
            }
            first = batch.get(batch.size() - 1).id() + 1;
        }
        return all;
    }

    /** The domain with id {@code id}, or empty when there is none. */
    public Optional<DomainEntry> domain(int id) {
        // The list starts at the first domain at or above the id asked for: check it is that one.
        return domainList(id, 1).stream().filter(d -> d.id() == id).findFirst();
    }

    /** Up to {@code max} domains from id {@code first} on (one getdomaininfolist). */
    List<DomainEntry> domainList(int first, int max) {
        int entrySize = abi.domainInfo().size();
        // The operation and the list it fills in one locked buffer: one mapping and one lock a call, not two
        // (domain info is asked this way, and the mapping is most of its cost).
        int listAt = (abi.sysctl().size() + 63) & ~63;
        try (HypercallBuffer op = hv.buffers().allocate(listAt + max * entrySize)) {
            StructView list = sysctlHeader(op, SysctlCmd.GETDOMAININFOLIST).member("u", abi.domainInfoList());
            list.put("first_domain", first).put("max_domains", max).put("buffer", op.address() + listAt)
                    .put("num_domains", max);
            sysctl(op, SysctlCmd.GETDOMAININFOLIST, " from domain " + first);
            long n = list.get("num_domains");
            if (n > max) {
                throw XenErrors.answer("sysctl XEN_SYSCTL_getdomaininfolist: " + n + " domains answered for "
                        + max + " asked");
            }
            List<DomainEntry> out = new ArrayList<>((int) n);
            for (int i = 0; i < n; i++) {
                out.add(entry(new StructView(op.pointer(), listAt + (long) i * entrySize, abi.domainInfo())));
            }
            return out;
        }
    }

    private static DomainEntry entry(StructView d) {
        ByteBuffer handle = ByteBuffer.wrap(d.bytes("handle"));
        return new DomainEntry((int) d.get("domain"), (int) d.get("flags"), d.get("tot_pages"), d.get("max_pages"),
                d.get("cpu_time"), (int) d.get("nr_online_vcpus"), (int) d.get("max_vcpu_id"),
                new UUID(handle.getLong(), handle.getLong()));
    }

    /** {@code physinfo}, or empty when the interface version has no layout the driver knows. */
    public Optional<PhysInfo> physinfo() {
        StructLayout layout = abi.physinfo();
        if (layout == null) {
            return Optional.empty();
        }
        try (HypercallBuffer op = hv.buffers().allocate(abi.sysctl().size())) {
            StructView p = sysctlHeader(op, SysctlCmd.PHYSINFO).member("u", layout);
            sysctl(op, SysctlCmd.PHYSINFO, "");
            int threads = (int) p.get("threads_per_core");
            int cores = (int) p.get("cores_per_socket");
            int nodes = (int) p.get("nr_nodes");
            int cpus = layout.has("nr_cpus") ? (int) p.get("nr_cpus")
                    : threads * cores * (int) p.get("sockets_per_node") * nodes;
            int maxCpuId = layout.has("max_cpu_id") ? (int) p.get("max_cpu_id") : cpus - 1;
            Boolean hvm = layout.has("capabilities") ? (p.get("capabilities") & Xen.PHYSCAP_HVM) != 0 : null;
            byte[] capBytes = p.bytes("hw_cap");
            int[] hwCap = new int[capBytes.length / 4];
            ByteBuffer.wrap(capBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(hwCap);
            return Optional.of(new PhysInfo(threads, cores, cpus, maxCpuId, nodes, (int) p.get("cpu_khz"),
                    p.get("total_pages"), p.get("free_pages"), hvm, hwCap));
        }
    }

    /** Free memory of NUMA node {@code node} in bytes ({@code availheap}), or empty before sysctl 4. */
    public OptionalLong availableHeap(int node) {
        StructLayout layout = abi.availheap();
        if (layout == null) {
            return OptionalLong.empty();
        }
        try (HypercallBuffer op = hv.buffers().allocate(abi.sysctl().size())) {
            StructView heap = sysctlHeader(op, SysctlCmd.AVAILHEAP).member("u", layout);
            heap.put("min_bitwidth", 0).put("max_bitwidth", 0).put("node", node);
            sysctl(op, SysctlCmd.AVAILHEAP, " of node " + node);
            return OptionalLong.of(heap.get("avail_bytes"));
        }
    }

    private StructView sysctlHeader(HypercallBuffer op, SysctlCmd cmd) {
        return StructView.of(op, abi.sysctl()).put("cmd", cmd.number()).put("interface_version", abi.sysctlVersion());
    }

    private void sysctl(HypercallBuffer op, SysctlCmd cmd, String subject) {
        long r = hv.hypercall(Xen.HYPERVISOR_SYSCTL, op.address());
        if (r < 0) {
            throw XenErrors.call("sysctl " + cmd.cName() + subject, (int) -r);
        }
    }

    // ---- domctl -------------------------------------------------------------------------------

    /** Pauses domain {@code id} (Xen counts pauses: each needs an unpause). */
    public void pause(int id) {
        simpleDomctl(DomctlCmd.PAUSEDOMAIN, id);
    }

    /** Unpauses domain {@code id}. */
    public void unpause(int id) {
        simpleDomctl(DomctlCmd.UNPAUSEDOMAIN, id);
    }

    /**
     * Destroys domain {@code id}. Xen answers EAGAIN while it still frees the domain's memory: the call is
     * repeated, as libxc repeats it, until it answers otherwise or {@link #DESTROY_BUDGET} has passed.
     */
    public void destroy(int id) {
        long deadline = System.nanoTime() + destroyBudget.toNanos();
        int attempts = 0;
        try (HypercallBuffer op = hv.buffers().allocate(abi.domctl().size())) {
            while (true) {
                domctlHeader(op, DomctlCmd.DESTROYDOMAIN, id);
                long r = hv.hypercall(Xen.HYPERVISOR_DOMCTL, op.address());
                attempts++;
                if (r != -Errno.EAGAIN) {
                    check(r, DomctlCmd.DESTROYDOMAIN, id, "");
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    check(r, DomctlCmd.DESTROYDOMAIN, id, " (still busy after " + attempts + " attempts in "
                            + destroyBudget.toMillis() + " ms)");
                }
                Thread.yield();
            }
        }
    }

    /** Sets the most memory domain {@code id} may have, in KiB. */
    public void setMaxMemory(int id, long kib) {
        try (HypercallBuffer op = hv.buffers().allocate(abi.domctl().size())) {
            domctlHeader(op, DomctlCmd.MAX_MEM, id).member("u", abi.maxMem()).put(abi.maxMemField(), kib);
            domctl(op, DomctlCmd.MAX_MEM, id, " to " + kib + " KiB");
        }
    }

    /** Sets the number of vCPUs of domain {@code id} ({@code max_vcpus}, as libvirt 0.4.4's setvcpus). */
    public void setMaxVcpus(int id, int count) {
        try (HypercallBuffer op = hv.buffers().allocate(abi.domctl().size())) {
            domctlHeader(op, DomctlCmd.MAX_VCPUS, id).member("u", abi.maxVcpus()).put(abi.maxVcpusField(), count);
            domctl(op, DomctlCmd.MAX_VCPUS, id, " to " + count);
        }
    }

    /** vCPU {@code vcpu} of domain {@code id}. */
    public VcpuEntry vcpu(int id, int vcpu) {
        try (HypercallBuffer op = hv.buffers().allocate(abi.domctl().size())) {
            StructView v = domctlHeader(op, DomctlCmd.GETVCPUINFO, id).member("u", abi.vcpuInfo()).put("vcpu", vcpu);
            domctl(op, DomctlCmd.GETVCPUINFO, id, ", vCPU " + vcpu);
            return new VcpuEntry((int) v.get("vcpu"), v.get("online") != 0, v.get("blocked") != 0,
                    v.get("running") != 0, v.get("cpu_time"), (int) v.get("cpu"));
        }
    }

    /** The host CPUs vCPU {@code vcpu} of domain {@code id} may run on, read as a map of {@code cpus} bits. */
    public BitSet vcpuAffinity(int id, int vcpu, int cpus) {
        int bits = roundedBits(cpus);
        try (HypercallBuffer map = hv.buffers().allocate(bits / 8);
             HypercallBuffer op = hv.buffers().allocate(abi.domctl().size())) {
            affinity(op, DomctlCmd.GETVCPUAFFINITY, id, vcpu, map, bits);
            domctl(op, DomctlCmd.GETVCPUAFFINITY, id, ", vCPU " + vcpu);
            BitSet set = BitSet.valueOf(map.pointer().getByteArray(0, bits / 8));
            return set.get(0, cpus);
        }
    }

    /** Pins vCPU {@code vcpu} of domain {@code id} to {@code cpus}, written as a map of {@code nrCpus} bits. */
    public void setVcpuAffinity(int id, int vcpu, BitSet cpus, int nrCpus) {
        int bits = roundedBits(Math.max(nrCpus, cpus.length()));
        try (HypercallBuffer map = hv.buffers().allocate(bits / 8);
             HypercallBuffer op = hv.buffers().allocate(abi.domctl().size())) {
            byte[] bytes = cpus.toByteArray();
            map.pointer().write(0, bytes, 0, bytes.length);
            affinity(op, DomctlCmd.SETVCPUAFFINITY, id, vcpu, map, bits);
            domctl(op, DomctlCmd.SETVCPUAFFINITY, id, ", vCPU " + vcpu + " to CPUs " + cpus);
        }
    }

    /**
     * Bits of a CPU map: whole 64-bit words, as libvirt 0.4.4 learnt Xen 3 wants them ("the allocated memory
     * to cpumap must be sizeof(uint64_t) byte", the count a multiple of 64); later Xens take any count.
     */
    private static int roundedBits(int cpus) {
        return Math.max(64, (cpus + 63) / 64 * 64);
    }

    private void affinity(HypercallBuffer op, DomctlCmd cmd, int id, int vcpu, HypercallBuffer map, int bits) {
        StructView a = domctlHeader(op, cmd, id).member("u", abi.vcpuAffinity());
        a.put("vcpu", vcpu).put(abi.bitmapField(), map.address()).put(abi.nrBitsField(), bits);
        if (abi.affinityFlagsField() != null) {
            a.put(abi.affinityFlagsField(), Xen.VCPUAFFINITY_HARD);
        }
    }

    private void simpleDomctl(DomctlCmd cmd, int id) {
        try (HypercallBuffer op = hv.buffers().allocate(abi.domctl().size())) {
            domctlHeader(op, cmd, id);
            domctl(op, cmd, id, "");
        }
    }

    private StructView domctlHeader(HypercallBuffer op, DomctlCmd cmd, int id) {
        return StructView.of(op, abi.domctl()).put("cmd", cmd.number()).put("interface_version", abi.domctlVersion())
                .put("domain", id);
    }

    private void domctl(HypercallBuffer op, DomctlCmd cmd, int id, String detail) {
        check(hv.hypercall(Xen.HYPERVISOR_DOMCTL, op.address()), cmd, id, detail);
    }

    private static void check(long r, DomctlCmd cmd, int id, String detail) {
        if (r < 0) {
            throw XenErrors.call("domctl " + cmd.cName() + " of domain " + id + detail, (int) -r);
        }
    }
}
