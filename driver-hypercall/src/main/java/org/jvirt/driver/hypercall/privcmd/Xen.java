package org.jvirt.driver.hypercall.privcmd;

/**
 * Numbers of Xen's public interface that do not depend on the interface version: hypercall numbers
 * ({@code xen.h}), {@code xen_version} sub-commands ({@code version.h}) and the bits of a domain's
 * {@code flags} ({@code domctl.h}'s {@code XEN_DOMINF_*}, libvirt 0.4.4's {@code DOMFLAGS_*}). The layout tests
 * compare each with the headers.
 *
 * @since 1.0
 */
public final class Xen {
    /** {@code __HYPERVISOR_xen_version}. */
    public static final int HYPERVISOR_XEN_VERSION = 17;
    /** {@code __HYPERVISOR_sysctl}. */
    public static final int HYPERVISOR_SYSCTL = 35;
    /** {@code __HYPERVISOR_domctl}. */
    public static final int HYPERVISOR_DOMCTL = 36;

    /** {@code XENVER_version}: answers {@code (major << 16) | minor}. */
    public static final int XENVER_VERSION = 0;
    /** {@code XENVER_capabilities}: fills a {@code xen_capabilities_info_t}. */
    public static final int XENVER_CAPABILITIES = 3;
    /** {@code XENVER_pagesize}: answers the page size in bytes. */
    public static final int XENVER_PAGESIZE = 7;
    /** {@code sizeof(xen_capabilities_info_t)}. */
    public static final int CAPABILITIES_INFO_SIZE = 1024;

    public static final int DOMINF_DYING = 1;
    public static final int DOMINF_HVM_GUEST = 1 << 1;
    public static final int DOMINF_SHUTDOWN = 1 << 2;
    public static final int DOMINF_PAUSED = 1 << 3;
    public static final int DOMINF_BLOCKED = 1 << 4;
    public static final int DOMINF_RUNNING = 1 << 5;
    public static final int DOMINF_SHUTDOWNSHIFT = 16;
    public static final int DOMINF_SHUTDOWNMASK = 255;

    /** {@code SHUTDOWN_crash} ({@code sched.h}): the guest told Xen it crashed. */
    public static final int SHUTDOWN_CRASH = 3;

    /** {@code XEN_VCPUAFFINITY_HARD} (Xen 4.5 on): the affinity a vCPU must keep to. */
    public static final int VCPUAFFINITY_HARD = 1;

    /** {@code XEN_SYSCTL_PHYSCAP_hvm} (Xen 3.2 on): the host runs HVM guests. */
    public static final int PHYSCAP_HVM = 1;

    /**
     * The most vCPUs a paravirtualised guest's shared page has room for: libvirt 0.4.4's
     * {@code MAX_VIRT_CPUS} of Xen 3, {@code XEN_LEGACY_MAX_VCPUS} of Xen 4 (x86).
     */
    public static final int LEGACY_MAX_VCPUS = 32;
    /** {@code HVM_MAX_VCPUS} ({@code hvm/hvm_info_table.h}): the most vCPUs of a fully virtualised guest. */
    public static final int HVM_MAX_VCPUS = 128;

    /** Bits of {@code hw_cap} in Xen's featureset order ({@code arch-x86/cpufeatureset.h}, Xen 4.7 on). */
    public static final int X86_FEATURE_PAE = 6;
    public static final int X86_FEATURE_VMX = 32 + 5;
    public static final int X86_FEATURE_SVM = 3 * 32 + 2;

    /** {@code DOMID_FIRST_RESERVED}: domain ids stop below it. */
    public static final int DOMID_FIRST_RESERVED = 0x7ff0;

    private Xen() {
    }
}
