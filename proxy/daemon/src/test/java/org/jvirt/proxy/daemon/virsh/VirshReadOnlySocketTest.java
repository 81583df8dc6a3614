package org.jvirt.proxy.daemon.virsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.TEST_DRIVER_CPU_TIME;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.RpcClient;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainDefineXmlArgs;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/** virsh on the read-only socket of jvirtd and of libvirtd. */
class VirshReadOnlySocketTest {
    @TempDir
    static Path dir;
    private static BothDaemons d;

    @BeforeAll
    static void startBothDaemons() throws Exception {
        d = BothDaemons.start(dir);
    }

    @AfterAll
    static void stopBothDaemons() throws InterruptedException {
        if (d != null) {
            d.close();
        }
    }

    /**
     * The read-only socket: every change fails as libvirtd fails it, reading works, nothing changes. Run
     * twice: with {@code -r}, as users do (libvirt's client library then refuses changes itself), and
     * without, so that the refusals are the daemon's own. A read-write client holds the default state
     * meanwhile, with a defined, shut-off domain to start.
     */
    @Test
    void readOnlySocketRefusesEveryChangeAsLibvirtd() throws Exception {
        List<String> changes = List.of("define " + d.vm1, "create " + d.vm1, "start vm1", "suspend test", "resume test",
                "shutdown test", "reboot test", "destroy test", "undefine vm1", "setmem test 1048576",
                "setmaxmem test 1048576", "setvcpus test 1", "schedinfo test --set weight=10", "autostart test",
                "vcpupin test 0 1", "save test " + d.dir.resolve("test.save"), "restore " + d.dir.resolve("test.save"),
                "net-destroy default", "net-start default", "net-undefine default", "net-autostart default",
                "net-define " + d.vm1, "dumpxml --security-info test");
        List<String> reads = List.of("list --all", "dominfo test", "dominfo vm1", "domstate --reason test", "domid test",
                "domuuid test", "domname 1", "vcpuinfo test", "schedinfo test", "dumpxml vm1", "net-list --all",
                "net-dumpxml default", "nodeinfo", "capabilities", "version", "hostname", "sysinfo");
        String commands = String.join("; ", reads) + "; " + String.join("; ", changes) + "; list --all; dominfo vm1";
        for (boolean dashR : new boolean[] {true, false}) {
            Virsh.Result libvirt;
            Virsh.Result jvirt;
            try (RpcClient holder = holdDefaultWithVm1(d.libvirtd.socket())) {
                libvirt = d.virsh.run(BothDaemons.uri(d.libvirtd.readOnlySocket()), dashR, commands);
            }
            try (RpcClient holder = holdDefaultWithVm1(d.jvirtd.socket())) {
                jvirt = d.virsh.run(BothDaemons.uri(d.jvirtd.readOnlySocket()), dashR, commands);
            }
            long refusals = libvirt.stderr().lines().filter(l -> l.startsWith("error: operation forbidden: ")).count();
            assertThat(refusals).as("libvirtd refuses each change (-r: %s):%n%s", dashR, libvirt.stderr()).isEqualTo(changes.size());
            assertThat(libvirt.stdout()).contains(" vm1    shut off");
            assertSame((dashR ? "-r " : "") + commands, libvirt, jvirt, TEST_DRIVER_CPU_TIME);
        }
    }

    /** A read-write connection to test:///default that keeps it alive, with vm1 defined. */
    private static RpcClient holdDefaultWithVm1(Path socket) throws Exception {
        RpcClient c = new RpcClient(socket);
        expectOk(c.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN,
                RemoteConnectOpenArgs.CODEC.toBytes(new RemoteConnectOpenArgs(Optional.of("test:///default"), 0))));
        expectOk(c.call(RemoteProcedure.REMOTE_PROC_DOMAIN_DEFINE_XML,
                RemoteDomainDefineXmlArgs.CODEC.toBytes(new RemoteDomainDefineXmlArgs(BothDaemons.VM1))));
        return c;
    }

    private static void expectOk(Message reply) throws IOException {
        assertThat(reply.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
    }
}
