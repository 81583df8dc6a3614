package org.jvirt.driver.hypercall.privcmd;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Xen hypervisor in memory, for tests: it answers {@code xen_version}, {@code sysctl} and {@code domctl} as the
 * real one does, reading its arguments from the caller's buffers at the addresses it is given and writing its
 * answers there, through the driver's own layouts for the interface version it speaks — so the tests exercise
 * the encoding, the decoding and the buffers, not a shortcut. Like Xen it refuses a call made with another
 * interface version ({@code EACCES}), an unknown domain ({@code ESRCH}) and pausing or destroying the domain that
 * calls it, Domain-0 ({@code EINVAL}); it counts pauses; it answers {@code EAGAIN} to destroy while told to. Any
 * call can be made to fail with a chosen errno ({@link #failNext}, {@link #failAlways}).
 *
 * <p>Thread-safe: one lock, as the tests need no more.
 */
public final class SimulatedXen {
    /** What each new domain's vCPU may run on, and the host's CPUs: 4 CPUs, 2 cores of 2 threads, 1 node. */
    public static final int CPUS = 4;
    /** 4 GiB of 4 KiB pages. */
    public static final long TOTAL_PAGES = 1L << 20;
    public static final String CAPABILITIES = "xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p"
            + " hvm-3.0-x86_64";

    private final XenAbi abi;
    private final int version;
    private final int sysctlVersion;
    private final int domctlVersion;
    private final HypercallBuffers buffers = HypercallBuffers.create();
    private final TreeMap<Integer, Dom> domains = new TreeMap<>();
    private final Map<String, Deque<Integer>> failNext = new HashMap<>();
    private final Map<String, Integer> failAlways = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private int destroyEagain;

    /** One domain of the simulated host. */
    public static final class Dom {
        final int id;
        final UUID uuid;
        final boolean hvm;
        long totPages;
        long maxPages;
        int pauses;
        boolean idle;
        int shutdownCode = -1;
        boolean dying;
        final List<Vcpu> vcpus = new ArrayList<>();

        Dom(int id, UUID uuid, boolean hvm, long pages, int vcpus) {
            this.id = id;
            this.uuid = uuid;
            this.hvm = hvm;
            this.totPages = pages;
            this.maxPages = pages;
            for (int i = 0; i < vcpus; i++) {
                this.vcpus.add(new Vcpu(i, true));
            }
        }

        public int flags() {
            int f = hvm ? Xen.DOMINF_HVM_GUEST : 0;
            if (dying) {
                f |= Xen.DOMINF_DYING;
            }
            if (shutdownCode >= 0) {
                f |= Xen.DOMINF_SHUTDOWN | shutdownCode << Xen.DOMINF_SHUTDOWNSHIFT;
            }
            if (pauses > 0) {
                f |= Xen.DOMINF_PAUSED;
            } else if (shutdownCode < 0 && !dying) {
                f |= idle ? Xen.DOMINF_BLOCKED : Xen.DOMINF_RUNNING;
            }
            return f;
        }

        long online() {
            return vcpus.stream().filter(v -> v.online).count();
        }

        /** Pauses or unpauses the domain as a toolstack would (one pause, or none). */
        public void paused(boolean value) {
            this.pauses = value ? 1 : 0;
        }

        /** Sets the domain's current and maximum memory, in 4 KiB pages, as a toolstack's ballooning would. */
        public void pages(long current, long max) {
            this.totPages = current;
            this.maxPages = max;
        }

        /** Marks the domain shut down by its guest with {@code code} (0 poweroff ... 3 crash). */
        public void shutDown(int code) {
            this.shutdownCode = code;
        }

        /** Marks the domain as dying (destroyed, resources not yet freed). */
        public void dying() {
            this.dying = true;
        }

        /** Whether its guest idles (blocked) rather than runs. */
        public void idle(boolean value) {
            this.idle = value;
        }

        /** Pins vCPU {@code n} to {@code cpus}, as a toolstack's pinning would. */
        public void pin(int n, java.util.BitSet cpus) {
            vcpus.get(n).affinity.clear();
            vcpus.get(n).affinity.or(cpus);
        }

        /** Brings the first {@code count} vCPUs online and the others offline, as a toolstack's hotplug would. */
        public void online(int count) {
            for (Vcpu v : vcpus) {
                v.online = v.n < count;
            }
        }

        /** Takes vCPU {@code n} offline (as the guest's hotplug would). */
        public void offline(int n) {
            vcpus.get(n).online = false;
        }
    }

    static final class Vcpu {
        final int n;
        boolean online;
        final BitSet affinity = new BitSet();
        long cpuTime;

        Vcpu(int n, boolean online) {
            this.n = n;
            this.online = online;
            affinity.set(0, CPUS);
            cpuTime = 1_000_000L * (n + 1);
        }
    }

    /** A Xen of version {@code version} ({@code major << 16 | minor}) speaking {@code abi}, with Domain-0. */
    public SimulatedXen(XenAbi abi, int version) {
        this(abi, version, abi.sysctlVersion(), abi.domctlVersion());
    }

    /** As above, but accepting other interface versions than {@code abi}'s (a Xen the driver does not know). */
    public SimulatedXen(XenAbi abi, int version, int sysctlVersion, int domctlVersion) {
        this.abi = abi;
        this.version = version;
        this.sysctlVersion = sysctlVersion;
        this.domctlVersion = domctlVersion;
        addDomain(0, new UUID(0, 0), false, 131072, 2);
    }

    /** Xen 4.17 as Debian 12 ships it. */
    public static SimulatedXen xen417() {
        return new SimulatedXen(XenAbi.XEN_4_17, 4 << 16 | 17);
    }

    /** Adds a running domain of {@code pages} 4 KiB pages and {@code vcpus} vCPUs. */
    public synchronized Dom addDomain(int id, UUID uuid, boolean hvm, long pages, int vcpus) {
        Dom d = new Dom(id, uuid, hvm, pages, vcpus);
        domains.put(id, d);
        return d;
    }

    /** The domain {@code id}, or null. */
    public synchronized Dom domain(int id) {
        return domains.get(id);
    }

    /** Removes domain {@code id}, as when another toolstack destroys it. */
    public synchronized void removeDomain(int id) {
        domains.remove(id);
    }

    /** The next call named {@code call} (a {@code XEN_*} command or {@code xen_version}) answers {@code -errno}. */
    public synchronized void failNext(String call, int errno) {
        failNext.computeIfAbsent(call, k -> new ArrayDeque<>()).add(errno);
    }

    /** Every call named {@code call} answers {@code -errno}, until {@link #heal}. */
    public synchronized void failAlways(String call, int errno) {
        failAlways.put(call, errno);
    }

    public synchronized void heal() {
        failAlways.clear();
        failNext.clear();
    }

    /** Destroy answers EAGAIN this many times (freeing memory) before it succeeds; -1 for ever. */
    public synchronized void destroyEagain(int times) {
        this.destroyEagain = times;
    }

    /** How many times {@code call} was made (answered or refused, even for its interface version). */
    /** How many hypercalls of any kind were made. */
    public synchronized int totalCalls() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized int calls(String call) {
        return calls.getOrDefault(call, 0);
    }

    /** The buffers allocator callers use: {@code live()} shows what they leaked. */
    public HypercallBuffers buffers() {
        return buffers;
    }

    /** A handle on this hypervisor, as one open of privcmd; closing it leaves the hypervisor running. */
    public Hypervisor connect() {
        AtomicBoolean closed = new AtomicBoolean();
        return new Hypervisor() {
            @Override
            public long hypercall(int op, long... args) {
                if (args.length > 5) {
                    throw new IllegalArgumentException("at most 5 arguments");
                }
                return closed.get() ? -Errno.EBADF : SimulatedXen.this.hypercall(op, args);
            }

            @Override
            public HypercallBuffers buffers() {
                return buffers;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }

    synchronized long hypercall(int op, long[] args) {
        return switch (op) {
            case Xen.HYPERVISOR_XEN_VERSION -> xenVersion(args);
            case Xen.HYPERVISOR_SYSCTL -> sysctl(args[0]);
            case Xen.HYPERVISOR_DOMCTL -> domctl(args[0]);
            default -> -Errno.ENOSYS;
        };
    }

    private Integer fault(String call) {
        calls.merge(call, 1, Integer::sum);
        Deque<Integer> next = failNext.get(call);
        if (next != null && !next.isEmpty()) {
            return next.poll();
        }
        return failAlways.get(call);
    }

    private long xenVersion(long[] args) {
        Integer errno = fault("xen_version");
        if (errno != null) {
            return -errno;
        }
        if (args[0] == Xen.XENVER_VERSION) {
            return version;
        }
        if (args[0] == Xen.XENVER_PAGESIZE) {
            return 4096;
        }
        if (args[0] == Xen.XENVER_CAPABILITIES) {
            byte[] text = CAPABILITIES.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Pointer p = new Pointer(args[1]);
            p.write(0, text, 0, text.length);
            p.setByte(text.length, (byte) 0);
            return 0;
        }
        return -Errno.EINVAL;
    }

    // ---- sysctl -------------------------------------------------------------------------------

    private long sysctl(long address) {
        StructView op = new StructView(new Pointer(address), 0, abi.sysctl());
        SysctlCmd cmd = SysctlCmd.ofNumber(op.get("cmd"));
        if (cmd == null) {
            return -Errno.ENOSYS;
        }
        Integer errno = fault(cmd.cName());
        if (op.get("interface_version") != sysctlVersion) {
            return -Errno.EACCES;
        }
        if (errno != null) {
            return -errno;
        }
        return switch (cmd) {
            case GETDOMAININFOLIST -> domainInfoList(op.member("u", abi.domainInfoList()));
            case PHYSINFO -> abi.physinfo() == null ? -Errno.ENOSYS : physinfo(op.member("u", abi.physinfo()));
            case AVAILHEAP -> abi.availheap() == null ? -Errno.ENOSYS : availheap(op.member("u", abi.availheap()));
        };
    }

    private long domainInfoList(StructView list) {
        int first = (int) list.get("first_domain");
        long max = list.get("max_domains");
        Pointer out = new Pointer(list.get("buffer"));
        int n = 0;
        for (Dom d : domains.tailMap(first, true).values()) {
            if (n == max) {
                break;
            }
            StructView e = new StructView(out, (long) n * abi.domainInfo().size(), abi.domainInfo());
            ByteBuffer handle = ByteBuffer.allocate(16).putLong(d.uuid.getMostSignificantBits())
                    .putLong(d.uuid.getLeastSignificantBits());
            e.put("domain", d.id).put("flags", d.flags()).put("tot_pages", d.totPages).put("max_pages", d.maxPages)
                    .put("cpu_time", d.vcpus.stream().mapToLong(v -> v.cpuTime).sum())
                    .put("nr_online_vcpus", d.online()).put("max_vcpu_id", d.vcpus.size() - 1L)
                    .putBytes("handle", handle.array());
            n++;
        }
        list.put("num_domains", n);
        return 0;
    }

    private long freePages() {
        return TOTAL_PAGES - domains.values().stream().mapToLong(d -> d.totPages).sum();
    }

    private long physinfo(StructView p) {
        StructLayout l = p.layout();
        p.put("threads_per_core", 2).put("cores_per_socket", 2).put("nr_nodes", 1).put("cpu_khz", 2_400_000)
                .put("total_pages", TOTAL_PAGES).put("free_pages", freePages());
        if (l.has("nr_cpus")) {
            p.put("nr_cpus", CPUS);
        }
        if (l.has("sockets_per_node")) {
            p.put("sockets_per_node", 1);
        }
        if (l.has("max_cpu_id")) {
            p.put("max_cpu_id", CPUS - 1);
        }
        if (l.has("capabilities")) {
            p.put("capabilities", Xen.PHYSCAP_HVM);
        }
        byte[] hwCap = new byte[32];
        hwCap[Xen.X86_FEATURE_PAE / 8] |= (byte) (1 << Xen.X86_FEATURE_PAE % 8);
        hwCap[Xen.X86_FEATURE_VMX / 8] |= (byte) (1 << Xen.X86_FEATURE_VMX % 8);
        p.putBytes("hw_cap", hwCap);
        return 0;
    }

    private long availheap(StructView h) {
        long node = h.get("node");
        if (node != 0 && node != 0xffff_ffffL) {
            return -Errno.EINVAL;
        }
        h.put("avail_bytes", freePages() * 4096);
        return 0;
    }

    // ---- domctl -------------------------------------------------------------------------------

    private long domctl(long address) {
        StructView op = new StructView(new Pointer(address), 0, abi.domctl());
        DomctlCmd cmd = DomctlCmd.ofNumber(op.get("cmd"));
        if (cmd == null) {
            return -Errno.ENOSYS;
        }
        Integer errno = fault(cmd.cName());
        if (op.get("interface_version") != domctlVersion) {
            return -Errno.EACCES;
        }
        if (errno != null) {
            return -errno;
        }
        Dom d = domains.get((int) op.get("domain"));
        if (d == null) {
            return -Errno.ESRCH;
        }
        return switch (cmd) {
            case PAUSEDOMAIN -> pause(d);
            case UNPAUSEDOMAIN -> unpause(d);
            case DESTROYDOMAIN -> destroy(d);
            case MAX_MEM -> maxMem(d, op.member("u", abi.maxMem()));
            case MAX_VCPUS -> maxVcpus(d, op.member("u", abi.maxVcpus()));
            case GETVCPUINFO -> vcpuInfo(d, op.member("u", abi.vcpuInfo()));
            case GETVCPUAFFINITY, SETVCPUAFFINITY ->
                    affinity(d, op.member("u", abi.vcpuAffinity()), cmd == DomctlCmd.SETVCPUAFFINITY);
        };
    }

    private static long pause(Dom d) {
        if (d.id == 0) {
            return -Errno.EINVAL;
        }
        d.pauses++;
        return 0;
    }

    private static long unpause(Dom d) {
        if (d.pauses == 0) {
            return -Errno.EINVAL;
        }
        d.pauses--;
        return 0;
    }

    private long destroy(Dom d) {
        if (d.id == 0) {
            return -Errno.EINVAL;
        }
        if (destroyEagain != 0) {
            d.dying = true;
            if (destroyEagain > 0) {
                destroyEagain--;
            }
            return -Errno.EAGAIN;
        }
        domains.remove(d.id);
        return 0;
    }

    private long maxMem(Dom d, StructView m) {
        d.maxPages = m.get(abi.maxMemField()) / 4;
        return 0;
    }

    private long maxVcpus(Dom d, StructView m) {
        int max = (int) m.get(abi.maxVcpusField());
        // Xen 4.17 takes only the count the domain was created with; Xen 3 grows (offline) but never shrinks.
        if (abi == XenAbi.XEN_4_17 ? max != d.vcpus.size() : max < d.vcpus.size()) {
            return -Errno.EINVAL;
        }
        while (d.vcpus.size() < max) {
            d.vcpus.add(new Vcpu(d.vcpus.size(), false));
        }
        return 0;
    }

    private static long vcpuInfo(Dom d, StructView v) {
        long n = v.get("vcpu");
        if (n >= d.vcpus.size()) {
            return -Errno.EINVAL;
        }
        Vcpu c = d.vcpus.get((int) n);
        boolean runs = c.online && d.pauses == 0 && !d.idle;
        v.put("online", c.online ? 1 : 0).put("blocked", c.online && d.idle ? 1 : 0).put("running", runs ? 1 : 0)
                .put("cpu_time", c.cpuTime).put("cpu", c.affinity.nextSetBit(0));
        return 0;
    }

    private long affinity(Dom d, StructView a, boolean set) {
        long n = a.get("vcpu");
        if (n >= d.vcpus.size()) {
            return -Errno.EINVAL;
        }
        if (abi.affinityFlagsField() != null && a.get(abi.affinityFlagsField()) != Xen.VCPUAFFINITY_HARD) {
            return -Errno.EINVAL;
        }
        Vcpu c = d.vcpus.get((int) n);
        Pointer map = new Pointer(a.get(abi.bitmapField()));
        int bytes = (int) ((a.get(abi.nrBitsField()) + 7) / 8);
        if (set) {
            BitSet wanted = BitSet.valueOf(map.getByteArray(0, bytes)).get(0, CPUS);
            if (wanted.isEmpty()) {
                return -Errno.EINVAL;
            }
            c.affinity.clear();
            c.affinity.or(wanted);
        } else {
            byte[] out = new byte[bytes];
            byte[] have = c.affinity.toByteArray();
            System.arraycopy(have, 0, out, 0, Math.min(have.length, bytes));
            map.write(0, out, 0, bytes);
        }
        return 0;
    }
}
