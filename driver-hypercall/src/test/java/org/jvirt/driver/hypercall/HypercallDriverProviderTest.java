package org.jvirt.driver.hypercall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.driver.hypercall.privcmd.HypercallBuffers;
import org.jvirt.driver.hypercall.privcmd.Hypervisor;
import org.jvirt.driver.hypercall.privcmd.Privcmd;
import org.jvirt.driver.hypercall.privcmd.SimulatedXen;
import org.jvirt.driver.hypercall.privcmd.XenAbi;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Opening: when the provider declines, fails or accepts, and what it says. */
class HypercallDriverProviderTest {

    static OpenRequest request(String text, String host, String path) {
        return new OpenRequest(new ConnectUri(text, "xen", null, null, host, -1, path, Map.of()), false, (d, e) -> {
        });
    }

    static OpenRequest xen() {
        return request("xen:///", null, "/");
    }

    @Test
    void theServiceLoaderFindsTheProviderWhichDoesNothingUntilOpened() {
        List<DriverProvider> found = ServiceLoader.load(DriverProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof HypercallDriverProvider).toList();
        assertThat(found).hasSize(1);
        DriverProvider p = found.get(0);
        assertThat(p.name()).isEqualTo("hypercall");
        assertThat(p.schemes()).containsExactly("xen");
        assertThat(p.driverClass()).isEqualTo(HypercallDriver.class);
    }

    @Test
    void withoutAHypervisorTheRealProviderDeclinesNamingTheDevice() {
        Assumptions.assumeFalse(Files.exists(Privcmd.DEVICE) || Files.exists(Privcmd.LEGACY_DEVICE),
                "this machine runs Xen");
        OpenResult r = new HypercallDriverProvider().open(xen());
        assertThat(r).isInstanceOfSatisfying(OpenResult.Declined.class, d -> assertThat(d.reason())
                .isEqualTo("no Xen hypervisor: neither /dev/xen/privcmd nor /proc/xen/privcmd exists"));
        assertThatThrownBy(() -> Jvirt.builder().providers(ProviderRegistry.of(List.of(new HypercallDriverProvider())))
                .uri("xen:///").open()).isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).contains("hypercall: no Xen hypervisor");
                });
    }

    @Test
    void remoteUrisAndPathsAreDeclinedBeforeTheHypervisorIsOpened() {
        AtomicInteger opened = new AtomicInteger();
        HypercallDriverProvider p = new HypercallDriverProvider(() -> {
            opened.incrementAndGet();
            throw new HypervisorSource.Unavailable("not asked");
        });
        assertThat(p.open(request("xen://host/", "host", "/"))).isInstanceOf(OpenResult.Declined.class);
        assertThat(p.open(request("xen:///system", null, "/system"))).isInstanceOfSatisfying(OpenResult.Declined.class,
                d -> assertThat(d.reason()).contains("no path"));
        assertThat(opened).hasValue(0);
        assertThat(p.open(request("xen://", null, ""))).isInstanceOfSatisfying(OpenResult.Declined.class,
                d -> assertThat(d.reason()).isEqualTo("not asked"));
        assertThat(opened).hasValue(1);
    }

    @Test
    void aDeviceThatCannotBeOpenedFailsTheOpen() {
        VirtException cannot = new VirtException(ErrorCode.NO_XEN, ErrorDomain.XEN, "cannot open it: EIO");
        OpenResult r = new HypercallDriverProvider(() -> {
            throw cannot;
        }).open(xen());
        assertThat(r).isEqualTo(OpenResult.failed(cannot));
    }

    @Test
    void aHypervisorOfNoKnownVersionFailsTheOpenAndIsClosed() {
        SimulatedXen unknown = new SimulatedXen(XenAbi.XEN_4_17, 4 << 16 | 19, 0x17, 0x17);
        AtomicInteger closed = new AtomicInteger();
        OpenResult r = new HypercallDriverProvider(() -> new Hypervisor() {
            private final Hypervisor hv = unknown.connect();

            @Override
            public long hypercall(int op, long... args) {
                return hv.hypercall(op, args);
            }

            @Override
            public HypercallBuffers buffers() {
                return hv.buffers();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
                hv.close();
            }
        }).open(xen());
        assertThat(r).isInstanceOfSatisfying(OpenResult.Failed.class, f -> {
            assertThat(f.error().code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(f.error().getMessage()).contains("Xen 4.19: no known interface version answered");
        });
        assertThat(closed).hasValue(1);
        assertThat(unknown.buffers().live()).isZero();
    }

    @Test
    void everyKnownVersionIsOpenedAndServed() {
        for (XenAbi abi : XenAbi.known()) {
            SimulatedXen xen = new SimulatedXen(abi, 3 << 16 | 1);
            OpenResult r = new HypercallDriverProvider(xen::connect).open(xen());
            assertThat(r).as(abi.description()).isInstanceOf(OpenResult.Accepted.class);
            HypercallDriver d = (HypercallDriver) ((OpenResult.Accepted) r).driver();
            assertThat(d.abi()).isSameAs(abi);
            assertThat(d.hypervisorVersion()).isEqualTo(3_001_000L);
            assertThat(d.activeDomainIds()).containsExactly(0);
            assertThat(d.domainInfo(d.domainById(0)).memoryKiB()).isEqualTo(131072L * 4);
            assertThat(d.capabilities()).contains("<arch>x86_64</arch>");
            if (abi.physinfo() != null || abi.availheap() != null) {
                assertThat(d.freeMemory()).as(abi.description()).isPositive();
            }
            d.close();
            assertThat(xen.buffers().live()).isZero();
        }
    }

    @Test
    void whatAnOldVersionCannotTellIsDeclinedNotGuessed() {
        SimulatedXen xen = new SimulatedXen(XenAbi.RHEL_5_0, 3 << 16);
        HypercallDriver d = (HypercallDriver) ((OpenResult.Accepted) new HypercallDriverProvider(xen::connect)
                .open(xen())).driver();
        for (Runnable call : List.<Runnable>of(d::nodeInfo, d::freeMemory, () -> d.cellsFreeMemory(0, 1),
                () -> d.osType(d.domainById(0)))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(org.jvirt.spi.DeclinedException.class,
                    e -> assertThat(e.ifNobodyHandles().code()).isEqualTo(ErrorCode.OPERATION_UNSUPPORTED));
        }
        assertThat(d.maxVcpus((String) null)).isEqualTo(32);
        assertThat(d.maxVcpus("hvm")).isEqualTo(32);
        d.close();
    }
}
