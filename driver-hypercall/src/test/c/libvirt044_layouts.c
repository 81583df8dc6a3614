/*
 * The layouts of the structures libvirt 0.4.4's xen_internal.c declared for "hypervisor call v2"
 * (Xen 3.0.3 to 3.2: sysctl versions 2, 3, 4 and 6, domctl versions 3, 4 and 5), and of the physinfo
 * structures of Xen 3.1 (sysctl 3) and Xen 3.2 (sysctl 6), printed for XenHeaderLayoutTest to compare with
 * the driver's Java layouts (Libvirt044Layouts).
 *
 * No header of that era is installed anywhere now, so the structures are declared here again, member by
 * member, as libvirt 0.4.4 declared them (src/xen_internal.c) and as Xen 3.1's and 3.2's public sysctl.h
 * declared physinfo; domid_t is uint16_t and a domain handle 16 bytes, as in every Xen. ALIGN_64 is libvirt's
 * __attribute__((aligned(8))). gcc then computes the layouts for x86_64 as it did for libvirt, so the test
 * shows the hand-written Java offsets are the compiler's, not only the author's reading of the declarations.
 *
 * Output format as xen417_layouts.c: "struct NAME SIZE", "field NAME MEMBER OFFSET WIDTH", "const NAME VALUE".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ALIGN_64 __attribute__((aligned(8)))

typedef uint16_t domid_t;
typedef uint8_t domain_handle_t[16];

/* Domain information, domctl 3 and 4: no forced alignment. */
struct xen_v2_getdomaininfo {
    domid_t domain;
    uint32_t flags;
    uint64_t tot_pages;
    uint64_t max_pages;
    uint64_t shared_info_frame;
    uint64_t cpu_time;
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    domain_handle_t handle;
};

/* Domain information, domctl 5: every uint64_t 8-aligned, also on 32-bit hosts. */
struct xen_v2d5_getdomaininfo {
    domid_t domain;
    uint32_t flags;
    uint64_t tot_pages ALIGN_64;
    uint64_t max_pages ALIGN_64;
    uint64_t shared_info_frame ALIGN_64;
    uint64_t cpu_time ALIGN_64;
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    domain_handle_t handle;
};

/* The sysctl listing domains, sysctl 2: a plain pointer to the entries. */
struct xen_v2_getdomaininfolistop {
    domid_t first_domain;
    uint32_t max_domains;
    struct xen_v2_getdomaininfo *buffer;
    uint32_t num_domains;
};

/* Sysctl 3 and on: the pointer padded to 64 bits (little-endian layout). */
struct xen_v2s3_getdomaininfolistop {
    domid_t first_domain;
    uint32_t max_domains;
    union {
        struct xen_v2d5_getdomaininfo *v;
        uint64_t pad ALIGN_64;
    } buffer;
    uint32_t num_domains;
};

/* Free memory of a NUMA node, sysctl 4 and on. */
struct xen_v2s4_availheap {
    uint32_t min_bitwidth;
    uint32_t max_bitwidth;
    int32_t node;
    uint64_t avail_bytes;
};

struct xen_v2_setmaxmem {
    uint64_t maxmem;
};

struct xen_v2d5_setmaxmem {
    uint64_t maxmem ALIGN_64;
};

struct xen_v2_setmaxvcpu {
    uint32_t maxvcpu;
};

struct xen_v2_cpumap {
    uint8_t *bitmap;
    uint32_t nr_cpus;
};

struct xen_v2_setvcpumap {
    uint32_t vcpu;
    struct xen_v2_cpumap cpumap;
};

struct xen_v2d5_cpumap {
    union {
        uint8_t *v;
        uint64_t pad ALIGN_64;
    } bitmap;
    uint32_t nr_cpus;
};

struct xen_v2d5_setvcpumap {
    uint32_t vcpu;
    struct xen_v2d5_cpumap cpumap;
};

struct xen_v2_vcpuinfo {
    uint32_t vcpu;
    uint8_t online;
    uint8_t blocked;
    uint8_t running;
    uint64_t cpu_time;
    uint32_t cpu;
};

struct xen_v2d5_vcpuinfo {
    uint32_t vcpu;
    uint8_t online;
    uint8_t blocked;
    uint8_t running;
    uint64_t cpu_time ALIGN_64;
    uint32_t cpu;
};

/* The sysctl argument: its union is as large as its 128-byte padding member. */
struct xen_op_v2_sys {
    uint32_t cmd;
    uint32_t interface_version;
    union {
        struct xen_v2_getdomaininfolistop getdomaininfolist;
        struct xen_v2s3_getdomaininfolistop getdomaininfolists3;
        struct xen_v2s4_availheap availheap;
        uint8_t padding[128];
    } u;
};

/* The domctl argument: the domain id before the union, which starts 8-aligned. */
struct xen_op_v2_dom {
    uint32_t cmd;
    uint32_t interface_version;
    domid_t domain;
    union {
        struct xen_v2_setmaxmem setmaxmem;
        struct xen_v2d5_setmaxmem setmaxmemd5;
        struct xen_v2_setmaxvcpu setmaxvcpu;
        struct xen_v2_setvcpumap setvcpumap;
        struct xen_v2d5_setvcpumap setvcpumapd5;
        struct xen_v2_vcpuinfo getvcpuinfo;
        struct xen_v2d5_vcpuinfo getvcpuinfod5;
        uint8_t padding[128];
    } u;
};

/* Xen 3.1's physinfo (sysctl 3); uint64_aligned_t was 8-aligned. */
struct xen31_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t sockets_per_node;
    uint32_t nr_nodes;
    uint32_t cpu_khz;
    uint64_t total_pages ALIGN_64;
    uint64_t free_pages ALIGN_64;
    uint64_t scrub_pages ALIGN_64;
    uint32_t hw_cap[8];
};

/* Xen 3.2's physinfo (sysctl 6): the CPU count where sockets_per_node was, and a CPU-to-node map. */
struct xen32_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;
    uint32_t nr_nodes;
    uint32_t cpu_khz;
    uint64_t total_pages ALIGN_64;
    uint64_t free_pages ALIGN_64;
    uint64_t scrub_pages ALIGN_64;
    uint32_t hw_cap[8];
    uint32_t max_cpu_id;
    union {
        uint32_t *p;
        uint64_t q ALIGN_64;
    } cpu_to_node;
    uint32_t capabilities;
};

/* libvirt's command numbers and flag bits. */
#define XEN_V2_OP_GETDOMAININFOLIST 6
#define XEN_V2_OP_GETAVAILHEAP 9
#define XEN_V2_OP_DESTROYDOMAIN 2
#define XEN_V2_OP_PAUSEDOMAIN 3
#define XEN_V2_OP_UNPAUSEDOMAIN 4
#define XEN_V2_OP_SETVCPUMAP 9
#define XEN_V2_OP_SETMAXMEM 11
#define XEN_V2_OP_GETVCPUINFO 14
#define XEN_V2_OP_SETMAXVCPU 15
#define XEN_V2_OP_GETVCPUMAP 25
#define XEN3_SYSCTL_physinfo 3
#define DOMFLAGS_DYING (1 << 0)
#define DOMFLAGS_HVM (1 << 1)
#define DOMFLAGS_SHUTDOWN (1 << 2)
#define DOMFLAGS_PAUSED (1 << 3)
#define DOMFLAGS_BLOCKED (1 << 4)
#define DOMFLAGS_RUNNING (1 << 5)
#define DOMFLAGS_SHUTDOWNSHIFT 16
#define MAX_VIRT_CPUS 32

#define STRUCT(type, name) printf("struct %s %zu\n", name, sizeof(type))
#define FIELD(type, name, member) \
    printf("field %s %s %zu %zu\n", name, #member, offsetof(type, member), sizeof(((type *) 0)->member))
#define CONST(name, value) printf("const %s %lld\n", name, (long long) (value))

#define LISTOP(type, name) \
    STRUCT(type, name); \
    FIELD(type, name, first_domain); \
    FIELD(type, name, max_domains); \
    FIELD(type, name, buffer); \
    FIELD(type, name, num_domains)

#define DOMAININFO(type, name) \
    STRUCT(type, name); \
    FIELD(type, name, domain); \
    FIELD(type, name, flags); \
    FIELD(type, name, tot_pages); \
    FIELD(type, name, max_pages); \
    FIELD(type, name, shared_info_frame); \
    FIELD(type, name, cpu_time); \
    FIELD(type, name, nr_online_vcpus); \
    FIELD(type, name, max_vcpu_id); \
    FIELD(type, name, ssidref); \
    FIELD(type, name, handle)

#define VCPUINFO(type, name) \
    STRUCT(type, name); \
    FIELD(type, name, vcpu); \
    FIELD(type, name, online); \
    FIELD(type, name, blocked); \
    FIELD(type, name, running); \
    FIELD(type, name, cpu_time); \
    FIELD(type, name, cpu)

#define VCPUMAP(type, name) \
    STRUCT(type, name); \
    FIELD(type, name, vcpu); \
    FIELD(type, name, cpumap); \
    FIELD(type, name, cpumap.bitmap); \
    FIELD(type, name, cpumap.nr_cpus)

int main(void)
{
    STRUCT(struct xen_op_v2_sys, "xen_op_v2_sys");
    FIELD(struct xen_op_v2_sys, "xen_op_v2_sys", cmd);
    FIELD(struct xen_op_v2_sys, "xen_op_v2_sys", interface_version);
    FIELD(struct xen_op_v2_sys, "xen_op_v2_sys", u);

    LISTOP(struct xen_v2_getdomaininfolistop, "xen_v2_getdomaininfolistop");
    LISTOP(struct xen_v2s3_getdomaininfolistop, "xen_v2s3_getdomaininfolistop");
    DOMAININFO(struct xen_v2_getdomaininfo, "xen_v2_getdomaininfo");
    DOMAININFO(struct xen_v2d5_getdomaininfo, "xen_v2d5_getdomaininfo");

    STRUCT(struct xen_v2s4_availheap, "xen_v2s4_availheap");
    FIELD(struct xen_v2s4_availheap, "xen_v2s4_availheap", min_bitwidth);
    FIELD(struct xen_v2s4_availheap, "xen_v2s4_availheap", max_bitwidth);
    FIELD(struct xen_v2s4_availheap, "xen_v2s4_availheap", node);
    FIELD(struct xen_v2s4_availheap, "xen_v2s4_availheap", avail_bytes);

    STRUCT(struct xen_op_v2_dom, "xen_op_v2_dom");
    FIELD(struct xen_op_v2_dom, "xen_op_v2_dom", cmd);
    FIELD(struct xen_op_v2_dom, "xen_op_v2_dom", interface_version);
    FIELD(struct xen_op_v2_dom, "xen_op_v2_dom", domain);
    FIELD(struct xen_op_v2_dom, "xen_op_v2_dom", u);

    VCPUINFO(struct xen_v2_vcpuinfo, "xen_v2_vcpuinfo");
    VCPUINFO(struct xen_v2d5_vcpuinfo, "xen_v2d5_vcpuinfo");
    VCPUMAP(struct xen_v2_setvcpumap, "xen_v2_setvcpumap");
    VCPUMAP(struct xen_v2d5_setvcpumap, "xen_v2d5_setvcpumap");

    STRUCT(struct xen_v2_setmaxmem, "xen_v2_setmaxmem");
    FIELD(struct xen_v2_setmaxmem, "xen_v2_setmaxmem", maxmem);
    STRUCT(struct xen_v2d5_setmaxmem, "xen_v2d5_setmaxmem");
    FIELD(struct xen_v2d5_setmaxmem, "xen_v2d5_setmaxmem", maxmem);
    STRUCT(struct xen_v2_setmaxvcpu, "xen_v2_setmaxvcpu");
    FIELD(struct xen_v2_setmaxvcpu, "xen_v2_setmaxvcpu", maxvcpu);

    STRUCT(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo");
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", threads_per_core);
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", cores_per_socket);
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", sockets_per_node);
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", nr_nodes);
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", cpu_khz);
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", total_pages);
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", free_pages);
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", scrub_pages);
    FIELD(struct xen31_sysctl_physinfo, "xen31_sysctl_physinfo", hw_cap);

    STRUCT(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo");
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", threads_per_core);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", cores_per_socket);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", nr_cpus);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", nr_nodes);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", cpu_khz);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", total_pages);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", free_pages);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", scrub_pages);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", hw_cap);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", max_cpu_id);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", cpu_to_node);
    FIELD(struct xen32_sysctl_physinfo, "xen32_sysctl_physinfo", capabilities);

    CONST("XEN_V2_OP_GETDOMAININFOLIST", XEN_V2_OP_GETDOMAININFOLIST);
    CONST("XEN_V2_OP_GETAVAILHEAP", XEN_V2_OP_GETAVAILHEAP);
    CONST("XEN_V2_OP_DESTROYDOMAIN", XEN_V2_OP_DESTROYDOMAIN);
    CONST("XEN_V2_OP_PAUSEDOMAIN", XEN_V2_OP_PAUSEDOMAIN);
    CONST("XEN_V2_OP_UNPAUSEDOMAIN", XEN_V2_OP_UNPAUSEDOMAIN);
    CONST("XEN_V2_OP_SETVCPUMAP", XEN_V2_OP_SETVCPUMAP);
    CONST("XEN_V2_OP_SETMAXMEM", XEN_V2_OP_SETMAXMEM);
    CONST("XEN_V2_OP_GETVCPUINFO", XEN_V2_OP_GETVCPUINFO);
    CONST("XEN_V2_OP_SETMAXVCPU", XEN_V2_OP_SETMAXVCPU);
    CONST("XEN_V2_OP_GETVCPUMAP", XEN_V2_OP_GETVCPUMAP);
    CONST("XEN3_SYSCTL_physinfo", XEN3_SYSCTL_physinfo);
    CONST("DOMFLAGS_DYING", DOMFLAGS_DYING);
    CONST("DOMFLAGS_HVM", DOMFLAGS_HVM);
    CONST("DOMFLAGS_SHUTDOWN", DOMFLAGS_SHUTDOWN);
    CONST("DOMFLAGS_PAUSED", DOMFLAGS_PAUSED);
    CONST("DOMFLAGS_BLOCKED", DOMFLAGS_BLOCKED);
    CONST("DOMFLAGS_RUNNING", DOMFLAGS_RUNNING);
    CONST("DOMFLAGS_SHUTDOWNSHIFT", DOMFLAGS_SHUTDOWNSHIFT);
    CONST("MAX_VIRT_CPUS", MAX_VIRT_CPUS);
    return 0;
}
