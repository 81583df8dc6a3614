package org.jvirt.driver.hypercall;

import java.util.BitSet;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.VcpuInfo;
import org.jvirt.driver.hypercall.privcmd.DomainEntry;
import org.jvirt.driver.hypercall.privcmd.VcpuEntry;
import org.jvirt.driver.hypercall.privcmd.Xen;

/**
 * libvirt's view of what the hypervisor says. A domain's state comes from its flags, the first that holds in
 * this order: dying (being destroyed: SHUTDOWN), shut down by its guest (crashed: CRASHED, else SHUTDOWN),
 * paused, running, blocked, else NOSTATE. libvirt 0.4.4 compared the flags with each single bit and called a
 * shut-down domain SHUTOFF; here combinations of bits have a state, and a domain that Xen still lists is never
 * called inactive: it keeps its id and its memory until the toolstack destroys it. Reasons are unknown: the
 * hypervisor does not say who paused a domain or why it stops.
 */
final class DomainStates {
    /** {@code VIR_VCPU_OFFLINE}, {@code _RUNNING}, {@code _BLOCKED}. */
    static final int VCPU_OFFLINE = 0;
    static final int VCPU_RUNNING = 1;
    static final int VCPU_BLOCKED = 2;

    private DomainStates() {
    }

    static DomainState state(DomainEntry d) {
        if (d.dying()) {
            return DomainState.SHUTDOWN;
        }
        if (d.shutdown()) {
            return d.shutdownCode() == Xen.SHUTDOWN_CRASH ? DomainState.CRASHED : DomainState.SHUTDOWN;
        }
        if (d.paused()) {
            return DomainState.PAUSED;
        }
        if (d.running()) {
            return DomainState.RUNNING;
        }
        if (d.blocked()) {
            return DomainState.BLOCKED;
        }
        return DomainState.NOSTATE;
    }

    static DomainStateReason reason(DomainEntry d) {
        return DomainStateReason.of(state(d), 0);
    }

    static DomainInfo info(DomainEntry d, HostFacts host) {
        return new DomainInfo(state(d), host.kib(d.maxPages()), host.kib(d.totPages()), d.onlineVcpus(),
                d.cpuTimeNanos());
    }

    /** A vCPU as libvirt reports it: blocked wins over running, an offline one runs on no CPU. */
    static VcpuInfo vcpu(VcpuEntry v, BitSet affinity) {
        int state = !v.online() ? VCPU_OFFLINE : v.blocked() ? VCPU_BLOCKED : VCPU_RUNNING;
        return new VcpuInfo(v.vcpu(), state, v.cpuTimeNanos(), v.online() ? v.cpu() : -1, affinity);
    }
}
