package org.jvirt.driver.xend;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.spi.DomainRef;

/**
 * A domain's resources through xend — memory, vCPUs and their pinning, disks and interfaces, the credit
 * scheduler — with libvirt's rules for which definition a change touches ({@link XendDomainAccess}): the
 * running domain through xend's operations, the next boot by redefining it. Stateless, thread-safe.
 */
final class XendResources {
    private final XendClient xend;
    private final XendDomainAccess domains;
    private final int configFormat;

    XendResources(XendClient xend, XendDomainAccess domains, int configFormat) {
        this.xend = xend;
        this.domains = domains;
        this.configFormat = configFormat;
    }

    private SexprList document(DomainRef domain) {
        return domains.document(domain);
    }

    void setMemory(DomainRef domain, long kib, ModificationImpact impact) {
        Optional<SexprList> live = domains.live(domain, impact);
        if (live.isPresent()) {
            long max = XendDocuments.number(live.get(), "maxmem") << 10;
            if (kib > max) {
                throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "cannot set memory of domain '" + domain.name()
                        + "' to " + kib + " KiB: its maximum is " + max + " KiB", domain.name());
            }
            xend.domainOp(domain.name(), "mem_target_set", "target", Long.toString(kib >> 10));
            return;
        }
        DomainDefinition next = domains.requireNextBoot(domain);
        if (kib > next.memoryKiB()) {
            throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "cannot set memory of domain '" + domain.name()
                    + "' to " + kib + " KiB: its maximum is " + next.memoryKiB() + " KiB", domain.name());
        }
        domains.redefine(next.toBuilder().currentMemoryKiB(kib).build());
    }

    void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact) {
        if (domains.isLive(domain, impact)) {
            throw XendDaemonErrors.worded(ErrorCode.OPERATION_INVALID, "cannot resize the maximum memory of running"
                    + " domain '" + domain.name() + "'", domain.name());
        }
        DomainDefinition next = domains.requireNextBoot(domain);
        domains.redefine(next.toBuilder().memoryKiB(kib).currentMemoryKiB(Math.min(kib, next.currentMemoryKiB()))
                .build());
    }

    void setVcpus(DomainRef domain, int count, ModificationImpact impact, Set<VcpuFlag> flags) {
        Optional<SexprList> running = domains.live(domain, impact);
        boolean live = running.isPresent();
        int max = live ? (int) XendDocuments.number(running.get(), "vcpus") : domains.requireNextBoot(domain).vcpus();
        if (count < 1 || count > max) {
            throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "domain '" + domain.name() + "' can have 1 to "
                    + max + " vCPUs, not " + count, domain.name());
        }
        if (live) {
            xend.domainOp(domain.name(), "vcpu_set", "vcpus", Integer.toString(count));
        } else {
            domains.redefine(domains.requireNextBoot(domain).toBuilder().currentVcpus(count).build());
        }
    }

    List<VcpuInfo> vcpuInfo(DomainRef domain) {
        domains.running(domain);
        return XendVcpus.info(xend.vcpuInfo(domain.name()));
    }

    int maxVcpus(DomainRef domain) {
        return (int) XendDocuments.number(document(domain), "vcpus");
    }

    void pinVcpu(DomainRef domain, int vcpu, BitSet cpus, ModificationImpact impact) {
        SexprList running = domains.live(domain, impact).orElseThrow(() -> XendDaemonErrors.worded(
                ErrorCode.OPERATION_INVALID, "xend pins the vCPUs of running domains only", domain.name()));
        long online = XendDocuments.onlineVcpus(running);
        if (vcpu < 0 || vcpu >= online) {
            throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "domain '" + domain.name() + "' has no vCPU " + vcpu,
                    domain.name());
        }
        xend.domainOp(domain.name(), "pincpu", "vcpu", Integer.toString(vcpu), "cpumap", XendVcpus.cpumap(cpus));
    }

    void attachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        Optional<SexprList> live = domains.live(domain, impact);
        if (live.isPresent()) {
            DomainDefinition running = domains.definition(live.get());
            XendDevices.checkAbsent(running, device);
            SexprList config = XendDevices.sexpr(running, device, configFormat);
            xend.domainOp(domain.name(), "device_create", "config", config.toString());
            return;
        }
        DomainDefinition next = domains.requireNextBoot(domain);
        XendDevices.checkAbsent(next, device);
        XendDevices.sexpr(next, device, configFormat);
        domains.redefine(next.toBuilder().addDevice(device).build());
    }

    void detachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        XendDevices.Id id = XendDevices.id(device);
        Optional<SexprList> live = domains.live(domain, impact);
        if (live.isPresent()) {
            XendDevices.checkPresent(domains.definition(live.get()), device);
            xend.domainOp(domain.name(), "device_destroy", "type", id.type(), "dev", id.dev());
            return;
        }
        DomainDefinition next = domains.requireNextBoot(domain);
        domains.redefine(next.toBuilder().devices(XendDevices.without(next, device)).build());
    }


    String schedulerType(DomainRef domain) {
        document(domain);
        return "credit";
    }

    List<TypedParameter> schedulerParameters(DomainRef domain, ModificationImpact impact) {
        if (!domains.isLive(domain, impact)) {
            SexprList next = domains.requireNextBootDocument(domain);
            return List.of(new TypedParameter("weight", (int) XendDocuments.number(next, "cpu_weight", 256)),
                    new TypedParameter("cap", (int) XendDocuments.number(next, "cpu_cap", 0)));
        }
        SexprList credit = xend.domainOp(domain.name(), "domain_sched_credit_get");
        return List.of(new TypedParameter("weight", XendVcpus.unsigned(credit, "weight")),
                new TypedParameter("cap", XendVcpus.unsigned(credit, "cap")));
    }

    void setSchedulerParameters(DomainRef domain, List<TypedParameter> parameters, ModificationImpact impact) {
        List<String> form = new ArrayList<>();
        for (TypedParameter p : parameters) {
            if (!p.name().equals("weight") && !p.name().equals("cap")) {
                throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "the credit scheduler has weight and cap, not '"
                        + p.name() + "'", domain.name());
            }
            if (!(p.value() instanceof Integer v) || v < 0) {
                throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "the credit scheduler's " + p.name()
                        + " is an unsigned int, not " + p.value(), domain.name());
            }
            form.add(p.name());
            form.add(String.valueOf(p.value()));
        }
        if (!domains.isLive(domain, impact)) {
            SexprList next = domains.requireNextBootDocument(domain);
            for (int i = 0; i < form.size(); i += 2) {
                next = XendDocuments.with(next, "cpu_" + form.get(i), form.get(i + 1));
            }
            domains.redefine(next);
            return;
        }
        xend.domainOp(domain.name(), "domain_sched_credit_set", form.toArray(String[]::new));
    }

    /**
     * The CPUs each vCPU may run on: a running domain's from xend's vcpuinfo, the next boot's from its
     * {@code cpus} (every CPU of the host without one).
     */
    List<BitSet> vcpuPinInfo(DomainRef domain, ModificationImpact impact, int hostCpus) {
        if (domains.isLive(domain, impact)) {
            List<BitSet> out = new ArrayList<>();
            for (VcpuInfo v : XendVcpus.info(xend.vcpuInfo(domain.name()))) {
                out.add(v.affinity());
            }
            return out;
        }
        DomainDefinition next = domains.requireNextBoot(domain);
        BitSet cpus = new BitSet();
        if (next.cpuset() != null) {
            cpus.or(org.jvirt.model.Bitmaps.parse(next.cpuset()));
        } else {
            cpus.set(0, hostCpus);
        }
        List<BitSet> out = new ArrayList<>();
        for (int i = 0; i < next.vcpus(); i++) {
            out.add((BitSet) cpus.clone());
        }
        return out;
    }

    /** Whether xend starts the domain with itself ({@code (on_xend_start start)}, xend 3.1). */
    boolean autostart(DomainRef domain) {
        return domains.requireNextBootDocument(domain).value("domain/on_xend_start").filter("start"::equals)
                .isPresent();
    }

    void setAutostart(DomainRef domain, boolean on) {
        domains.redefine(XendDocuments.with(domains.requireNextBootDocument(domain), "on_xend_start",
                on ? "start" : "ignore"));
    }
}
