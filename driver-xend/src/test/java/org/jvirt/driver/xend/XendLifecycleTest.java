package org.jvirt.driver.xend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.StartFlag;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.driver.xend.config.XendRules;
import org.jvirt.driver.xend.testxend.TestXend;
import org.jvirt.driver.xend.testxend.TestXendOps;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;
import org.jvirt.tck.oracle.LibvirtPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's whole lifecycle over xend's real wire protocol: HTTP on a unix socket (and TCP) to the
 * project's test xend, which keeps libvirt's recorded domains as S-expressions.
 */
class XendLifecycleTest {
    @TempDir
    Path dir;

    static final String PV = """
            <domain type='xen'>
              <name>NAME</name>
              <memory>131072</memory>
              <vcpu>2</vcpu>
              <os><type>linux</type><kernel>/boot/vmlinuz</kernel><initrd>/boot/initrd</initrd>
                <cmdline>root=/dev/xvda1</cmdline></os>
              <devices>
                <disk type='file' device='disk'><source file='/var/lib/xen/NAME.img'/><target dev='xvda'/></disk>
                <interface type='bridge'><source bridge='xenbr0'/><mac address='00:16:3e:00:00:01'/></interface>
              </devices>
            </domain>
            """;

    private Connection open(TestXend xend, String params) {
        return Jvirt.builder().uri("xen:///?xend_socket=" + dir.resolve("xend-socket") + params).open();
    }

    private TestXend xend(int format) throws Exception {
        return TestXend.onUnixSocket(dir.resolve("xend-socket"), format);
    }

    @Test
    void theNodeAndARecordedDomainReadAsLibvirtReadThem() throws Exception {
        Path corpus = LibvirtPeers.corpus("xend driver over the wire").resolve("v0.4.4/sexpr2xmldata");
        try (TestXend xend = xend(2); Connection conn = open(xend, "")) {
            xend.addRunning(Files.readString(corpus.resolve("sexpr2xml-pv.sexpr")));
            assertThat(conn.type()).isEqualTo("Xen");
            assertThat(conn.version()).isEqualTo(3_000_000);
            assertThat(conn.hostname()).isEqualTo("testhost");
            assertThat(conn.nodeInfo().cpus()).isEqualTo(4);
            assertThat(conn.nodeInfo().memoryKiB()).isEqualTo(8191L << 10);
            assertThat(conn.capabilities()).contains("<os_type>xen</os_type>").contains("<os_type>hvm</os_type>");
            assertThat(conn.listAllDomains()).extracting(Domain::name).containsExactly("Domain-0", "pvtest");

            Domain pv = conn.domainByName("pvtest");
            assertThat(pv.id()).isEqualTo(6);
            assertThat(conn.domainById(6).name()).isEqualTo("pvtest");
            assertThat(conn.domainByUuid(pv.uuid()).name()).isEqualTo("pvtest");
            String expected = DomainXml.format(PostParse.apply(DomainXml.parse(
                    Files.readString(corpus.resolve("sexpr2xml-pv.xml"))), XendRules.INSTANCE), 6, false);
            assertThat(pv.xmlDesc()).isEqualTo(expected);
            assertThat(pv.info().memoryKiB()).isEqualTo(420L << 10);
            assertThat(pv.osType()).isEqualTo("linux");
            assertThatThrownBy(() -> conn.domainByName("nosuch")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        }
    }

    @Test
    void aTransientGuestFromCreateToDestroy() throws Exception {
        try (TestXend xend = xend(4); Connection conn = open(xend, "")) {
            Domain d = conn.createDomain(PV.replace("NAME", "guest"));
            assertThat(d.isActive()).isTrue();
            assertThat(d.info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(xend.requests).contains("POST /xend/domain/", "POST /xend/domain/guest");
            assertThat(xend.ops().configOf("guest")).contains("(kernel /boot/vmlinuz)").contains("(uname file:/var/lib/xen/guest.img)");

            d.suspend();
            assertThat(d.info().state()).isEqualTo(DomainState.PAUSED);
            d.resume();
            assertThat(d.info().state()).isEqualTo(DomainState.RUNNING);
            long cpu = d.info().cpuTimeNanos();
            assertThat(d.info().cpuTimeNanos()).isGreaterThan(cpu);

            assertThatThrownBy(() -> d.setMaxMemory(262144, ModificationImpact.LIVE))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.OPERATION_INVALID));
            d.setMemory(65536, ModificationImpact.LIVE);
            assertThat(d.info().maxMemoryKiB()).isEqualTo(131072);
            assertThat(d.info().memoryKiB()).isEqualTo(65536);
            assertThat(xend.requests).contains("POST /xend/domain/guest");
            d.setVcpus(1, ModificationImpact.LIVE);
            assertThat(d.info().vcpus()).isEqualTo(1);
            BitSet cpus = new BitSet();
            cpus.set(2);
            d.pinVcpu(0, cpus, ModificationImpact.LIVE);
            assertThat(d.vcpuInfo()).hasSize(2);
            assertThat(d.vcpuInfo().get(0).affinity()).isEqualTo(cpus);
            assertThat(d.vcpuInfo().get(1).state()).as("vCPU 1, set offline").isZero();
            d.setSchedulerParameters(List.of(new TypedParameter("weight", 512)), ModificationImpact.LIVE);
            assertThat(d.schedulerParameters(ModificationImpact.LIVE)).containsExactly(
                    new TypedParameter("weight", 512), new TypedParameter("cap", 0));

            d.attachDevice("<disk type='block' device='disk'><source dev='/dev/sdb'/><target dev='xvdb'/></disk>",
                    ModificationImpact.LIVE);
            assertThat(d.xmlDesc()).contains("<source dev='/dev/sdb'/>");
            d.detachDevice("<disk type='block' device='disk'><source dev='/dev/sdb'/><target dev='xvdb'/></disk>",
                    ModificationImpact.LIVE);
            assertThat(d.xmlDesc()).doesNotContain("/dev/sdb");

            Path image = dir.resolve("guest.save");
            d.save(image);
            assertThat(conn.listAllDomains(DomainListFilter.ACTIVE)).extracting(Domain::name).containsExactly("Domain-0");
            Domain back = conn.restore(image);
            assertThat(back.name()).isEqualTo("guest");
            assertThat(back.isActive()).isTrue();
            back.destroy();
            assertThatThrownBy(() -> conn.domainByName("guest")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        }
    }

    @Test
    void inactiveDomainsFromXend304On() throws Exception {
        try (TestXend xend = xend(3); Connection conn = open(xend, "")) {
            Domain d = conn.defineDomain(PV.replace("NAME", "kept"));
            assertThat(d.isActive()).isFalse();
            assertThat(conn.definedDomainNames()).containsExactly("kept");
            d.start(StartFlag.PAUSED);
            assertThat(d.info().state()).isEqualTo(DomainState.PAUSED);
            d.destroy();
            assertThat(d.isActive()).isFalse();
            assertThat(conn.definedDomainNames()).containsExactly("kept");
            d.undefine();
            assertThat(conn.definedDomainNames()).isEmpty();
        }
    }

    @Test
    void beforeXend304InactiveDomainsAreNotXends() throws Exception {
        try (TestXend xend = xend(2); Connection conn = open(xend, "")) {
            assertThatThrownBy(() -> conn.defineDomain(PV.replace("NAME", "kept")))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID);
                        assertThat(e.getMessage()).contains("define domain 'kept'").contains("format 2");
                    });
            assertThat(xend.requests).noneMatch(r -> r.startsWith("POST"));
        }
    }

    @Test
    void xendsFailuresAreErrorsNamingTheRequest() throws Exception {
        try (TestXend xend = xend(4); Connection conn = open(xend, "&timeout=500")) {
            Domain d = conn.createDomain(PV.replace("NAME", "victim"));
            xend.ops().failNext(TestXendOps.Fault.INTERNAL_ERROR, "POST");
            assertThatThrownBy(d::suspend).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.POST_FAILED);
                assertThat(e.domain()).isEqualTo(ErrorDomain.XEND);
                assertThat(e.getMessage()).contains("POST /xend/domain/victim op=pause").contains("injected failure");
            });
            xend.ops().failNext(TestXendOps.Fault.HANG, "GET");
            assertThatThrownBy(d::info).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
                assertThat(e.getMessage()).contains("GET /xend/domain/victim?detail=1").contains("500 ms");
            });
            xend.ops().failNext(TestXendOps.Fault.HANG_UP_MID_BODY, "GET");
            assertThatThrownBy(d::info).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.HTTP_ERROR);
                assertThat(e.getMessage()).contains("GET /xend/domain/victim?detail=1").contains("cut short");
            });
            xend.ops().failNext(TestXendOps.Fault.NOT_HTTP, "GET");
            assertThatThrownBy(d::info).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.HTTP_ERROR);
                assertThat(e.getMessage()).contains("not HTTP");
            });
            assertThat(d.info().state()).isEqualTo(DomainState.RUNNING);
        }
    }

    @Test
    void theTestXendTellsAToolstackWhatRunsAndWhatStops() throws Exception {
        java.util.Map<Integer, TestXendOps.RunningDomain> running = new java.util.TreeMap<>();
        try (TestXend xend = xend(4); Connection conn = open(xend, "")) {
            xend.ops().connect(new TestXendOps.Toolstack() {
                @Override
                public void running(TestXendOps.RunningDomain domain) {
                    running.put(domain.domid(), domain);
                }

                @Override
                public void gone(int domid) {
                    running.remove(domid);
                }
            });
            assertThat(running.keySet()).containsExactly(0);
            Domain d = conn.createDomain(PV.replace("NAME", "told"));
            assertThat(running.get(d.id())).satisfies(r -> {
                assertThat(r.name()).isEqualTo("told");
                assertThat(r.state()).isEqualTo('r');
                assertThat(r.memoryMiB()).isEqualTo(128);
            });
            d.suspend();
            assertThat(running.get(d.id()).state()).isEqualTo('p');
            int id = d.id();
            d.destroy();
            assertThat(running).doesNotContainKey(id);
        }
    }

    @Test
    void xendOnTcpByItsHttpAddress() throws Exception {
        try (TestXend xend = TestXend.onLoopback(4);
             Connection conn = Jvirt.builder().uri("http://127.0.0.1:" + xend.port() + "/").open()) {
            assertThat(conn.type()).isEqualTo("Xen");
            conn.createDomain(PV.replace("NAME", "overtcp"));
            assertThat(conn.listAllDomains()).extracting(Domain::name).contains("overtcp");
        }
    }

    @Test
    void noXendNoConnection() {
        assertThatThrownBy(() -> Jvirt.builder().uri("xen:///?xend_socket=" + dir.resolve("absent")).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).contains("xend is not running");
                });
    }
}
