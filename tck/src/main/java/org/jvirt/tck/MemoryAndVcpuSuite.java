package org.jvirt.tck;

import static org.jvirt.api.Operation.DOMAIN_CREATE_XML;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_GET_INFO;
import static org.jvirt.api.Operation.DOMAIN_GET_MAX_VCPUS;
import static org.jvirt.api.Operation.DOMAIN_GET_SCHEDULER_PARAMETERS;
import static org.jvirt.api.Operation.DOMAIN_GET_SCHEDULER_TYPE;
import static org.jvirt.api.Operation.DOMAIN_GET_VCPUS;
import static org.jvirt.api.Operation.DOMAIN_GET_VCPU_PIN_INFO;
import static org.jvirt.api.Operation.DOMAIN_PIN_VCPU;
import static org.jvirt.api.Operation.DOMAIN_SET_MAX_MEMORY;
import static org.jvirt.api.Operation.DOMAIN_SET_MEMORY;
import static org.jvirt.api.Operation.DOMAIN_SET_SCHEDULER_PARAMETERS;
import static org.jvirt.api.Operation.DOMAIN_SET_VCPUS;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VirtException;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuInfo;

/** Memory, vCPUs and the scheduler: changes within the limits stick, changes beyond them fail and change nothing.
 *
 * @since 1.0
 */
public abstract class MemoryAndVcpuSuite extends TckSuite {

    @Test
    public void setMemory() {
        if (!s.declaredElseNoSupport(DOMAIN_SET_MEMORY, d -> d.setMemory(65536))) {
            return;
        }
        s.require("seeing memory change", DOMAIN_GET_INFO);
        Domain d = s.runningDomain();
        DomainInfo before = d.info();
        long half = before.maxMemoryKiB() / 2;
        Expect.ok(DOMAIN_SET_MEMORY, () -> d.setMemory(half));
        Expect.check(d.info().memoryKiB() == half, "virDomainSetMemory(%d) of a running domain: memory is %d KiB",
                half, d.info().memoryKiB());
        Expect.fails(DOMAIN_SET_MEMORY, ErrorCode.INVALID_ARG, "the memory exceeds the maximum",
                () -> d.setMemory(before.maxMemoryKiB() * 2));
        Expect.check(d.info().memoryKiB() == half, "a refused virDomainSetMemory changes nothing");
        s.contract(DOMAIN_SET_MEMORY);
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.fails(DOMAIN_SET_MEMORY, ErrorCode.OPERATION_INVALID, "changing live memory of an inactive domain",
                    () -> inactive.setMemory(half, ModificationImpact.LIVE));
            Expect.ok(DOMAIN_SET_MEMORY, () -> inactive.setMemory(half, ModificationImpact.CURRENT));
            Expect.check(inactive.info().memoryKiB() == half, "virDomainSetMemoryFlags(CURRENT) of an inactive domain"
                    + " changes its definition: memory is %d KiB", inactive.info().memoryKiB());
        }
        if (s.declares(DOMAIN_CREATE_XML)) {
            Domain transientDomain = s.transientDomain();
            Expect.fails(DOMAIN_SET_MEMORY, ErrorCode.OPERATION_INVALID, "changing the configuration of a transient"
                    + " domain", () -> transientDomain.setMemory(half, ModificationImpact.CONFIG));
        }
    }

    @Test
    public void setMaxMemory() {
        if (!s.declaredElseNoSupport(DOMAIN_SET_MAX_MEMORY, d -> d.setMaxMemory(262144))) {
            return;
        }
        s.require("seeing the maximum change", DOMAIN_GET_INFO);
        Domain d = s.definedDomain();
        long max = d.info().maxMemoryKiB();
        Expect.ok(DOMAIN_SET_MAX_MEMORY, () -> d.setMaxMemory(max * 2));
        Expect.check(d.info().maxMemoryKiB() == max * 2, "virDomainSetMaxMemory(%d) of an inactive domain: max is %d",
                max * 2, d.info().maxMemoryKiB());
        s.contract(DOMAIN_SET_MAX_MEMORY);
        Domain running = s.runningDomain();
        long runningMax = running.info().maxMemoryKiB();
        Expect.fails(DOMAIN_SET_MAX_MEMORY, ErrorCode.OPERATION_INVALID, "resizing the maximum of a running domain",
                () -> running.setMaxMemory(runningMax * 2, ModificationImpact.LIVE));
        Expect.check(running.info().maxMemoryKiB() == runningMax, "a refused virDomainSetMaxMemory changes nothing");
    }

    @Test
    public void setVcpus() {
        if (!s.declaredElseNoSupport(DOMAIN_SET_VCPUS, d -> d.setVcpus(1))) {
            return;
        }
        s.require("seeing vCPUs change", DOMAIN_GET_INFO);
        Domain d = s.runningDomain();
        int max = s.declares(DOMAIN_GET_MAX_VCPUS) ? d.maxVcpus() : d.info().vcpus();
        Expect.fails(DOMAIN_SET_VCPUS, ErrorCode.INVALID_ARG, "the count exceeds the domain's maximum",
                () -> d.setVcpus(max + 1));
        Expect.ok(DOMAIN_SET_VCPUS, () -> d.setVcpus(1));
        Expect.check(d.info().vcpus() == 1, "virDomainSetVcpus(1) of a running domain: it has %d", d.info().vcpus());
        s.contract(DOMAIN_SET_VCPUS);
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.fails(DOMAIN_SET_VCPUS, ErrorCode.OPERATION_INVALID, "changing live vCPUs of an inactive domain",
                    () -> inactive.setVcpus(1, ModificationImpact.LIVE));
            // The maximum of the definition: lowered, or refused as unsupported (INVALID_ARG), never half done.
            try {
                inactive.setVcpus(1, ModificationImpact.CONFIG, VcpuFlag.MAXIMUM);
                if (s.declares(DOMAIN_GET_MAX_VCPUS)) {
                    Expect.check(inactive.maxVcpus() == 1, "after setting the maximum to 1 it is %d",
                            inactive.maxVcpus());
                }
            } catch (VirtException e) {
                Expect.check(e.code() == ErrorCode.INVALID_ARG, "a driver without VIR_DOMAIN_VCPU_MAXIMUM refuses it with"
                        + " INVALID_ARG, not %s (%s)", e.code(), e.getMessage());
            }
            Expect.fails(DOMAIN_SET_VCPUS, ErrorCode.INVALID_ARG, "the maximum of a running domain",
                    () -> d.setVcpus(1, ModificationImpact.LIVE, VcpuFlag.MAXIMUM));
        }
    }

    @Test
    public void vcpuInfoAndMaximum() {
        boolean vcpus = s.declaredElseNoSupport(DOMAIN_GET_VCPUS, Domain::vcpuInfo);
        boolean max = s.declaredElseNoSupport(DOMAIN_GET_MAX_VCPUS, Domain::maxVcpus);
        if (!vcpus && !max) {
            return;
        }
        Domain d = s.runningDomain();
        if (vcpus) {
            s.require("comparing vCPU details with the count", DOMAIN_GET_INFO);
            List<VcpuInfo> infos = Expect.ok(DOMAIN_GET_VCPUS, d::vcpuInfo);
            int count = d.info().vcpus();
            Expect.check(infos.size() == count, "virDomainGetVcpus lists each of the %d vCPUs, got %d", count,
                    infos.size());
            Set<Integer> numbers = new HashSet<>();
            for (VcpuInfo v : infos) {
                numbers.add(v.number());
                Expect.check(!v.affinity().isEmpty(), "vCPU %d may run on some host CPU", v.number());
            }
            Expect.check(numbers.size() == count && numbers.stream().allMatch(n -> n >= 0 && n < count),
                    "vCPUs are numbered 0..%d, got %s", count - 1, numbers);
            s.contract(DOMAIN_GET_VCPUS);
            if (s.declares(DOMAIN_DEFINE_XML)) {
                Domain inactive = s.definedDomain();
                Expect.fails(DOMAIN_GET_VCPUS, ErrorCode.OPERATION_INVALID, "the domain is not running",
                        inactive::vcpuInfo);
            }
        }
        if (max) {
            int m = Expect.ok(DOMAIN_GET_MAX_VCPUS, d::maxVcpus);
            Expect.check(m >= 1, "virDomainGetMaxVcpus is at least 1, got %d", m);
            if (s.declares(DOMAIN_GET_INFO)) {
                Expect.check(m >= d.info().vcpus(), "virDomainGetMaxVcpus (%d) is at least the vCPU count (%d)", m,
                        d.info().vcpus());
            }
            s.contract(DOMAIN_GET_MAX_VCPUS);
        }
    }

    @Test
    public void pinVcpu() {
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        if (!s.declaredElseNoSupport(DOMAIN_PIN_VCPU, d -> d.pinVcpu(0, cpu0))) {
            return;
        }
        Domain d = s.runningDomain();
        Expect.ok(DOMAIN_PIN_VCPU, () -> d.pinVcpu(0, cpu0));
        if (s.declares(DOMAIN_GET_VCPUS)) {
            VcpuInfo first = d.vcpuInfo().get(0);
            Expect.check(first.affinity().equals(cpu0), "after pinning vCPU 0 to CPU 0 its affinity is {0}, got %s",
                    first.affinity());
        }
        int count = s.declares(DOMAIN_GET_INFO) ? d.info().vcpus() : 4096;
        Expect.fails(DOMAIN_PIN_VCPU, ErrorCode.INVALID_ARG, "the vCPU does not exist", () -> d.pinVcpu(count, cpu0));
        s.contract(DOMAIN_PIN_VCPU);
    }

    @Test
    public void vcpuPinInfo() {
        if (!s.declaredElseNoSupport(DOMAIN_GET_VCPU_PIN_INFO, d -> d.vcpuPinInfo(ModificationImpact.CURRENT))) {
            return;
        }
        Domain running = s.runningDomain();
        List<BitSet> live = Expect.ok(DOMAIN_GET_VCPU_PIN_INFO, () -> running.vcpuPinInfo(ModificationImpact.LIVE));
        Expect.check(!live.isEmpty() && live.stream().noneMatch(BitSet::isEmpty),
                "virDomainGetVcpuPinInfo of a running domain answers a non-empty CPU set per vCPU, got %s", live);
        if (s.declares(DOMAIN_GET_MAX_VCPUS)) {
            Expect.check(live.size() == running.maxVcpus(), "virDomainGetVcpuPinInfo answers one set per vCPU up to"
                    + " the maximum (%s), got %s", running.maxVcpus(), live.size());
        }
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain defined = s.definedDomain();
            List<BitSet> config = Expect.ok(DOMAIN_GET_VCPU_PIN_INFO,
                    () -> defined.vcpuPinInfo(ModificationImpact.CURRENT));
            Expect.check(!config.isEmpty(), "virDomainGetVcpuPinInfo answers for an inactive domain");
            Expect.fails(DOMAIN_GET_VCPU_PIN_INFO, ErrorCode.OPERATION_INVALID, "LIVE on an inactive domain",
                    () -> defined.vcpuPinInfo(ModificationImpact.LIVE));
        }
        s.contract(DOMAIN_GET_VCPU_PIN_INFO);
    }

    @Test
    public void schedulerParameters() {
        boolean type = s.declaredElseNoSupport(DOMAIN_GET_SCHEDULER_TYPE, Domain::schedulerType);
        boolean get = s.declaredElseNoSupport(DOMAIN_GET_SCHEDULER_PARAMETERS, Domain::schedulerParameters);
        boolean set = s.declaredElseNoSupport(DOMAIN_SET_SCHEDULER_PARAMETERS, d -> d.setSchedulerParameters(List.of()));
        if (!type && !get && !set) {
            return;
        }
        Domain d = s.runningDomain();
        if (type) {
            String name = Expect.ok(DOMAIN_GET_SCHEDULER_TYPE, d::schedulerType);
            Expect.check(name != null && !name.isBlank(), "virDomainGetSchedulerType names the scheduler");
            s.contract(DOMAIN_GET_SCHEDULER_TYPE);
        }
        if (get) {
            List<TypedParameter> params = Expect.ok(DOMAIN_GET_SCHEDULER_PARAMETERS, () -> d.schedulerParameters());
            Expect.check(params.stream().map(TypedParameter::name).distinct().count() == params.size(),
                    "scheduler parameters have distinct names: %s", params);
            s.contract(DOMAIN_GET_SCHEDULER_PARAMETERS);
            if (set) {
                Expect.ok(DOMAIN_SET_SCHEDULER_PARAMETERS, () -> d.setSchedulerParameters(params));
                Expect.check(d.schedulerParameters().equals(params), "setting the parameters to their values"
                        + " changes nothing");
                String unknown = "tck-no-such-parameter-" + UUID.randomUUID().toString().substring(0, 8);
                Expect.failsWithOneOf(DOMAIN_SET_SCHEDULER_PARAMETERS,
                        Set.of(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorCode.INVALID_ARG), "the parameter is unknown",
                        () -> d.setSchedulerParameters(List.of(new TypedParameter(unknown, 1))));
                Expect.check(d.schedulerParameters().equals(params), "a refused change changes nothing");
                s.contract(DOMAIN_SET_SCHEDULER_PARAMETERS);
            }
            if (s.declares(DOMAIN_DEFINE_XML)) {
                Domain inactive = s.definedDomain();
                Expect.fails(DOMAIN_GET_SCHEDULER_PARAMETERS, ErrorCode.OPERATION_INVALID, "LIVE on an inactive domain",
                        () -> inactive.schedulerParameters(ModificationImpact.LIVE));
                Expect.ok(DOMAIN_GET_SCHEDULER_PARAMETERS, () -> inactive.schedulerParameters(ModificationImpact.CONFIG));
            }
        }
    }
}
