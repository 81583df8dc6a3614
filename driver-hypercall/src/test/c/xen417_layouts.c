/*
 * The layouts of the hypercall driver's structures as the Xen headers on this machine declare them
 * (Debian's libxen-dev: Xen 4.17), printed for XenHeaderLayoutTest to compare with the Java layouts.
 *
 * Output, one fact a line:
 *   struct NAME SIZE                  sizeof the structure
 *   field NAME MEMBER OFFSET WIDTH    offsetof and sizeof one member (nested members dotted)
 *   const NAME VALUE                  a number of the interface
 *
 * Every member the driver declares is printed, and only those: the test fails on a field either side lacks.
 */
#define __XEN_TOOLS__ 1

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/types.h>

#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/hvm/hvm_info_table.h>
#include <xen/sys/privcmd.h>

/* cpufeatureset.h leaves each feature to a macro of the includer's: make them enumerators. */
#define XEN_CPUFEATURE(name, value) XEN_X86_FEATURE_##name = (value),
enum xen_x86_features {
#include <xen/arch-x86/cpufeatureset.h>
};

#define STRUCT(type, name) printf("struct %s %zu\n", name, sizeof(type))
#define FIELD(type, name, member) \
    printf("field %s %s %zu %zu\n", name, #member, offsetof(type, member), sizeof(((type *) 0)->member))
#define CONST(name, value) printf("const %s %lld\n", name, (long long) (value))

int main(void)
{
    STRUCT(privcmd_hypercall_t, "privcmd_hypercall");
    FIELD(privcmd_hypercall_t, "privcmd_hypercall", op);
    FIELD(privcmd_hypercall_t, "privcmd_hypercall", arg);
    FIELD(privcmd_hypercall_t, "privcmd_hypercall", arg[0]);
    FIELD(privcmd_hypercall_t, "privcmd_hypercall", arg[1]);
    FIELD(privcmd_hypercall_t, "privcmd_hypercall", arg[2]);
    FIELD(privcmd_hypercall_t, "privcmd_hypercall", arg[3]);
    FIELD(privcmd_hypercall_t, "privcmd_hypercall", arg[4]);

    STRUCT(struct xen_sysctl, "xen_sysctl");
    FIELD(struct xen_sysctl, "xen_sysctl", cmd);
    FIELD(struct xen_sysctl, "xen_sysctl", interface_version);
    FIELD(struct xen_sysctl, "xen_sysctl", u);

    STRUCT(struct xen_sysctl_getdomaininfolist, "xen_sysctl_getdomaininfolist");
    FIELD(struct xen_sysctl_getdomaininfolist, "xen_sysctl_getdomaininfolist", first_domain);
    FIELD(struct xen_sysctl_getdomaininfolist, "xen_sysctl_getdomaininfolist", max_domains);
    FIELD(struct xen_sysctl_getdomaininfolist, "xen_sysctl_getdomaininfolist", buffer);
    FIELD(struct xen_sysctl_getdomaininfolist, "xen_sysctl_getdomaininfolist", num_domains);

    STRUCT(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo");
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", domain);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", pad1);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", flags);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", tot_pages);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", max_pages);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", outstanding_pages);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", shr_pages);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", paged_pages);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", shared_info_frame);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", cpu_time);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", nr_online_vcpus);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", max_vcpu_id);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", ssidref);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", handle);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", cpupool);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", gpaddr_bits);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", pad2);
    FIELD(struct xen_domctl_getdomaininfo, "xen_domctl_getdomaininfo", arch_config);

    STRUCT(struct xen_sysctl_physinfo, "xen_sysctl_physinfo");
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", threads_per_core);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", cores_per_socket);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", nr_cpus);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", max_cpu_id);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", nr_nodes);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", max_node_id);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", cpu_khz);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", capabilities);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", arch_capabilities);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", pad);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", total_pages);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", free_pages);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", scrub_pages);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", outstanding_pages);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", max_mfn);
    FIELD(struct xen_sysctl_physinfo, "xen_sysctl_physinfo", hw_cap);

    STRUCT(struct xen_sysctl_availheap, "xen_sysctl_availheap");
    FIELD(struct xen_sysctl_availheap, "xen_sysctl_availheap", min_bitwidth);
    FIELD(struct xen_sysctl_availheap, "xen_sysctl_availheap", max_bitwidth);
    FIELD(struct xen_sysctl_availheap, "xen_sysctl_availheap", node);
    FIELD(struct xen_sysctl_availheap, "xen_sysctl_availheap", avail_bytes);

    STRUCT(struct xen_domctl, "xen_domctl");
    FIELD(struct xen_domctl, "xen_domctl", cmd);
    FIELD(struct xen_domctl, "xen_domctl", interface_version);
    FIELD(struct xen_domctl, "xen_domctl", domain);
    FIELD(struct xen_domctl, "xen_domctl", _pad);
    FIELD(struct xen_domctl, "xen_domctl", u);

    STRUCT(struct xen_domctl_getvcpuinfo, "xen_domctl_getvcpuinfo");
    FIELD(struct xen_domctl_getvcpuinfo, "xen_domctl_getvcpuinfo", vcpu);
    FIELD(struct xen_domctl_getvcpuinfo, "xen_domctl_getvcpuinfo", online);
    FIELD(struct xen_domctl_getvcpuinfo, "xen_domctl_getvcpuinfo", blocked);
    FIELD(struct xen_domctl_getvcpuinfo, "xen_domctl_getvcpuinfo", running);
    FIELD(struct xen_domctl_getvcpuinfo, "xen_domctl_getvcpuinfo", cpu_time);
    FIELD(struct xen_domctl_getvcpuinfo, "xen_domctl_getvcpuinfo", cpu);

    STRUCT(struct xenctl_bitmap, "xenctl_bitmap");
    FIELD(struct xenctl_bitmap, "xenctl_bitmap", bitmap);
    FIELD(struct xenctl_bitmap, "xenctl_bitmap", nr_bits);

    STRUCT(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity");
    FIELD(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity", vcpu);
    FIELD(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity", flags);
    FIELD(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity", cpumap_hard);
    FIELD(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity", cpumap_hard.bitmap);
    FIELD(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity", cpumap_hard.nr_bits);
    FIELD(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity", cpumap_soft);
    FIELD(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity", cpumap_soft.bitmap);
    FIELD(struct xen_domctl_vcpuaffinity, "xen_domctl_vcpuaffinity", cpumap_soft.nr_bits);

    STRUCT(struct xen_domctl_max_mem, "xen_domctl_max_mem");
    FIELD(struct xen_domctl_max_mem, "xen_domctl_max_mem", max_memkb);

    STRUCT(struct xen_domctl_max_vcpus, "xen_domctl_max_vcpus");
    FIELD(struct xen_domctl_max_vcpus, "xen_domctl_max_vcpus", max);

    CONST("XEN_SYSCTL_INTERFACE_VERSION", XEN_SYSCTL_INTERFACE_VERSION);
    CONST("XEN_DOMCTL_INTERFACE_VERSION", XEN_DOMCTL_INTERFACE_VERSION);
    CONST("IOCTL_PRIVCMD_HYPERCALL", IOCTL_PRIVCMD_HYPERCALL);
    CONST("__HYPERVISOR_xen_version", __HYPERVISOR_xen_version);
    CONST("__HYPERVISOR_sysctl", __HYPERVISOR_sysctl);
    CONST("__HYPERVISOR_domctl", __HYPERVISOR_domctl);
    CONST("XENVER_version", XENVER_version);
    CONST("XENVER_capabilities", XENVER_capabilities);
    CONST("XENVER_pagesize", XENVER_pagesize);
    CONST("sizeof(xen_capabilities_info_t)", sizeof(xen_capabilities_info_t));
    CONST("XEN_SYSCTL_physinfo", XEN_SYSCTL_physinfo);
    CONST("XEN_SYSCTL_getdomaininfolist", XEN_SYSCTL_getdomaininfolist);
    CONST("XEN_SYSCTL_availheap", XEN_SYSCTL_availheap);
    CONST("XEN_DOMCTL_destroydomain", XEN_DOMCTL_destroydomain);
    CONST("XEN_DOMCTL_pausedomain", XEN_DOMCTL_pausedomain);
    CONST("XEN_DOMCTL_unpausedomain", XEN_DOMCTL_unpausedomain);
    CONST("XEN_DOMCTL_setvcpuaffinity", XEN_DOMCTL_setvcpuaffinity);
    CONST("XEN_DOMCTL_max_mem", XEN_DOMCTL_max_mem);
    CONST("XEN_DOMCTL_getvcpuinfo", XEN_DOMCTL_getvcpuinfo);
    CONST("XEN_DOMCTL_max_vcpus", XEN_DOMCTL_max_vcpus);
    CONST("XEN_DOMCTL_getvcpuaffinity", XEN_DOMCTL_getvcpuaffinity);
    CONST("XEN_DOMINF_dying", XEN_DOMINF_dying);
    CONST("XEN_DOMINF_hvm_guest", XEN_DOMINF_hvm_guest);
    CONST("XEN_DOMINF_shutdown", XEN_DOMINF_shutdown);
    CONST("XEN_DOMINF_paused", XEN_DOMINF_paused);
    CONST("XEN_DOMINF_blocked", XEN_DOMINF_blocked);
    CONST("XEN_DOMINF_running", XEN_DOMINF_running);
    CONST("XEN_DOMINF_shutdownshift", XEN_DOMINF_shutdownshift);
    CONST("XEN_DOMINF_shutdownmask", XEN_DOMINF_shutdownmask);
    CONST("SHUTDOWN_crash", SHUTDOWN_crash);
    CONST("XEN_VCPUAFFINITY_HARD", XEN_VCPUAFFINITY_HARD);
    CONST("XEN_SYSCTL_PHYSCAP_hvm", XEN_SYSCTL_PHYSCAP_hvm);
    CONST("DOMID_FIRST_RESERVED", DOMID_FIRST_RESERVED);
    CONST("XEN_LEGACY_MAX_VCPUS", XEN_LEGACY_MAX_VCPUS);
    CONST("HVM_MAX_VCPUS", HVM_MAX_VCPUS);
    CONST("X86_FEATURE_PAE", XEN_X86_FEATURE_PAE);
    CONST("X86_FEATURE_VMX", XEN_X86_FEATURE_VMX);
    CONST("X86_FEATURE_SVM", XEN_X86_FEATURE_SVM);
    CONST("O_RDWR", O_RDWR);
    CONST("O_CLOEXEC", O_CLOEXEC);
    CONST("PROT_READ", PROT_READ);
    CONST("PROT_WRITE", PROT_WRITE);
    CONST("MAP_PRIVATE", MAP_PRIVATE);
    CONST("MAP_ANONYMOUS", MAP_ANONYMOUS);
    CONST("_SC_PAGESIZE", _SC_PAGESIZE);
    return 0;
}
