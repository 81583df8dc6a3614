package org.jvirt.xen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.core.Jvirt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Domain info on xen:/// — answered by the hypervisor driver, first in the composition's order for reads —
 * against the same call on xend alone (its HTTP over its unix socket), as the seeds promise: the hypervisor
 * is asked directly "for performance and accuracy reasons". On this machine the hypervisor is the
 * simulated one (its answers go through the same hypercall buffers and layouts, but no kernel): the real
 * one is measured inside dom0 by issue 17's harness. Run by {@code xen-composition/bench-info.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class XenInfoBenchmark {
    private XenRig rig;
    private Connection composed;
    private Connection xendAlone;
    private Domain viaHypervisor;
    private Domain viaXend;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("xen-info-bench");
        rig = new XenRig(dir, 4);
        composed = rig.open();
        viaHypervisor = composed.createDomain(XenRoutingTest.PV.replace("NAME", "bench"));
        xendAlone = Jvirt.builder().providers(org.jvirt.core.discovery.ProviderRegistry.of(java.util.List.of(
                new org.jvirt.driver.xend.XendDriverProvider()))).uri("xen:///?xend_socket=" + rig.xend.socketPath())
                .open();
        viaXend = xendAlone.domainByName("bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        viaHypervisor.destroy();
        xendAlone.close();
        composed.close();
        rig.close();
    }

    @Benchmark
    public DomainInfo infoThroughTheComposition() {
        return viaHypervisor.info();
    }

    @Benchmark
    public DomainInfo infoThroughXendAlone() {
        return viaXend.info();
    }
}
