package org.jvirt.driver.hypercall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.Operation;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.jvirt.driver.hypercall.privcmd.Errno;
import org.jvirt.driver.hypercall.privcmd.SimulatedXen;
import org.jvirt.driver.hypercall.privcmd.XenAbi;
import org.jvirt.model.CapabilitiesDefinition;
import org.jvirt.model.CapabilitiesXml;
import org.jvirt.model.GuestCapabilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver through the core, against a simulated Xen 4.17 with Domain-0 and one guest: what libvirt's
 * operations answer, what they change in the hypervisor, and what the driver refuses or declines.
 */
class HypercallDriverTest {
    static final UUID GUEST = UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");

    SimulatedXen xen;
    Connection conn;

    @BeforeEach
    void host() {
        xen = SimulatedXen.xen417();
        xen.addDomain(7, GUEST, false, 32768, 2);
        conn = SimulatedHosts.open(xen, false);
    }

    @AfterEach
    void noBufferLeft() {
        conn.close();
        assertThat(xen.buffers().live()).isZero();
    }

    @Test
    void theHypervisorNamesItselfAndItsVersion() {
        assertThat(conn.type()).isEqualTo("Xen");
        assertThat(conn.version()).isEqualTo(4_017_000L);
        assertThat(conn.maxVcpus(null)).isEqualTo(32);
        assertThat(conn.maxVcpus("hvm")).isEqualTo(128);
    }

    @Test
    void theNodeIsWhatPhysinfoSays() {
        NodeInfo n = conn.nodeInfo();
        assertThat(n).isEqualTo(new NodeInfo("x86_64", SimulatedXen.TOTAL_PAGES * 4, 4, 2400, 1, 1, 2, 2));
        long free = (SimulatedXen.TOTAL_PAGES - 131072 - 32768) * 4096;
        assertThat(conn.freeMemory()).isEqualTo(free);
        assertThat(conn.cellsFreeMemory(0, 8)).containsExactly(free);
        assertThatThrownBy(() -> conn.cellsFreeMemory(1, 1)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
    }

    @Test
    void capabilitiesAreLibvirtsReadingOfTheHypervisorsCapabilityString() {
        CapabilitiesDefinition caps = CapabilitiesXml.parse(conn.capabilities());
        assertThat(caps.host().arch()).isEqualTo("x86_64");
        assertThat(caps.host().cpuFeatures()).containsExactly("vmx", "pae");
        assertThat(caps.guests()).extracting(g -> g.osType() + " " + g.arch()).containsExactly("xen x86_64",
                "xen i686", "hvm i686", "hvm x86_64");
        GuestCapabilities hvm32 = caps.guests().get(2);
        assertThat(hvm32.features()).containsExactly("pae", "nonpae", "acpi", "apic");
        assertThat(hvm32.machines()).extracting(m -> m.name()).containsExactly("xenfv");
        assertThat(caps.guests().get(1).features()).containsExactly("pae");
        assertThat(caps.guests().get(0).domainTypes()).containsExactly("xen");
    }

    @Test
    void runningDomainsAreListedCountedAndFoundByIdAndUuid() {
        assertThat(conn.activeDomainIds()).containsExactly(0, 7);
        assertThat(conn.activeDomainCount()).isEqualTo(2);
        assertThat(conn.listAllDomains()).extracting(Domain::name).containsExactly("Domain-0", "Domain-7");
        assertThat(conn.listAllDomains(DomainListFilter.INACTIVE)).isEmpty();
        assertThat(conn.listAllDomains(DomainListFilter.PERSISTENT)).isEmpty();
        Domain g = conn.domainById(7);
        assertThat(g.uuid()).isEqualTo(GUEST);
        assertThat(g.id()).isEqualTo(7);
        assertThat(conn.domainByUuid(GUEST)).isEqualTo(g);
        assertThat(conn.domainById(0).uuid()).isEqualTo(new UUID(0, 0));
        assertNoDomain(() -> conn.domainById(8));
        assertNoDomain(() -> conn.domainById(999_999));
        assertNoDomain(() -> conn.domainByUuid(UUID.randomUUID()));
        assertThat(conn.supports(Operation.DOMAIN_LOOKUP_BY_NAME)).isFalse();
    }

    @Test
    void infoAndStateComeFromDomainInfo() {
        Domain g = conn.domainById(7);
        DomainInfo i = g.info();
        assertThat(i).isEqualTo(new DomainInfo(DomainState.RUNNING, 131072, 131072, 2, 3_000_000L));
        assertThat(g.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(g.isActive()).isTrue();
        assertThat(g.osType()).isEqualTo("linux");
        xen.domain(7).idle(true);
        assertThat(g.state().state()).isEqualTo(DomainState.BLOCKED);
        xen.domain(7).shutDown(3);
        assertThat(g.state().state()).isEqualTo(DomainState.CRASHED);
        xen.domain(7).shutDown(0);
        assertThat(g.info().state()).isEqualTo(DomainState.SHUTDOWN);
        assertThat(g.isActive()).isTrue();
        xen.domain(7).dying();
        assertThat(g.state().state()).isEqualTo(DomainState.SHUTDOWN);
        xen.addDomain(9, UUID.randomUUID(), true, 1024, 1);
        assertThat(conn.domainById(9).osType()).isEqualTo("hvm");
    }

    @Test
    void suspendAndResumePauseAndUnpauseOnce() {
        Domain g = conn.domainById(7);
        g.suspend();
        assertThat(g.state().state()).isEqualTo(DomainState.PAUSED);
        assertThat(conn.listAllDomains(DomainListFilter.PAUSED)).containsExactly(g);
        assertThatThrownBy(g::suspend).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
        g.resume();
        assertThat(g.state().state()).isEqualTo(DomainState.RUNNING);
        assertThatThrownBy(g::resume).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
        assertThat(xen.calls("XEN_DOMCTL_pausedomain")).isEqualTo(1);
        assertThat(xen.calls("XEN_DOMCTL_unpausedomain")).isEqualTo(1);
    }

    @Test
    void destroyRemovesTheDomainAndItsHandleThenFindsNothing() {
        Domain g = conn.domainById(7);
        g.destroy();
        assertThat(conn.activeDomainIds()).containsExactly(0);
        assertNoDomain(g::info);
        assertNoDomain(g::state);
        assertNoDomain(() -> conn.domainByUuid(GUEST));
    }

    @Test
    void theHypervisorsRefusalToDestroyItsCallerComesBackNamingTheCall() {
        Domain dom0 = conn.domainById(0);
        assertThatThrownBy(() -> dom0.destroy()).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(e.domain()).isEqualTo(ErrorDomain.XEN);
            assertThat(e.getMessage()).isEqualTo("failed Xen syscall domctl XEN_DOMCTL_destroydomain of domain 0:"
                    + " EINVAL (22, Invalid argument)");
        });
        assertThat(conn.activeDomainIds()).containsExactly(0, 7);
    }

    @Test
    void aHandleIsNeverTurnedOnADomainThatReusedItsId() {
        Domain g = conn.domainById(7);
        xen.removeDomain(7);
        xen.addDomain(7, UUID.randomUUID(), false, 1024, 1);
        assertNoDomain(g::info);
        assertNoDomain(g::suspend);
        assertThat(xen.domain(7).flags() & 8).isZero();
    }

    @Test
    void maximumMemoryIsChangedLiveAndDeclinedForTheDefinition() {
        Domain g = conn.domainById(7);
        g.setMaxMemory(262144, ModificationImpact.LIVE);
        assertThat(g.info().maxMemoryKiB()).isEqualTo(262144);
        g.setMaxMemory(196608);
        assertThat(g.info().maxMemoryKiB()).isEqualTo(196608);
        assertThatThrownBy(() -> g.setMaxMemory(65536, ModificationImpact.CONFIG))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                    assertThat(e.getMessage()).contains("persistent definition");
                });
        assertThat(g.info().maxMemoryKiB()).isEqualTo(196608);
    }

    @Test
    void vcpusAreSetWithMaxVcpusAsLibvirtDidAndXen417RefusesAnotherCount() {
        Domain g = conn.domainById(7);
        g.setVcpus(2);
        assertThatThrownBy(() -> g.setVcpus(1)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(e.getMessage()).contains("XEN_DOMCTL_max_vcpus of domain 7 to 1: EINVAL");
        });
        assertThatThrownBy(() -> g.setVcpus(2, ModificationImpact.CONFIG)).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
    }

    @Test
    void vcpusAreListedWithStateTimeCpuAndAffinity() {
        Domain g = conn.domainById(7);
        assertThat(g.maxVcpus()).isEqualTo(2);
        List<VcpuInfo> v = g.vcpuInfo();
        assertThat(v).hasSize(2);
        assertThat(v.get(1).number()).isEqualTo(1);
        assertThat(v.get(1).state()).isEqualTo(1);
        assertThat(v.get(1).cpuTimeNanos()).isEqualTo(2_000_000L);
        assertThat(v.get(1).affinity()).isEqualTo(bits(0, 1, 2, 3));
        xen.domain(7).idle(true);
        xen.domain(7).offline(1);
        List<VcpuInfo> after = g.vcpuInfo();
        assertThat(after).hasSize(1);
        assertThat(after.get(0).state()).isEqualTo(2);
        assertThat(g.info().vcpus()).isEqualTo(1);
        assertThat(g.maxVcpus()).isEqualTo(2);
    }

    @Test
    void pinningChangesTheAffinityTheHypervisorReports() {
        Domain g = conn.domainById(7);
        g.pinVcpu(1, bits(2));
        assertThat(g.vcpuInfo().get(1).affinity()).isEqualTo(bits(2));
        assertThat(g.vcpuInfo().get(1).cpu()).isEqualTo(2);
        assertThat(g.vcpuPinInfo(ModificationImpact.LIVE)).containsExactly(bits(0, 1, 2, 3), bits(2));
        assertInvalidArg(() -> g.pinVcpu(2, bits(0)));
        assertInvalidArg(() -> g.pinVcpu(0, bits(4)));
        assertInvalidArg(() -> g.pinVcpu(0, bits(0), ModificationImpact.CONFIG));
        assertInvalidArg(() -> g.vcpuPinInfo(ModificationImpact.CONFIG));
        assertThat(g.vcpuPinInfo(ModificationImpact.CURRENT).get(1)).isEqualTo(bits(2));
    }

    @Test
    void aRefusedHypercallReachesTheCallerAsXenCall() {
        xen.failNext("XEN_DOMCTL_getvcpuinfo", Errno.EFAULT);
        assertThatThrownBy(() -> conn.domainById(7).vcpuInfo()).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(e.getMessage()).contains("XEN_DOMCTL_getvcpuinfo of domain 7, vCPU 0: EFAULT (14");
        });
        xen.failAlways("XEN_SYSCTL_getdomaininfolist", Errno.EPERM);
        assertThatThrownBy(conn::activeDomainIds).hasMessageContaining("XEN_SYSCTL_getdomaininfolist from domain 0:"
                + " EPERM");
        xen.heal();
        assertThat(conn.activeDomainIds()).containsExactly(0, 7);
    }

    @Test
    void readOnlyConnectionsReadButChangeNothing() {
        try (Connection ro = SimulatedHosts.open(xen, true)) {
            Domain g = ro.domainById(7);
            assertThat(g.info().state()).isEqualTo(DomainState.RUNNING);
            assertThatThrownBy(g::suspend).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED));
        }
        assertThat(xen.calls("XEN_DOMCTL_pausedomain")).isZero();
    }

    @Test
    void whatTheDriverDoesNotDoIsNotDeclared() {
        for (Operation op : List.of(Operation.DOMAIN_LOOKUP_BY_NAME, Operation.DOMAIN_DEFINE_XML,
                Operation.DOMAIN_CREATE_XML, Operation.DOMAIN_SHUTDOWN, Operation.DOMAIN_GET_XML_DESC,
                Operation.DOMAIN_SET_MEMORY, Operation.CONNECT_LIST_DEFINED_DOMAINS)) {
            assertThat(conn.supports(op)).as(op.libvirtName()).isFalse();
        }
        for (Operation op : List.of(Operation.CONNECT_GET_TYPE, Operation.NODE_GET_INFO, Operation.DOMAIN_SUSPEND,
                Operation.DOMAIN_DESTROY, Operation.DOMAIN_PIN_VCPU, Operation.DOMAIN_GET_VCPUS,
                Operation.DOMAIN_SET_MAX_MEMORY, Operation.CONNECT_LIST_ALL_DOMAINS)) {
            assertThat(conn.supports(op)).as(op.libvirtName()).isTrue();
        }
    }

    static void assertNoDomain(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
    }

    static void assertInvalidArg(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
    }

    static BitSet bits(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return b;
    }
}
