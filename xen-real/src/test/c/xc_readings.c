/*
 * What libxenctrl (Xen's own C library, as xl uses it) reads from the hypervisor, for xen-real's
 * LibxencAgreesTest: every domain of XEN_SYSCTL_getdomaininfolist and XEN_SYSCTL_physinfo, each as the bytes
 * the hypervisor wrote and as its members by name.
 *
 *   domain FIELD=VALUE ... bytes=HEX      one line per domain
 *   physinfo FIELD=VALUE ... bytes=HEX    one line
 */
#include <stdio.h>
#include <stdlib.h>
#include <xenctrl.h>

#define MAX_DOMAINS 64

static void hex(const void *p, size_t n)
{
    const unsigned char *b = p;
    printf(" bytes=");
    for (size_t i = 0; i < n; i++)
        printf("%02x", b[i]);
    printf("\n");
}

int main(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    if (xch == NULL) {
        perror("xc_interface_open");
        return 1;
    }
    static xc_domaininfo_t info[MAX_DOMAINS];
    int n = xc_domain_getinfolist(xch, 0, MAX_DOMAINS, info);
    if (n < 0) {
        perror("xc_domain_getinfolist");
        return 1;
    }
    for (int i = 0; i < n; i++) {
        xc_domaininfo_t *d = &info[i];
        printf("domain domain=%u flags=%u tot_pages=%llu max_pages=%llu cpu_time=%llu nr_online_vcpus=%u"
               " max_vcpu_id=%u handle=", d->domain, d->flags, (unsigned long long) d->tot_pages,
               (unsigned long long) d->max_pages, (unsigned long long) d->cpu_time, d->nr_online_vcpus,
               d->max_vcpu_id);
        for (int j = 0; j < 16; j++)
            printf("%02x", d->handle[j]);
        hex(d, sizeof(*d));
    }
    xc_physinfo_t p = { 0 };
    if (xc_physinfo(xch, &p) != 0) {
        perror("xc_physinfo");
        return 1;
    }
    printf("physinfo threads_per_core=%u cores_per_socket=%u nr_cpus=%u max_cpu_id=%u nr_nodes=%u cpu_khz=%u"
           " total_pages=%llu free_pages=%llu", p.threads_per_core, p.cores_per_socket, p.nr_cpus, p.max_cpu_id,
           p.nr_nodes, p.cpu_khz, (unsigned long long) p.total_pages, (unsigned long long) p.free_pages);
    hex(&p, sizeof(p));
    xc_interface_close(xch);
    return 0;
}
