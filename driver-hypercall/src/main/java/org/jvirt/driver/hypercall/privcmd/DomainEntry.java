package org.jvirt.driver.hypercall.privcmd;

import java.util.UUID;

/**
 * What the hypervisor says of one domain (an entry of {@code getdomaininfolist}), in its own units.
 *
 * @param id the domain id
 * @param flags {@code XEN_DOMINF_*} bits and the shutdown code (see {@link Xen})
 * @param totPages pages the domain has
 * @param maxPages the most pages it may have
 * @param cpuTimeNanos CPU time used, in nanoseconds
 * @param onlineVcpus vCPUs online
 * @param maxVcpuId the highest vCPU id ({@code -1} when it has none)
 * @param uuid the domain handle (all zero for Domain-0)
 *
 * @since 1.0
 */
public record DomainEntry(int id, int flags, long totPages, long maxPages, long cpuTimeNanos, int onlineVcpus,
                          int maxVcpuId, UUID uuid) {

    public boolean dying() {
        return (flags & Xen.DOMINF_DYING) != 0;
    }

    public boolean hvm() {
        return (flags & Xen.DOMINF_HVM_GUEST) != 0;
    }

    /** The guest told Xen it shut down (see {@link #shutdownCode()}). */
    public boolean shutdown() {
        return (flags & Xen.DOMINF_SHUTDOWN) != 0;
    }

    /** {@code SHUTDOWN_*} of {@code sched.h}: 0 poweroff, 1 reboot, 2 suspend, 3 crash. */
    public int shutdownCode() {
        return flags >>> Xen.DOMINF_SHUTDOWNSHIFT & Xen.DOMINF_SHUTDOWNMASK;
    }

    public boolean paused() {
        return (flags & Xen.DOMINF_PAUSED) != 0;
    }

    public boolean blocked() {
        return (flags & Xen.DOMINF_BLOCKED) != 0;
    }

    public boolean running() {
        return (flags & Xen.DOMINF_RUNNING) != 0;
    }
}
