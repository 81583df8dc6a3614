package org.jvirt.xen;

import org.jvirt.api.Operation;
import org.jvirt.spi.Composition;
import org.jvirt.spi.CompositionProvider;

/**
 * How the Xen drivers serve {@code xen:///} together — libvirt 0.4.4's {@code xen_unified.c} as data:
 * <ul>
 *   <li>reads ask the hypervisor first, for speed, then xend, XenStore and the xm files, whoever owns the
 *       domain (a domain xm defines may run);</li>
 *   <li>lookups and listings answer with names, which the hypervisor does not know (libvirt's hypervisor
 *       driver asked XenStore for them; here no driver asks another): they ask xend, XenStore and xm
 *       first and the hypervisor last — by id xend, XenStore, hypervisor; by UUID xend, xm, XenStore,
 *       hypervisor (where libvirt's hypervisor driver named the domain from XenStore: without xend, as on
 *       Xen 4.5 and later, the hypervisor alone would answer "Domain-N"); by name xend, XenStore, xm;</li>
 *   <li>free memory, maximum vCPUs and block and interface statistics are the hypervisor's alone;</li>
 *   <li>changes go to xend first, then XenStore and xm, the hypervisor last of all (libvirt's "direct
 *       method as a last resort");</li>
 *   <li>inactive domains are xend's from xend 3.0.4 on, the xm files' before (xend declines them then):
 *       defining, undefining, persistence, autostart and the defined-domain listings ask xend first;</li>
 *   <li>listings of every domain gather every member's answer, merged by UUID;</li>
 *   <li>starting a domain xend does not keep reads its definition from xm and has xend create it;</li>
 *   <li>no member serves lifecycle events: XenStore sees domains come and go, but not their definition,
 *       pause or save, and libvirt 0.4.4's xen:/// had no events at all — a connection's events need one
 *       source for every change, which no member is yet.</li>
 * </ul>
 * XenStore is required, as libvirt 0.4.4 required it: every Xen host runs xenstored. The others are
 * optional: a host without xend (Xen 4.5 and later) is served by the rest, one without privcmd access
 * (no root) by xend and XenStore.
 */
public final class XenCompositionProvider implements CompositionProvider {
    static final String HYPERCALL = "hypercall";
    static final String XEND = "xend";
    static final String XENSTORE = "xenstore";
    static final String XM = "xm";

    @Override
    public Composition composition() {
        return Composition.forScheme("xen")
                .required(XENSTORE)
                .optional(HYPERCALL, XEND, XM)
                .order(op -> true, HYPERCALL, XEND, XENSTORE, XM)
                .order(Operation::isMutating, XEND, XENSTORE, XM, HYPERCALL)
                .order(Operation.DOMAIN_LOOKUP_BY_ID, XEND, XENSTORE, HYPERCALL)
                .order(Operation.DOMAIN_LOOKUP_BY_UUID, XEND, XM, XENSTORE, HYPERCALL)
                .order(Operation.DOMAIN_LOOKUP_BY_NAME, XEND, XENSTORE, XM)
                .order(Operation.NODE_GET_FREE_MEMORY, HYPERCALL)
                .order(Operation.NODE_GET_CELLS_FREE_MEMORY, HYPERCALL)
                .order(Operation.CONNECT_GET_MAX_VCPUS, HYPERCALL)
                .order(Operation.DOMAIN_GET_MAX_VCPUS, HYPERCALL)
                .order(Operation.DOMAIN_BLOCK_STATS, HYPERCALL)
                .order(Operation.DOMAIN_INTERFACE_STATS, HYPERCALL)
                .order(Operation.DOMAIN_DEFINE_XML, XEND, XM)
                .order(Operation.DOMAIN_UNDEFINE, XEND, XM)
                .order(Operation.DOMAIN_CREATE, XEND, XM)
                .order(Operation.DOMAIN_IS_PERSISTENT, XEND, XM)
                .order(Operation.DOMAIN_GET_AUTOSTART, XEND, XM)
                .order(Operation.DOMAIN_SET_AUTOSTART, XEND, XM)
                .order(Operation.CONNECT_LIST_DEFINED_DOMAINS, XEND, XM)
                .order(Operation.CONNECT_NUM_OF_DEFINED_DOMAINS, XEND, XM)
                .order(Operation.CONNECT_DOMAIN_EVENT_REGISTER)
                .inOrder(op -> !op.isMutating())
                .order(Operation.CONNECT_LIST_ALL_DOMAINS, XEND, XENSTORE, XM, HYPERCALL)
                .gather(Operation.CONNECT_LIST_ALL_DOMAINS)
                .crossDriver(Operation.DOMAIN_CREATE, XM, XEND)
                .build();
    }
}
