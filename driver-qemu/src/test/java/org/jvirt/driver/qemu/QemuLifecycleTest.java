package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jvirt.api.Connection;
import org.jvirt.api.StartFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.driver.qemu.process.ProcStat;
import org.jvirt.driver.qemu.state.StateLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle of diskless TCG guests on real QEMU, through the core, with qemu:///embed. */
@Timeout(120)
class QemuLifecycleTest {
    @TempDir
    Path root;

    @org.junit.jupiter.api.AfterEach
    void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }


    @BeforeEach
    void needQemu() {
        Peers.x86();
    }

    @Test
    void aGuestAgentChannelListensOnTheSocketLibvirtWouldNameWhileTheGuestRuns() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.createDomain(QemuGuests.disklessWith("agent", "<channel type='unix'><source mode='bind'/>"
                    + "<target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
                    + "<channel type='pty'><target type='virtio' name='org.example.pty'/></channel>"));
            StateLayout layout = StateLayout.embed(root.toRealPath());
            Path dir = layout.libDir().resolve("channel/target/domain-" + dom.id() + "-agent");
            Path socket = dir.resolve("org.qemu.guest_agent.0");
            assertThat(socket).as("QEMU listens on the channel's socket").exists();
            String live = dom.xmlDesc();
            assertThat(live).contains("<source mode='bind' path='" + socket + "'/>")
                    .containsPattern("<channel type='pty' tty='/dev/pts/\\d+'>");
            dom.destroy();
            assertThat(dir).as("the channel directory goes with the guest").doesNotExist();
        }
    }

    @Test
    void spiceOnASocketWithItsAgentChannelAndQxlRuns() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.createDomain(QemuGuests.disklessWith("spice", "<graphics type='spice' passwd='x'>"
                    + "<listen type='socket'/><image compression='auto_glz'/><clipboard copypaste='no'/></graphics>"
                    + "<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>"
                    + "<video><model type='qxl' heads='2'/></video>"));
            // without socket=, the socket libvirt names in the domain's private directory
            Path spice = StateLayout.embed(root.toRealPath()).privateDir(dom.id(), "spice").resolve("spice.sock");
            assertThat(spice).as("QEMU's SPICE server listens on its socket").exists();
            assertThat(dom.xmlDesc()).contains("<listen type='socket' socket='" + spice + "'/>",
                    "<channel type='spicevmc'>").doesNotContain("passwd=");
            dom.destroy();
            assertThat(spice).doesNotExist();
        }
    }

    @Test
    void defineStartSuspendResumeInfoDestroyUndefine() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            assertThat(conn.type()).isEqualTo("QEMU");
            assertThat(conn.version()).isGreaterThan(7_000_000L);
            assertThat(conn.supports(Operation.DOMAIN_SUSPEND)).isTrue();
            Domain dom = conn.defineDomain(QemuGuests.diskless("life"));
            StateLayout layout = StateLayout.embed(root.toRealPath());
            QemuGuests.awaitTrue("the definition's file", () -> Files.exists(layout.definition("life")));
            String persistent = dom.xmlDesc();
            assertThat(persistent).contains("machine='pc-i440fx-", "<emulator>/usr/bin/qemu-system-x86_64</emulator>",
                    "<memballoon model='virtio'", "<uuid>");
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_UNKNOWN);
            assertThat(dom.info().cpuTimeNanos()).isZero();

            dom.start();
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
            assertThat(dom.id()).isPositive();
            assertThat(conn.domainById(dom.id()).name()).isEqualTo("life");
            long pid = Long.parseLong(Files.readString(layout.pidFile("life")).trim());
            assertThat(ProcStat.of(pid)).isNotNull();
            assertThat(layout.statusFile("life")).exists();
            assertThat(layout.liveXml("life")).exists();
            Path socket = layout.privateDir(dom.id(), "life").resolve("monitor.sock");
            assertThat(socket).exists();
            String live = dom.xmlDesc();
            assertThat(live).contains("id='" + dom.id() + "'").containsPattern("tty='/dev/pts/\\d+'");
            assertThat(dom.xmlDesc(XmlFlag.INACTIVE)).doesNotContain("tty=");

            DomainInfo info = dom.info();
            assertThat(info.state()).isEqualTo(DomainState.RUNNING);
            assertThat(info.maxMemoryKiB()).isEqualTo(65536);
            QemuGuests.awaitTrue("QEMU's CPU time counts", () -> dom.info().cpuTimeNanos() > 0);

            dom.suspend();
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_USER);
            dom.suspend(); // as libvirt's QEMU driver: suspending a paused domain changes nothing
            long cpuPaused = dom.info().cpuTimeNanos();
            dom.resume();
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
            assertThat(dom.info().cpuTimeNanos()).isGreaterThanOrEqualTo(cpuPaused);

            dom.destroy();
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
            assertThat(dom.id()).isEqualTo(-1);
            assertThat(ProcStat.of(pid)).as("QEMU reaped, no zombie").isNull();
            assertThat(socket).doesNotExist();
            assertThat(layout.pidFile("life")).doesNotExist();
            assertThat(layout.statusFile("life")).doesNotExist();
            assertThatThrownBy(dom::destroy).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
            assertThatThrownBy(dom::suspend).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("domain is not running"));

            assertThat(events.await(DomainEventDetail.STOPPED_DESTROYED)).isTrue();
            assertThat(events.seen).containsSubsequence(DomainEventDetail.DEFINED_ADDED,
                    DomainEventDetail.STARTED_BOOTED, DomainEventDetail.SUSPENDED_PAUSED,
                    DomainEventDetail.RESUMED_UNPAUSED, DomainEventDetail.STOPPED_DESTROYED);

            dom.undefine();
            QemuGuests.awaitTrue("the definition's file removed", () -> !Files.exists(layout.definition("life")));
            assertThat(conn.definedDomainNames()).isEmpty();
        }
    }

    @Test
    void transientGuestKilledBehindOurBackIsReportedCrashedAndForgotten() throws Exception {
        // The operator's view: the driver's log says that QEMU started and how it ended.
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger nodeLog = Logger.getLogger("org.jvirt.driver.qemu.QemuProcesses");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getLevel() + " " + new SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        nodeLog.addHandler(handler);
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            Domain dom = conn.createDomain(QemuGuests.diskless("eph"), StartFlag.PAUSED);
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_USER);
            assertThat(dom.isPersistent()).isFalse();
            StateLayout layout = StateLayout.embed(root.toRealPath());
            long pid = Long.parseLong(Files.readString(layout.pidFile("eph")).trim());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            assertThat(events.await(DomainEventDetail.STOPPED_CRASHED)).isTrue();
            assertThatThrownBy(() -> conn.domainByName("eph")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
            assertThat(ProcStat.of(pid)).isNull();
            assertThat(QemuGuests.privateDirs(layout, "eph")).as("eph's private directory").isEmpty();
            String logFile = layout.logFile("eph").toString();
            assertThat(logged).anySatisfy(line -> assertThat(line)
                    .startsWith("INFO domain 'eph': QEMU started, pid " + pid + ";").contains(logFile));
            assertThat(logged).anySatisfy(line -> assertThat(line)
                    .startsWith("WARNING domain 'eph': QEMU pid " + pid + " exited (killed by signal 9), SHUTOFF_CRASHED;")
                    .contains("last lines of " + logFile));
        } finally {
            nodeLog.removeHandler(handler);
        }
    }

    @Test
    void qemuThatCannotStartSaysWhyAndLeavesNothingBehind() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            Domain bad = conn.defineDomain(QemuGuests.disklessWith("bad", "<disk type='file' device='disk'>"
                    + "<source file='/nonexistent/disk.img'/><target dev='vda'/></disk>"));
            assertThatThrownBy(bad::start).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED);
                assertThat(e.getMessage()).contains("/nonexistent/disk.img", "No such file or directory");
            });
            assertThat(bad.state().state()).isEqualTo(DomainState.SHUTOFF);
            StateLayout layout = StateLayout.embed(root.toRealPath());
            assertThat(layout.pidFile("bad")).doesNotExist();
            assertThat(QemuGuests.privateDirs(layout, "bad")).as("bad's private directory").isEmpty();

            assertThatThrownBy(() -> conn.defineDomain(QemuGuests.diskless("m").replace("machine='pc'",
                    "machine='pc-nonesuch'"))).isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                        assertThat(e.getMessage()).contains("machine type 'pc-nonesuch'", "pc-i440fx-");
                    });
            assertThatThrownBy(() -> conn.createDomain(QemuGuests.disklessWith("u", "<tpm model='tpm-tis'><backend type='external'/></tpm>")))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                        assertThat(e.getMessage()).contains("devices/tpm");
                    });
            assertThat(conn.listAllDomains()).extracting(Domain::name).containsExactly("bad");
            assertThatThrownBy(() -> conn.createDomain(QemuGuests.diskless("k").replace("type='qemu'", "type='kvm'")))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                        // refused at define where KVM runs no guest here (no /dev/kvm, or one that boots none), as
                        // libvirt refuses a virt type its capabilities lack
                        assertThat(e.getMessage()).contains("does not support virt type 'kvm'");
                    });
        }
    }

    @Test
    void oneJobAtATimePerDomain() throws Exception {
        try (Connection conn = QemuGuests.open(root, "&jobwait=200")) {
            Domain dom = conn.createDomain(QemuGuests.diskless("busy"));
            QemuDomain d = QemuGuests.node(conn).domains.find(new org.jvirt.spi.DomainRef("busy", dom.uuid(), dom.id()));
            try (QemuDomain.Job held = d.beginJob("a long test job", 0)) {
                CompletableFuture<Void> other = CompletableFuture.runAsync(dom::suspend);
                assertThatThrownBy(() -> {
                    try {
                        other.join();
                    } catch (java.util.concurrent.CompletionException e) {
                        throw e.getCause();
                    }
                }).isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID);
                    assertThat(e.getMessage()).contains("another operation is in progress (a long test job");
                });
            }
            // A second operation waits for the first, within the job wait.
            QemuDomain.Job held = d.beginJob("short", 0);
            CompletableFuture<Void> suspend = CompletableFuture.runAsync(dom::suspend);
            QemuGuests.awaitTrue("the suspend waits for the job", d::hasJobWaiters);
            assertThat(suspend).isNotDone();
            held.close();
            suspend.get(5, TimeUnit.SECONDS);
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_USER);
            dom.destroy();
        }
    }
}
