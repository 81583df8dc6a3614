/*
 * jvirt's test shim for Debian's C xenstored (Xen 4.17): LD_PRELOADed into the daemon, it lets it
 * run without a hypervisor. xenstored imports 17 functions of libxenctrl, libxenevtchn and
 * libxengnttab (see `objdump -T xenstored`); this library defines each of them, and the dynamic
 * linker binds the daemon to these definitions before the real libraries'. What they pretend:
 *
 *   - the hypervisor is there, and every domain id names a live domain (xc_domain_getinfo), so that
 *     XS_INTRODUCE of any domid succeeds and nothing ever dies behind xenstored's back;
 *   - an event channel is a pipe nobody writes to: xenstored polls its read end and never wakes up
 *     for it, and notifications to guests go nowhere;
 *   - a guest's shared ring page (a grant mapping) is a fresh zeroed page, so a guest never sends
 *     xenstored a request;
 *   - /proc/xen/xsd_port and /proc/xen/xsd_kva (dom0's event channel and ring page) are the files
 *     $JVIRT_XSD_PORT and $JVIRT_XSD_KVA name: the test harness writes a port number and a zeroed
 *     page there.
 *
 * Everything a test does then goes over xenstored's unix socket, as dom0's toolstack does.
 * Built by the tests with gcc -shared -fPIC; no code of Xen is copied here.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenevtchn.h>
#include <xengnttab.h>

/* ---- files under /proc/xen ------------------------------------------------------------------ */

/* The file a /proc/xen path stands for, or the path itself when it is not one of ours. */
static const char *redirect(const char *path)
{
    const char *to = NULL;
    if (path == NULL)
        return path;
    if (strcmp(path, "/proc/xen/xsd_port") == 0)
        to = getenv("JVIRT_XSD_PORT");
    else if (strcmp(path, "/proc/xen/xsd_kva") == 0)
        to = getenv("JVIRT_XSD_KVA");
    return to != NULL ? to : path;
}

typedef int (*open_fn)(const char *, int, ...);

static int open_through(const char *symbol, const char *path, int flags, va_list ap)
{
    mode_t mode = 0;
    open_fn real = (open_fn) dlsym(RTLD_NEXT, symbol);
    if (real == NULL) {
        errno = ENOSYS;
        return -1;
    }
    if (flags & (O_CREAT | O_TMPFILE))
        mode = (mode_t) va_arg(ap, int);
    return real(redirect(path), flags, mode);
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    int fd;
    va_start(ap, flags);
    fd = open_through("open", path, flags, ap);
    va_end(ap);
    return fd;
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    int fd;
    va_start(ap, flags);
    fd = open_through("open64", path, flags, ap);
    va_end(ap);
    return fd;
}

/* ---- libxenctrl ----------------------------------------------------------------------------- */

struct xc_interface_core {
    int unused;
};

xc_interface *xc_interface_open(xentoollog_logger *logger, xentoollog_logger *dombuild_logger,
                                unsigned open_flags)
{
    (void) logger;
    (void) dombuild_logger;
    (void) open_flags;
    return calloc(1, sizeof(struct xc_interface_core));
}

int xc_interface_close(xc_interface *xch)
{
    free(xch);
    return 0;
}

/* Every domain exists and runs: one record, of the domain asked for. */
int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid, unsigned int max_doms, xc_dominfo_t *info)
{
    (void) xch;
    if (max_doms == 0)
        return 0;
    memset(info, 0, sizeof(*info));
    info->domid = first_domid;
    info->running = 1;
    info->max_vcpu_id = 0;
    info->nr_online_vcpus = 1;
    return 1;
}

/* ---- libxenevtchn --------------------------------------------------------------------------- */

struct xenevtchn_handle {
    int read_end;
    int write_end;
    evtchn_port_t next_port;
};

xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    int ends[2];
    xenevtchn_handle *h;
    (void) logger;
    (void) open_flags;
    if (pipe(ends) != 0)
        return NULL;
    h = calloc(1, sizeof(*h));
    if (h == NULL) {
        close(ends[0]);
        close(ends[1]);
        return NULL;
    }
    h->read_end = ends[0];
    h->write_end = ends[1];
    h->next_port = 1;
    return h;
}

xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger, int fd, unsigned open_flags)
{
    /* Only for live update, which the tests never do: a handle on a fresh pipe, fd unused. */
    (void) fd;
    return xenevtchn_open(logger, open_flags);
}

int xenevtchn_fd(xenevtchn_handle *xce)
{
    return xce->read_end;
}

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    (void) xce;
    (void) port;
    return 0;
}

xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                                                     evtchn_port_t remote_port)
{
    (void) domid;
    (void) remote_port;
    return (xenevtchn_port_or_error_t) xce->next_port++;
}

xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq)
{
    (void) virq;
    return (xenevtchn_port_or_error_t) xce->next_port++;
}

int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    (void) xce;
    (void) port;
    return 0;
}

/* Called only when the pipe is readable, which it never is; a port written there would be read. */
xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    uint32_t port;
    if (read(xce->read_end, &port, sizeof(port)) != (ssize_t) sizeof(port))
        return -1;
    return (xenevtchn_port_or_error_t) port;
}

int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    (void) xce;
    (void) port;
    return 0;
}

/* ---- libxengnttab --------------------------------------------------------------------------- */

struct xengntdev_handle {
    int unused;
};

xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    (void) logger;
    (void) open_flags;
    return calloc(1, sizeof(struct xengntdev_handle));
}

int xengnttab_close(xengnttab_handle *xgt)
{
    free(xgt);
    return 0;
}

int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants)
{
    (void) xgt;
    (void) nr_grants;
    return 0;
}

/* A guest's xenstore ring: a zeroed page of our own, in which no request ever appears. */
void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid, uint32_t ref, int prot)
{
    void *page;
    (void) xgt;
    (void) domid;
    (void) ref;
    page = mmap(NULL, (size_t) getpagesize(), prot | PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return page == MAP_FAILED ? NULL : page;
}

int xengnttab_unmap(xengnttab_handle *xgt, void *start_address, uint32_t count)
{
    (void) xgt;
    return munmap(start_address, (size_t) count * (size_t) getpagesize());
}
