package org.jvirt.driver.xend;

import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xend.config.XendConfig;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.spi.DomainRef;

/**
 * What the driver reads of a domain's {@code (domain ...)} document besides its definition, as libvirt
 * 0.4.4's {@code sexpr_to_domain} and {@code sexpr_to_xend_domain_info}: the reference (name, UUID, id),
 * the state from xend's six letters, memory in MiB, vCPUs and CPU time in seconds. Stateless.
 */
final class XendDocuments {
    private XendDocuments() {
    }

    static DomainRef ref(SexprList domain) {
        String name = domain.value("domain/name").orElseThrow(() -> incomplete("name"));
        String uuid = domain.value("domain/uuid").orElseThrow(() -> incomplete("uuid"));
        return new DomainRef(name, XendConfig.uuid(uuid), XendConfig.domainId(domain));
    }

    /** The state xend's flags say, the most telling first: crashed, shutdown, dying, paused, blocked, running. */
    static DomainStateReason state(SexprList domain) {
        if (XendConfig.domainId(domain) < 0) {
            return DomainStateReason.SHUTOFF_UNKNOWN;
        }
        String flags = domain.value("domain/state").orElse(null);
        if (flags == null) {
            return DomainStateReason.NOSTATE_UNKNOWN;
        }
        if (flags.indexOf('c') >= 0) {
            return DomainStateReason.CRASHED_UNKNOWN;
        }
        if (flags.indexOf('s') >= 0) {
            return DomainStateReason.SHUTDOWN_UNKNOWN;
        }
        if (flags.indexOf('d') >= 0) {
            return DomainStateReason.SHUTOFF_UNKNOWN;
        }
        if (flags.indexOf('p') >= 0) {
            return DomainStateReason.PAUSED_UNKNOWN;
        }
        if (flags.indexOf('b') >= 0) {
            return DomainStateReason.BLOCKED_UNKNOWN;
        }
        if (flags.indexOf('r') >= 0) {
            return DomainStateReason.RUNNING_UNKNOWN;
        }
        return DomainStateReason.NOSTATE_UNKNOWN;
    }

    static DomainInfo info(SexprList domain) {
        DomainState state = state(domain).state();
        long vcpus = onlineVcpus(domain);
        return new DomainInfo(state, number(domain, "maxmem") << 10, number(domain, "memory") << 10, (int) vcpus,
                (long) (real(domain, "cpu_time") * 1e9));
    }

    /** The vCPUs online: {@code online_vcpus} of a running domain, else those {@code vcpu_avail} marks. */
    static long onlineVcpus(SexprList domain) {
        if (domain.value("domain/online_vcpus").isPresent()) {
            return number(domain, "online_vcpus");
        }
        long max = number(domain, "vcpus");
        String avail = domain.value("domain/vcpu_avail").orElse(null);
        if (avail == null) {
            return max;
        }
        try {
            return Math.min(max, Long.bitCount(Long.parseLong(avail.trim())));
        } catch (NumberFormatException e) {
            throw XendDaemonErrors.worded(ErrorCode.INTERNAL_ERROR, "domain information incorrect: vcpu_avail '"
                    + avail + "' is not a number", null);
        }
    }

    static long number(SexprList domain, String key) {
        return (long) real(domain, key);
    }

    /** {@code key}'s number, or {@code absent} when the document has none. */
    static long number(SexprList domain, String key, long absent) {
        return domain.value("domain/" + key).isPresent() ? number(domain, key) : absent;
    }

    /** The document with {@code (key value)} set: replaced where it is, else added at the end. */
    static SexprList with(SexprList domain, String key, String value) {
        java.util.List<Sexpr> items = new java.util.ArrayList<>(domain.items());
        SexprList entry = Sexpr.entry(key, value);
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i) instanceof SexprList l && l.isNamed(key)) {
                items.set(i, entry);
                return Sexpr.list(items);
            }
        }
        items.add(entry);
        return Sexpr.list(items);
    }

    /** A domain's document as the configuration xend takes: {@code (vm ...)}, without the run-time items. */
    static SexprList asConfig(SexprList domain) {
        java.util.List<Sexpr> items = new java.util.ArrayList<>();
        items.add(Sexpr.atom("vm"));
        for (int i = 1; i < domain.size(); i++) {
            if (!(domain.get(i) instanceof SexprList l && l.name().filter(RUNTIME::contains).isPresent())) {
                items.add(domain.get(i));
            }
        }
        return Sexpr.list(items);
    }

    /** What xend adds to a domain's document at run time; never part of its configuration. */
    private static final java.util.List<String> RUNTIME = java.util.List.of("domid", "state", "cpu_time",
            "online_vcpus", "status", "start_time", "up_time");

    private static double real(SexprList domain, String key) {
        String v = domain.value("domain/" + key).orElse("0");
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw XendDaemonErrors.worded(ErrorCode.INTERNAL_ERROR, "domain information incorrect: " + key + " '" + v
                    + "' is not a number", null);
        }
    }

    private static org.jvirt.api.VirtException incomplete(String what) {
        return XendDaemonErrors.worded(ErrorCode.INTERNAL_ERROR, "domain information incomplete, missing " + what,
                null);
    }
}
