package org.jvirt.driver.hypercall.privcmd;

/**
 * The structures libvirt 0.4.4's {@code xen_internal.c} declared for the hypercall interface of Xen 3.0.3 to
 * 3.2 ("hypervisor call v2": sysctl versions 2, 3, 4 and 6, domctl versions 3, 4 and 5), on x86_64, named as
 * libvirt named them; and the {@code xen_sysctl_physinfo} of Xen 3.1 (sysctl 3) and 3.2 (sysctl 6), which
 * libvirt did not declare, named {@code xen31_...} and {@code xen32_...} after the Xen releases whose
 * {@code sysctl.h} they come from.
 *
 * <p>On x86_64 libvirt's pairs (v2 and v2d5, v2 and v2s3) lay out alike: they differ only in forcing 8-byte
 * alignment on {@code uint64_t} fields and pointers, which x86_64 gives anyway. They are kept apart because
 * each is checked, by a test, against its own C declaration: {@code src/test/c/libvirt044_layouts.c}, the
 * definitions re-declared from libvirt's source and compiled by gcc.
 *
 * @since 1.0
 */
public final class Libvirt044Layouts {
    /** {@code struct xen_op_v2_sys}: the sysctl argument (command, version, 128-byte union). */
    public static final StructLayout OP_V2_SYS = StructLayout.of("xen_op_v2_sys", 136)
            .field("cmd", 0, 4)
            .field("interface_version", 4, 4)
            .field("u", 8, 128)
            .build();

    /** {@code struct xen_v2_getdomaininfolistop}: sysctl version 2. */
    public static final StructLayout V2_GETDOMAININFOLISTOP = listOp("xen_v2_getdomaininfolistop");

    /** {@code struct xen_v2s3_getdomaininfolistop}: sysctl version 3 and on (the buffer pointer 8-aligned). */
    public static final StructLayout V2S3_GETDOMAININFOLISTOP = listOp("xen_v2s3_getdomaininfolistop");

    /** {@code struct xen_v2_getdomaininfo}: domctl versions 3 and 4. */
    public static final StructLayout V2_GETDOMAININFO = domainInfo("xen_v2_getdomaininfo");

    /** {@code struct xen_v2d5_getdomaininfo}: domctl version 5. */
    public static final StructLayout V2D5_GETDOMAININFO = domainInfo("xen_v2d5_getdomaininfo");

    /** {@code struct xen_v2s4_availheap}: sysctl version 4 and on. */
    public static final StructLayout V2S4_AVAILHEAP = StructLayout.of("xen_v2s4_availheap", 24)
            .field("min_bitwidth", 0, 4)
            .field("max_bitwidth", 4, 4)
            .field("node", 8, 4)
            .field("avail_bytes", 16, 8)
            .build();

    /** {@code struct xen_op_v2_dom}: the domctl argument (command, version, domain, 128-byte union). */
    public static final StructLayout OP_V2_DOM = StructLayout.of("xen_op_v2_dom", 144)
            .field("cmd", 0, 4)
            .field("interface_version", 4, 4)
            .field("domain", 8, 2)
            .field("u", 16, 128)
            .build();

    /** {@code struct xen_v2_vcpuinfo}: domctl versions 3 and 4. */
    public static final StructLayout V2_VCPUINFO = vcpuInfo("xen_v2_vcpuinfo");

    /** {@code struct xen_v2d5_vcpuinfo}: domctl version 5. */
    public static final StructLayout V2D5_VCPUINFO = vcpuInfo("xen_v2d5_vcpuinfo");

    /** {@code struct xen_v2_setvcpumap} (also libvirt's {@code getvcpumap}): domctl versions 3 and 4. */
    public static final StructLayout V2_SETVCPUMAP = vcpuMap("xen_v2_setvcpumap");

    /** {@code struct xen_v2d5_setvcpumap}: domctl version 5. */
    public static final StructLayout V2D5_SETVCPUMAP = vcpuMap("xen_v2d5_setvcpumap");

    /** {@code struct xen_v2_setmaxmem}: domctl versions 3 and 4; the maximum in KiB. */
    public static final StructLayout V2_SETMAXMEM = StructLayout.of("xen_v2_setmaxmem", 8)
            .field("maxmem", 0, 8)
            .build();

    /** {@code struct xen_v2d5_setmaxmem}: domctl version 5. */
    public static final StructLayout V2D5_SETMAXMEM = StructLayout.of("xen_v2d5_setmaxmem", 8)
            .field("maxmem", 0, 8)
            .build();

    /** {@code struct xen_v2_setmaxvcpu}. */
    public static final StructLayout V2_SETMAXVCPU = StructLayout.of("xen_v2_setmaxvcpu", 4)
            .field("maxvcpu", 0, 4)
            .build();

    /** Xen 3.1's {@code struct xen_sysctl_physinfo} (sysctl version 3). */
    public static final StructLayout XEN31_PHYSINFO = StructLayout.of("xen31_sysctl_physinfo", 80)
            .field("threads_per_core", 0, 4)
            .field("cores_per_socket", 4, 4)
            .field("sockets_per_node", 8, 4)
            .field("nr_nodes", 12, 4)
            .field("cpu_khz", 16, 4)
            .field("total_pages", 24, 8)
            .field("free_pages", 32, 8)
            .field("scrub_pages", 40, 8)
            .field("hw_cap", 48, 32)
            .build();

    /** Xen 3.2's {@code struct xen_sysctl_physinfo} (sysctl version 6). */
    public static final StructLayout XEN32_PHYSINFO = StructLayout.of("xen32_sysctl_physinfo", 104)
            .field("threads_per_core", 0, 4)
            .field("cores_per_socket", 4, 4)
            .field("nr_cpus", 8, 4)
            .field("nr_nodes", 12, 4)
            .field("cpu_khz", 16, 4)
            .field("total_pages", 24, 8)
            .field("free_pages", 32, 8)
            .field("scrub_pages", 40, 8)
            .field("hw_cap", 48, 32)
            .field("max_cpu_id", 80, 4)
            .field("cpu_to_node", 88, 8)
            .field("capabilities", 96, 4)
            .build();

    private Libvirt044Layouts() {
    }

    private static StructLayout listOp(String name) {
        return StructLayout.of(name, 24)
                .field("first_domain", 0, 2)
                .field("max_domains", 4, 4)
                .field("buffer", 8, 8)
                .field("num_domains", 16, 4)
                .build();
    }

    private static StructLayout domainInfo(String name) {
        // 68 bytes of fields, padded to 72 for the 8-byte alignment of the uint64_t fields.
        return StructLayout.of(name, 72)
                .field("domain", 0, 2)
                .field("flags", 4, 4)
                .field("tot_pages", 8, 8)
                .field("max_pages", 16, 8)
                .field("shared_info_frame", 24, 8)
                .field("cpu_time", 32, 8)
                .field("nr_online_vcpus", 40, 4)
                .field("max_vcpu_id", 44, 4)
                .field("ssidref", 48, 4)
                .field("handle", 52, 16)
                .build();
    }

    private static StructLayout vcpuInfo(String name) {
        return StructLayout.of(name, 24)
                .field("vcpu", 0, 4)
                .field("online", 4, 1)
                .field("blocked", 5, 1)
                .field("running", 6, 1)
                .field("cpu_time", 8, 8)
                .field("cpu", 16, 4)
                .build();
    }

    private static StructLayout vcpuMap(String name) {
        return StructLayout.of(name, 24)
                .field("vcpu", 0, 4)
                .field("cpumap", 8, 16)
                .field("cpumap.bitmap", 8, 8)
                .field("cpumap.nr_cpus", 16, 4)
                .build();
    }
}
