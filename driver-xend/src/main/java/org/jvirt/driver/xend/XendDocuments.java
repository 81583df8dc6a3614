package org.jvirt.driver.xend;

import java.util.UUID;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xend.config.XendConfig;
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
        return new DomainRef(name, uuid(uuid), XendConfig.domainId(domain));
    }

    /** xend wrote UUIDs with dashes or as 32 bare hex digits; libvirt kept the hex digits. */
    static UUID uuid(String text) {
        String hex = text.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{32}")) {
            throw XendDaemonErrors.worded(ErrorCode.INTERNAL_ERROR, "domain information incorrect: uuid '" + text
                    + "'", null);
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
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
        long vcpus = number(domain, "vcpus");
        return new DomainInfo(state, number(domain, "maxmem") << 10, number(domain, "memory") << 10, (int) vcpus,
                (long) (real(domain, "cpu_time") * 1e9));
    }

    static long number(SexprList domain, String key) {
        return (long) real(domain, key);
    }

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
