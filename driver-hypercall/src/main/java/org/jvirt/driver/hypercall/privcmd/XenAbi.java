package org.jvirt.driver.hypercall.privcmd;

import java.util.List;
import java.util.Objects;

/**
 * One version of the hypervisor's control interface: the sysctl and domctl interface versions a caller
 * writes into every call (Xen refuses any other with {@code EACCES}) and the layouts of the structures the
 * driver exchanges under them. The versions are those libvirt 0.4.4's {@code xenHypervisorInit} tried, with
 * its names for them, and Xen 4.17's. What a version lacks is null: sysctl 2 and 4 have no physinfo layout the
 * driver can vouch for, and only sysctl 4 and on have {@code availheap}. Immutable.
 *
 * @since 1.0
 */
public final class XenAbi {
    /** Xen 4.17 (Debian 12): sysctl 0x15, domctl 0x15. */
    public static final XenAbi XEN_4_17 = new Builder("Xen 4.17", 0x15, 0x15)
            .sysctl(Xen417Layouts.SYSCTL, Xen417Layouts.GETDOMAININFOLIST, Xen417Layouts.PHYSINFO,
                    Xen417Layouts.AVAILHEAP)
            .domctl(Xen417Layouts.DOMCTL, Xen417Layouts.GETDOMAININFO, Xen417Layouts.GETVCPUINFO)
            .affinity(Xen417Layouts.VCPUAFFINITY, "cpumap_hard.bitmap", "cpumap_hard.nr_bits", "flags")
            .limits(Xen417Layouts.MAX_MEM, "max_memkb", Xen417Layouts.MAX_VCPUS, "max")
            .build();

    /** libvirt's "Xen 3.2, Fedora 9": sysctl 6, domctl 5. */
    public static final XenAbi XEN_3_2 = v2("Xen 3.2", 6, 5, Libvirt044Layouts.XEN32_PHYSINFO);

    /** libvirt's "Fedora 8": sysctl 4, domctl 5. */
    public static final XenAbi FEDORA_8 = v2("Xen 3.1 of Fedora 8", 4, 5, null);

    /** libvirt's "xen-3.1": sysctl 3, domctl 5. */
    public static final XenAbi XEN_3_1 = v2("Xen 3.1", 3, 5, Libvirt044Layouts.XEN31_PHYSINFO);

    /** libvirt's "Fedora 7": sysctl 2, domctl 4. */
    public static final XenAbi FEDORA_7 = v2("Xen 3.0.4 of Fedora 7", 2, 4, null);

    /** libvirt's "RHEL 5.0": sysctl 2, domctl 3. */
    public static final XenAbi RHEL_5_0 = v2("Xen 3.0.3 of RHEL 5.0", 2, 3, null);

    private static final List<XenAbi> KNOWN = List.of(XEN_4_17, XEN_3_2, FEDORA_8, XEN_3_1, FEDORA_7, RHEL_5_0);

    private final String description;
    private final int sysctlVersion;
    private final int domctlVersion;
    private final StructLayout sysctl;
    private final StructLayout domainInfoList;
    private final StructLayout physinfo;
    private final StructLayout availheap;
    private final StructLayout domctl;
    private final StructLayout domainInfo;
    private final StructLayout vcpuInfo;
    private final StructLayout vcpuAffinity;
    private final String bitmapField;
    private final String nrBitsField;
    private final String affinityFlagsField;
    private final StructLayout maxMem;
    private final String maxMemField;
    private final StructLayout maxVcpus;
    private final String maxVcpusField;

    private XenAbi(Builder b) {
        this.description = b.description;
        this.sysctlVersion = b.sysctlVersion;
        this.domctlVersion = b.domctlVersion;
        this.sysctl = Objects.requireNonNull(b.sysctl);
        this.domainInfoList = Objects.requireNonNull(b.domainInfoList);
        this.physinfo = b.physinfo;
        this.availheap = b.availheap;
        this.domctl = Objects.requireNonNull(b.domctl);
        this.domainInfo = Objects.requireNonNull(b.domainInfo);
        this.vcpuInfo = Objects.requireNonNull(b.vcpuInfo);
        this.vcpuAffinity = Objects.requireNonNull(b.vcpuAffinity);
        this.bitmapField = b.bitmapField;
        this.nrBitsField = b.nrBitsField;
        this.affinityFlagsField = b.affinityFlagsField;
        this.maxMem = Objects.requireNonNull(b.maxMem);
        this.maxMemField = b.maxMemField;
        this.maxVcpus = Objects.requireNonNull(b.maxVcpus);
        this.maxVcpusField = b.maxVcpusField;
    }

    /** libvirt 0.4.4's layouts for "hypervisor call v2" with these versions. */
    private static XenAbi v2(String description, int sysctl, int domctl, StructLayout physinfo) {
        boolean d5 = domctl >= 5;
        return new Builder(description, sysctl, domctl)
                .sysctl(Libvirt044Layouts.OP_V2_SYS, sysctl < 3 ? Libvirt044Layouts.V2_GETDOMAININFOLISTOP
                        : Libvirt044Layouts.V2S3_GETDOMAININFOLISTOP, physinfo,
                        sysctl >= 4 ? Libvirt044Layouts.V2S4_AVAILHEAP : null)
                .domctl(Libvirt044Layouts.OP_V2_DOM, d5 ? Libvirt044Layouts.V2D5_GETDOMAININFO
                        : Libvirt044Layouts.V2_GETDOMAININFO, d5 ? Libvirt044Layouts.V2D5_VCPUINFO
                        : Libvirt044Layouts.V2_VCPUINFO)
                .affinity(d5 ? Libvirt044Layouts.V2D5_SETVCPUMAP : Libvirt044Layouts.V2_SETVCPUMAP, "cpumap.bitmap",
                        "cpumap.nr_cpus", null)
                .limits(d5 ? Libvirt044Layouts.V2D5_SETMAXMEM : Libvirt044Layouts.V2_SETMAXMEM, "maxmem",
                        Libvirt044Layouts.V2_SETMAXVCPU, "maxvcpu")
                .build();
    }

    /** Every version the driver speaks, newest first: the order in which {@link XenCalls#detect} tries them. */
    public static List<XenAbi> known() {
        return KNOWN;
    }

    /** e.g. {@code Xen 4.17 (sysctl 0x15, domctl 0x15)}. */
    public String description() {
        return description + " (sysctl 0x" + Integer.toHexString(sysctlVersion) + ", domctl 0x"
                + Integer.toHexString(domctlVersion) + ")";
    }

    /** {@code XEN_SYSCTL_INTERFACE_VERSION}. */
    public int sysctlVersion() {
        return sysctlVersion;
    }

    /** {@code XEN_DOMCTL_INTERFACE_VERSION}. */
    public int domctlVersion() {
        return domctlVersion;
    }

    /** The sysctl argument: {@code cmd}, {@code interface_version}, union {@code u}. */
    public StructLayout sysctl() {
        return sysctl;
    }

    /** The getdomaininfolist member of the sysctl union. */
    public StructLayout domainInfoList() {
        return domainInfoList;
    }

    /** The physinfo member of the sysctl union, or null when this version has none the driver knows. */
    public StructLayout physinfo() {
        return physinfo;
    }

    /** The availheap member of the sysctl union, or null before sysctl 4. */
    public StructLayout availheap() {
        return availheap;
    }

    /** The domctl argument: {@code cmd}, {@code interface_version}, {@code domain}, union {@code u}. */
    public StructLayout domctl() {
        return domctl;
    }

    /** One entry of a getdomaininfolist answer. */
    public StructLayout domainInfo() {
        return domainInfo;
    }

    /** The getvcpuinfo member of the domctl union. */
    public StructLayout vcpuInfo() {
        return vcpuInfo;
    }

    /** The member of the domctl union that sets and gets a vCPU's affinity. */
    public StructLayout vcpuAffinity() {
        return vcpuAffinity;
    }

    /** The affinity's bitmap pointer field. */
    public String bitmapField() {
        return bitmapField;
    }

    /** The affinity's bit count field. */
    public String nrBitsField() {
        return nrBitsField;
    }

    /** The affinity's flags field (hard or soft affinity), or null before Xen 4.5. */
    public String affinityFlagsField() {
        return affinityFlagsField;
    }

    /** The max_mem member of the domctl union. */
    public StructLayout maxMem() {
        return maxMem;
    }

    /** Its field, the maximum in KiB. */
    public String maxMemField() {
        return maxMemField;
    }

    /** The max_vcpus member of the domctl union. */
    public StructLayout maxVcpus() {
        return maxVcpus;
    }

    /** Its field, the number of vCPUs. */
    public String maxVcpusField() {
        return maxVcpusField;
    }

    @Override
    public String toString() {
        return description();
    }

    private static final class Builder {
        private final String description;
        private final int sysctlVersion;
        private final int domctlVersion;
        private StructLayout sysctl;
        private StructLayout domainInfoList;
        private StructLayout physinfo;
        private StructLayout availheap;
        private StructLayout domctl;
        private StructLayout domainInfo;
        private StructLayout vcpuInfo;
        private StructLayout vcpuAffinity;
        private String bitmapField;
        private String nrBitsField;
        private String affinityFlagsField;
        private StructLayout maxMem;
        private String maxMemField;
        private StructLayout maxVcpus;
        private String maxVcpusField;

        Builder(String description, int sysctlVersion, int domctlVersion) {
            this.description = description;
            this.sysctlVersion = sysctlVersion;
            this.domctlVersion = domctlVersion;
        }

        Builder sysctl(StructLayout op, StructLayout list, StructLayout physinfo, StructLayout availheap) {
            this.sysctl = op;
            this.domainInfoList = list;
            this.physinfo = physinfo;
            this.availheap = availheap;
            return this;
        }

        Builder domctl(StructLayout op, StructLayout domainInfo, StructLayout vcpuInfo) {
            this.domctl = op;
            this.domainInfo = domainInfo;
            this.vcpuInfo = vcpuInfo;
            return this;
        }

        Builder affinity(StructLayout layout, String bitmap, String nrBits, String flags) {
            this.vcpuAffinity = layout;
            this.bitmapField = layout.field(bitmap).name();
            this.nrBitsField = layout.field(nrBits).name();
            this.affinityFlagsField = flags == null ? null : layout.field(flags).name();
            return this;
        }

        Builder limits(StructLayout maxMem, String maxMemField, StructLayout maxVcpus, String maxVcpusField) {
            this.maxMem = maxMem;
            this.maxMemField = maxMem.field(maxMemField).name();
            this.maxVcpus = maxVcpus;
            this.maxVcpusField = maxVcpus.field(maxVcpusField).name();
            return this;
        }

        XenAbi build() {
            return new XenAbi(this);
        }
    }
}
