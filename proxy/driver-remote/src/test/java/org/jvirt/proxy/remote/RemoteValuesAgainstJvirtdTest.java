package org.jvirt.proxy.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuInfo;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;

/**
 * Every value the remote driver converts, compared with the same value read directly: jvirtd runs in this
 * JVM, so a remote connection to its {@code test:///default} and a direct one see the same node. A wrong
 * unit (bytes for KiB, microseconds for nanoseconds), a wrong bit order or a parameter of the wrong width
 * shows here, where a conformance run would accept any plausible value.
 */
class RemoteValuesAgainstJvirtdTest {
    @TempDir
    Path dir;

    @Test
    void nodeFactsAreTheDirectOnes() {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection direct = Jvirt.builder().uri("test:///default").open();
             Connection remote = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            assertThat(remote.nodeInfo()).isEqualTo(direct.nodeInfo()); // memory in KiB, model up to its NUL
            assertThat(remote.freeMemory()).isEqualTo(direct.freeMemory()); // bytes
            assertThat(remote.cellsFreeMemory(0, 16)).isEqualTo(direct.cellsFreeMemory(0, 16));
            assertThat(remote.securityModel()).isEqualTo(direct.securityModel());
            assertThat(remote.nodeCpuMap()).isEqualTo(direct.nodeCpuMap());
            assertThat(remote.nodeCpuMap().online()).isEqualTo(direct.nodeCpuMap().online());
            assertThat(remote.maxVcpus(null)).isEqualTo(direct.maxVcpus(null));
            assertThat(remote.capabilities()).isEqualTo(direct.capabilities());
            assertThat(remote.sysinfo()).isEqualTo(direct.sysinfo());
            assertThat(remote.hostname()).isEqualTo(direct.hostname());
            assertThat(remote.version()).isEqualTo(direct.version());
        }
    }

    @Test
    void domainFactsAreTheDirectOnes() {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection direct = Jvirt.builder().uri("test:///default").open();
             Connection remote = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            Domain mine = direct.domainByName("test");
            Domain theirs = remote.domainByName("test");
            assertThat(theirs.uuid()).isEqualTo(mine.uuid());
            assertThat(theirs.id()).isEqualTo(mine.id());

            DomainInfo before = mine.info();
            DomainInfo got = theirs.info();
            DomainInfo after = mine.info();
            assertThat(got.state()).isEqualTo(before.state());
            assertThat(got.maxMemoryKiB()).isEqualTo(before.maxMemoryKiB());
            assertThat(got.memoryKiB()).isEqualTo(before.memoryKiB());
            assertThat(got.vcpus()).isEqualTo(before.vcpus());
            assertThat(got.cpuTimeNanos()).isBetween(before.cpuTimeNanos(), after.cpuTimeNanos());

            assertThat(theirs.state()).isEqualTo(mine.state());
            assertThat(theirs.securityLabel()).isEqualTo(mine.securityLabel());
            assertThat(theirs.maxVcpus()).isEqualTo(mine.maxVcpus());
            assertThat(theirs.xmlDesc()).isEqualTo(mine.xmlDesc());
            assertThat(theirs.osType()).isEqualTo(mine.osType());

            List<VcpuInfo> vcpusBefore = mine.vcpuInfo();
            List<VcpuInfo> vcpus = theirs.vcpuInfo();
            List<VcpuInfo> vcpusAfter = mine.vcpuInfo();
            assertThat(vcpus).hasSameSizeAs(vcpusBefore);
            for (int i = 0; i < vcpus.size(); i++) {
                VcpuInfo v = vcpus.get(i);
                assertThat(v.number()).isEqualTo(vcpusBefore.get(i).number());
                assertThat(v.state()).isEqualTo(vcpusBefore.get(i).state());
                assertThat(v.cpu()).isEqualTo(vcpusBefore.get(i).cpu());
                assertThat(v.affinity()).isEqualTo(vcpusBefore.get(i).affinity());
                assertThat(v.cpuTimeNanos()).isBetween(vcpusBefore.get(i).cpuTimeNanos(),
                        vcpusAfter.get(i).cpuTimeNanos());
            }
        }
    }

    @Test
    void pinsAndSchedulerParametersTravelBothWays() {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection direct = Jvirt.builder().uri("test:///default").open();
             Connection remote = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            Domain mine = direct.domainByName("test");
            Domain theirs = remote.domainByName("test");
            BitSet cpus = new BitSet();
            cpus.set(1);
            cpus.set(9); // the second byte of the map
            theirs.pinVcpu(1, cpus, ModificationImpact.CURRENT); // all jvirt's test driver pins, as libvirt's
            assertThat(mine.vcpuPinInfo(ModificationImpact.LIVE).get(1)).isEqualTo(cpus);
            for (ModificationImpact impact : List.of(ModificationImpact.CURRENT, ModificationImpact.LIVE,
                    ModificationImpact.CONFIG)) {
                assertThat(theirs.vcpuPinInfo(impact)).isEqualTo(mine.vcpuPinInfo(impact));
            }

            assertThat(theirs.schedulerType()).isEqualTo(mine.schedulerType());
            List<TypedParameter> params = mine.schedulerParameters(ModificationImpact.CURRENT);
            // the same names, values and Java types (32-bit Integer, 64-bit Long) as read directly
            assertThat(theirs.schedulerParameters(ModificationImpact.CURRENT)).isEqualTo(params);
            assertThat(theirs.schedulerParameters(ModificationImpact.LIVE))
                    .isEqualTo(mine.schedulerParameters(ModificationImpact.LIVE));
            TypedParameter first = params.get(0);
            Object changed = first.value() instanceof Integer i ? (Object) (i + 1) : (Object) ((Long) first.value() + 1);
            theirs.setSchedulerParameters(List.of(new TypedParameter(first.name(), changed)), ModificationImpact.LIVE);
            assertThat(mine.schedulerParameters(ModificationImpact.LIVE).get(0))
                    .isEqualTo(new TypedParameter(first.name(), changed));

            theirs.setMemory(mine.info().maxMemoryKiB() / 2, ModificationImpact.LIVE);
            assertThat(mine.info().memoryKiB()).isEqualTo(mine.info().maxMemoryKiB() / 2); // KiB both ways
        }
    }
}
