package org.jvirt.driver.hypercall.privcmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed hypercalls against the simulated hypervisor, for every interface version: what they write is
 * what Xen reads, what Xen answers is what they return, a refused call names itself and the errno, and no
 * call, answered or refused, leaves a buffer allocated or memory locked.
 */
class XenCallsTest {
    private static final UUID GUEST = UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");

    private long lockedBefore;
    private SimulatedXen xen;

    @BeforeEach
    void lockedMemoryBefore() {
        lockedBefore = LockedMemory.kib();
    }

    @AfterEach
    void nothingLeaksNorStaysLocked() {
        if (xen != null) {
            assertThat(xen.buffers().live()).as("hypercall buffers still allocated").isZero();
        }
        assertThat(LockedMemory.kib()).as("locked memory, KiB").isEqualTo(lockedBefore);
    }

    private XenCalls open(XenAbi abi) {
        xen = new SimulatedXen(abi, 3 << 16 | 2);
        xen.addDomain(7, GUEST, false, 32768, 2);
        return XenCalls.detect(xen.connect());
    }

    static Stream<XenAbi> versions() {
        return XenAbi.known().stream();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void detectionFindsTheVersionTheHypervisorSpeaks(XenAbi abi) {
        XenCalls calls = open(abi);
        assertThat(calls.abi()).isSameAs(abi);
        assertThat(calls.version()).isEqualTo(3 << 16 | 2);
        // As libvirt: a getdomaininfolist per version, newest first, until one answers it and a getvcpuinfo.
        assertThat(xen.calls("XEN_SYSCTL_getdomaininfolist")).isEqualTo(XenAbi.known().indexOf(abi) + 1);
        assertThat(xen.calls("XEN_DOMCTL_getvcpuinfo")).isBetween(1, 2);
    }

    @Test
    void aHypervisorOfUnknownVersionsIsRefusedNamingEveryVersionTried() {
        xen = new SimulatedXen(XenAbi.XEN_4_17, 4 << 16 | 18, 0x16, 0x16);
        assertThatThrownBy(() -> XenCalls.detect(xen.connect())).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(e.domain()).isEqualTo(ErrorDomain.XEN);
            assertThat(e.getMessage()).contains("Xen 4.18").contains("no known interface version answered");
            for (XenAbi abi : XenAbi.known()) {
                assertThat(e.getMessage()).contains(abi.description());
            }
            assertThat(e.getMessage()).contains("XEN_SYSCTL_getdomaininfolist").contains("EACCES (13");
        });
    }

    @Test
    void aSysctlVersionKnownWithAnUnknownDomctlVersionIsRefused() {
        // Sysctl 2 answers, but neither domctl 3 nor 4 does: libvirt's probe order tries both, then gives up.
        xen = new SimulatedXen(XenAbi.FEDORA_7, 3 << 16, 2, 7);
        assertThatThrownBy(() -> XenCalls.detect(xen.connect())).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("XEN_DOMCTL_getvcpuinfo of domain 0, vCPU 0: EACCES"));
    }

    @Test
    void aFailedXenVersionNamesItsCallAndErrno() {
        xen = SimulatedXen.xen417();
        xen.failNext("xen_version", Errno.EPERM);
        assertThatThrownBy(() -> XenCalls.detect(xen.connect())).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).isEqualTo(
                        "failed Xen syscall xen_version XENVER_version: EPERM (1, Operation not permitted)"));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void domainsAreReadAsXenWroteThem(XenAbi abi) {
        XenCalls calls = open(abi);
        xen.domain(7).idle(true);
        List<DomainEntry> all = calls.domains();
        assertThat(all).extracting(DomainEntry::id).containsExactly(0, 7);
        DomainEntry g = calls.domain(7).orElseThrow();
        assertThat(g.uuid()).isEqualTo(GUEST);
        assertThat(g.totPages()).isEqualTo(32768);
        assertThat(g.maxPages()).isEqualTo(32768);
        assertThat(g.onlineVcpus()).isEqualTo(2);
        assertThat(g.maxVcpuId()).isEqualTo(1);
        assertThat(g.cpuTimeNanos()).isEqualTo(3_000_000L);
        assertThat(g.blocked()).isTrue();
        assertThat(g.running() || g.paused() || g.dying() || g.shutdown() || g.hvm()).isFalse();
        assertThat(calls.domain(0).orElseThrow().uuid()).isEqualTo(new UUID(0, 0));
        assertThat(calls.domain(5)).isEmpty();
        assertThat(calls.domain(8)).isEmpty();
    }

    @Test
    void hundredsOfDomainsAreListedInBatches() {
        XenCalls calls = open(XenAbi.XEN_4_17);
        for (int id = 10; id < 10 + 300; id++) {
            xen.addDomain(id, UUID.randomUUID(), id % 2 == 0, 1024, 1);
        }
        List<DomainEntry> all = calls.domains();
        assertThat(all).hasSize(302);
        assertThat(all).extracting(DomainEntry::id).isSorted().doesNotHaveDuplicates();
        assertThat(xen.calls("XEN_SYSCTL_getdomaininfolist")).isGreaterThanOrEqualTo(1 + 3);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void pauseUnpauseMemoryAndVcpusChangeTheDomain(XenAbi abi) {
        XenCalls calls = open(abi);
        calls.pause(7);
        assertThat(calls.domain(7).orElseThrow().paused()).isTrue();
        calls.unpause(7);
        assertThat(calls.domain(7).orElseThrow().paused()).isFalse();
        calls.setMaxMemory(7, 262144);
        assertThat(calls.domain(7).orElseThrow().maxPages()).isEqualTo(65536);
        calls.setMaxVcpus(7, 2);
        VcpuEntry v = calls.vcpu(7, 1);
        assertThat(v.vcpu()).isEqualTo(1);
        assertThat(v.online() && v.running() && !v.blocked()).isTrue();
        assertThat(v.cpuTimeNanos()).isEqualTo(2_000_000L);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void affinityIsWrittenAndReadAsABitmap(XenAbi abi) {
        XenCalls calls = open(abi);
        assertThat(calls.vcpuAffinity(7, 0, SimulatedXen.CPUS)).isEqualTo(bits(0, 1, 2, 3));
        calls.setVcpuAffinity(7, 0, bits(1, 3), SimulatedXen.CPUS);
        assertThat(calls.vcpuAffinity(7, 0, SimulatedXen.CPUS)).isEqualTo(bits(1, 3));
        assertThat(calls.vcpuAffinity(7, 1, SimulatedXen.CPUS)).isEqualTo(bits(0, 1, 2, 3));
        assertThat(calls.vcpu(7, 0).cpu()).isEqualTo(1);
    }

    @Test
    void xenVersionAnswersPageSizeAndCapabilities() {
        XenCalls calls = open(XenAbi.XEN_4_17);
        assertThat(calls.pageSize()).isEqualTo(4096);
        assertThat(calls.capabilities()).isEqualTo(SimulatedXen.CAPABILITIES);
    }

    @Test
    void physinfoOfEachVersionWithOne() {
        for (XenAbi abi : List.of(XenAbi.XEN_4_17, XenAbi.XEN_3_2, XenAbi.XEN_3_1)) {
            XenCalls calls = open(abi);
            PhysInfo p = calls.physinfo().orElseThrow();
            assertThat(p.nrCpus()).as(abi.description()).isEqualTo(SimulatedXen.CPUS);
            assertThat(p.maxCpuId()).isEqualTo(SimulatedXen.CPUS - 1);
            assertThat(p.threadsPerCore()).isEqualTo(2);
            assertThat(p.coresPerSocket()).isEqualTo(2);
            assertThat(p.nrNodes()).isEqualTo(1);
            assertThat(p.cpuKhz()).isEqualTo(2_400_000);
            assertThat(p.totalPages()).isEqualTo(SimulatedXen.TOTAL_PAGES);
            assertThat(p.freePages()).isEqualTo(SimulatedXen.TOTAL_PAGES - 131072 - 32768);
            assertThat(p.hvm()).isEqualTo(abi == XenAbi.XEN_3_1 ? null : Boolean.TRUE);
            assertThat(p.hwCap()[1] & 1 << 5).isNotZero();
            assertThat(xen.buffers().live()).isZero();
        }
    }

    @Test
    void versionsWithoutAKnownPhysinfoOrAvailheapSaySo() {
        XenCalls calls = open(XenAbi.FEDORA_7);
        assertThat(calls.physinfo()).isEmpty();
        assertThat(calls.availableHeap(0)).isEmpty();
        assertThat(xen.calls("XEN_SYSCTL_physinfo") + xen.calls("XEN_SYSCTL_availheap")).isZero();
        XenCalls fedora8 = open(XenAbi.FEDORA_8);
        assertThat(fedora8.physinfo()).isEmpty();
        assertThat(fedora8.availableHeap(0)).hasValue((SimulatedXen.TOTAL_PAGES - 131072 - 32768) * 4096);
    }

    @Test
    void theHypervisorRefusesToPauseOrDestroyItsCaller() {
        XenCalls calls = open(XenAbi.XEN_4_17);
        assertThatThrownBy(() -> calls.pause(0)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).isEqualTo("failed Xen syscall domctl XEN_DOMCTL_pausedomain of"
                        + " domain 0: EINVAL (22, Invalid argument)"));
        assertThatThrownBy(() -> calls.destroy(0)).hasMessageContaining("XEN_DOMCTL_destroydomain of domain 0: EINVAL");
        assertThatThrownBy(() -> calls.unpause(7)).hasMessageContaining("XEN_DOMCTL_unpausedomain of domain 7: EINVAL");
        assertThatThrownBy(() -> calls.pause(42)).hasMessageContaining("XEN_DOMCTL_pausedomain of domain 42: ESRCH");
    }

    @Test
    void destroyRepeatsWhileXenFreesMemoryAndStopsWhenItIsDone() {
        XenCalls calls = open(XenAbi.XEN_4_17);
        xen.destroyEagain(5);
        calls.destroy(7);
        assertThat(calls.domain(7)).isEmpty();
        assertThat(xen.calls("XEN_DOMCTL_destroydomain")).isEqualTo(6);
    }

    @Test
    void aDestroyThatNeverEndsIsAbandonedWithinItsBudget() {
        xen = SimulatedXen.xen417();
        xen.addDomain(7, GUEST, false, 1024, 1);
        XenCalls calls = XenCalls.detect(xen.connect(), XenAbi.known(), Duration.ofMillis(50));
        xen.destroyEagain(-1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> calls.destroy(7)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(e.getMessage()).contains("XEN_DOMCTL_destroydomain of domain 7 (still busy after")
                    .contains("EAGAIN (11");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(xen.domain(7).flags() & Xen.DOMINF_DYING).isNotZero();
    }

    static Stream<Arguments> everyCall() {
        return Stream.of(
                Arguments.of("xen_version", (Consumer<XenCalls>) XenCalls::capabilities),
                Arguments.of("xen_version", (Consumer<XenCalls>) XenCalls::pageSize),
                Arguments.of("XEN_SYSCTL_getdomaininfolist", (Consumer<XenCalls>) XenCalls::domains),
                Arguments.of("XEN_SYSCTL_physinfo", (Consumer<XenCalls>) XenCalls::physinfo),
                Arguments.of("XEN_SYSCTL_availheap", (Consumer<XenCalls>) c -> c.availableHeap(0)),
                Arguments.of("XEN_DOMCTL_pausedomain", (Consumer<XenCalls>) c -> c.pause(7)),
                Arguments.of("XEN_DOMCTL_unpausedomain", (Consumer<XenCalls>) c -> c.unpause(7)),
                Arguments.of("XEN_DOMCTL_destroydomain", (Consumer<XenCalls>) c -> c.destroy(7)),
                Arguments.of("XEN_DOMCTL_max_mem", (Consumer<XenCalls>) c -> c.setMaxMemory(7, 1024)),
                Arguments.of("XEN_DOMCTL_max_vcpus", (Consumer<XenCalls>) c -> c.setMaxVcpus(7, 2)),
                Arguments.of("XEN_DOMCTL_getvcpuinfo", (Consumer<XenCalls>) c -> c.vcpu(7, 0)),
                Arguments.of("XEN_DOMCTL_getvcpuaffinity", (Consumer<XenCalls>) c -> c.vcpuAffinity(7, 0, 4)),
                Arguments.of("XEN_DOMCTL_setvcpuaffinity",
                        (Consumer<XenCalls>) c -> c.setVcpuAffinity(7, 0, bits(1), 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void everyRefusedCallNamesItselfAndItsErrnoAndReleasesItsBuffers(String call, Consumer<XenCalls> action) {
        XenCalls calls = open(XenAbi.XEN_4_17);
        if (call.equals("XEN_DOMCTL_unpausedomain")) {
            calls.pause(7);
        }
        xen.failNext(call, Errno.EPERM);
        assertThatThrownBy(() -> action.accept(calls)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(e.domain()).isEqualTo(ErrorDomain.XEN);
            assertThat(e.driver()).isEqualTo("hypercall");
            assertThat(e.getMessage()).startsWith("failed Xen syscall ").contains(call)
                    .endsWith(": EPERM (1, Operation not permitted)");
        });
        assertThat(xen.buffers().live()).isZero();
        action.accept(calls);
        assertThat(xen.buffers().live()).isZero();
    }

    private static BitSet bits(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return b;
    }
}
