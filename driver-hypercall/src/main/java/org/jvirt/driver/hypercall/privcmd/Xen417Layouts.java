package org.jvirt.driver.hypercall.privcmd;

/**
 * The structures of Xen 4.17's interface (sysctl and domctl version 0x15) on x86_64, as Debian's
 * {@code libxen-dev} headers declare them ({@code xen/sysctl.h}, {@code xen/domctl.h}, {@code xen/xen.h}).
 * Every offset here is checked by a test that compiles a C program against those headers. Guest handles
 * ({@code XEN_GUEST_HANDLE_64}) are 8-byte pointers; {@code uint64_aligned_t} is 8-aligned.
 *
 * @since 1.0
 */
public final class Xen417Layouts {
    public static final StructLayout SYSCTL = StructLayout.of("xen_sysctl", 136)
            .field("cmd", 0, 4)
            .field("interface_version", 4, 4)
            .field("u", 8, 128)
            .build();

    public static final StructLayout GETDOMAININFOLIST = StructLayout.of("xen_sysctl_getdomaininfolist", 24)
            .field("first_domain", 0, 2)
            .field("max_domains", 4, 4)
            .field("buffer", 8, 8)
            .field("num_domains", 16, 4)
            .build();

    public static final StructLayout GETDOMAININFO = StructLayout.of("xen_domctl_getdomaininfo", 112)
            .field("domain", 0, 2)
            .field("pad1", 2, 2)
            .field("flags", 4, 4)
            .field("tot_pages", 8, 8)
            .field("max_pages", 16, 8)
            .field("outstanding_pages", 24, 8)
            .field("shr_pages", 32, 8)
            .field("paged_pages", 40, 8)
            .field("shared_info_frame", 48, 8)
            .field("cpu_time", 56, 8)
            .field("nr_online_vcpus", 64, 4)
            .field("max_vcpu_id", 68, 4)
            .field("ssidref", 72, 4)
            .field("handle", 76, 16)
            .field("cpupool", 92, 4)
            .field("gpaddr_bits", 96, 1)
            .field("pad2", 97, 7)
            .field("arch_config", 104, 8)
            .build();

    public static final StructLayout PHYSINFO = StructLayout.of("xen_sysctl_physinfo", 112)
            .field("threads_per_core", 0, 4)
            .field("cores_per_socket", 4, 4)
            .field("nr_cpus", 8, 4)
            .field("max_cpu_id", 12, 4)
            .field("nr_nodes", 16, 4)
            .field("max_node_id", 20, 4)
            .field("cpu_khz", 24, 4)
            .field("capabilities", 28, 4)
            .field("arch_capabilities", 32, 4)
            .field("pad", 36, 4)
            .field("total_pages", 40, 8)
            .field("free_pages", 48, 8)
            .field("scrub_pages", 56, 8)
            .field("outstanding_pages", 64, 8)
            .field("max_mfn", 72, 8)
            .field("hw_cap", 80, 32)
            .build();

    public static final StructLayout AVAILHEAP = StructLayout.of("xen_sysctl_availheap", 24)
            .field("min_bitwidth", 0, 4)
            .field("max_bitwidth", 4, 4)
            .field("node", 8, 4)
            .field("avail_bytes", 16, 8)
            .build();

    public static final StructLayout DOMCTL = StructLayout.of("xen_domctl", 144)
            .field("cmd", 0, 4)
            .field("interface_version", 4, 4)
            .field("domain", 8, 2)
            .field("_pad", 10, 6)
            .field("u", 16, 128)
            .build();

    public static final StructLayout GETVCPUINFO = StructLayout.of("xen_domctl_getvcpuinfo", 24)
            .field("vcpu", 0, 4)
            .field("online", 4, 1)
            .field("blocked", 5, 1)
            .field("running", 6, 1)
            .field("cpu_time", 8, 8)
            .field("cpu", 16, 4)
            .build();

    public static final StructLayout XENCTL_BITMAP = StructLayout.of("xenctl_bitmap", 16)
            .field("bitmap", 0, 8)
            .field("nr_bits", 8, 4)
            .build();

    public static final StructLayout VCPUAFFINITY = StructLayout.of("xen_domctl_vcpuaffinity", 40)
            .field("vcpu", 0, 4)
            .field("flags", 4, 4)
            .field("cpumap_hard", 8, 16)
            .field("cpumap_hard.bitmap", 8, 8)
            .field("cpumap_hard.nr_bits", 16, 4)
            .field("cpumap_soft", 24, 16)
            .field("cpumap_soft.bitmap", 24, 8)
            .field("cpumap_soft.nr_bits", 32, 4)
            .build();

    public static final StructLayout MAX_MEM = StructLayout.of("xen_domctl_max_mem", 8)
            .field("max_memkb", 0, 8)
            .build();

    public static final StructLayout MAX_VCPUS = StructLayout.of("xen_domctl_max_vcpus", 4)
            .field("max", 0, 4)
            .build();

    private Xen417Layouts() {
    }
}
