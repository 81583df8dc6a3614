package org.jvirt.proxy.daemon.virsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.DAEMON_VERSION;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.SCHEDULER_WEIGHT_KEPT;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.SOCKET_IN_URI;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.TEST_DRIVER_CPU_TIME;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.XML_PARSER_MESSAGE;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.RpcClient;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainDefineXmlArgs;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * The real virsh against jvirtd and against Debian's libvirtd, both serving a test driver over the same
 * kind of unix socket: the same commands, and the whole of what virsh prints — stdout, stderr, exit
 * code — must be the same, but for the {@link AcceptedDifferences} each comparison names.
 *
 * <p>test:///default lives while a client is connected, so each sequence runs in one virsh process
 * ({@code ;}-separated commands on one connection), or beside a connection that holds the state.
 */
class VirshAgainstLibvirtdTest {
    /** A domain of libvirt's test driver, written as a user writes one; both daemons get the same file. */
    private static final String VM1 = """
            <domain type='test'>
              <name>vm1</name>
              <uuid>11111111-2222-3333-4444-555555555555</uuid>
              <memory unit='KiB'>131072</memory>
              <currentMemory unit='KiB'>131072</currentMemory>
              <vcpu placement='static'>1</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
            </domain>
            """;

    @TempDir
    static Path dir;
    private static Libvirtd libvirtd;
    private static RunningJvirtd jvirtd;
    private static Virsh virsh;
    private static Path vm1;

    @BeforeAll
    static void startBothDaemons() throws Exception {
        virsh = Virsh.in(dir.resolve("home"));
        libvirtd = Libvirtd.start(Files.createDirectories(dir.resolve("libvirtd")));
        jvirtd = RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd")));
        vm1 = Files.writeString(dir.resolve("vm1.xml"), VM1);
    }

    @AfterAll
    static void stopBothDaemons() throws InterruptedException {
        if (jvirtd != null) {
            jvirtd.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
    }

    private static String uri(Path socket) {
        return "test+unix:///default?socket=" + socket;
    }

    /** The commands virsh users run daily, on the default domain and on one they define and drive through its lifecycle. */
    @Test
    void everydayCommandsPrintWhatLibvirtdPrints() throws Exception {
        String commands = String.join("; ",
                "list --all", "dominfo test", "domstate --reason test", "domid test", "domuuid test", "domname 1",
                "domname 6695eb01-f6a4-8304-79aa-97f2502e193f", "dominfo 1", "vcpuinfo test", "vcpucount test",
                "schedinfo test", "setmem test 1048576", "autostart test", "dominfo test", "autostart --disable test",
                "dumpxml test", "dumpxml --inactive test", "domblklist test", "domiflist test",
                "net-list --all", "net-info default", "net-dumpxml default",
                "nodeinfo", "capabilities", "version --daemon", "uri", "hostname", "sysinfo", "maxvcpus", "freecell",
                "define " + vm1, "dumpxml vm1", "dominfo vm1", "domstate --reason vm1",
                "start vm1", "list --all", "domstate --reason vm1", "domid vm1", "dominfo vm1",
                "suspend vm1", "domstate --reason vm1", "dominfo vm1",
                "resume vm1", "domstate --reason vm1",
                "destroy vm1", "domstate --reason vm1", "dominfo vm1",
                "undefine vm1", "list --all",
                "dominfo nosuch");
        Virsh.Result libvirt = virsh.run(uri(libvirtd.socket()), false, commands);
        Virsh.Result jvirt = virsh.run(uri(jvirtd.socket()), false, commands);

        // what the oracle says, so that two daemons that both fail cannot pass
        assertThat(libvirt.stdout()).contains("Domain 'vm1' started", "paused (user)", "Domain 'vm1' has been undefined");
        assertThat(libvirt.stderr()).isEqualTo("error: failed to get domain 'nosuch'\n");
        assertThat(libvirt.exitCode()).isEqualTo(1);
        assertSame(commands, libvirt, jvirt, TEST_DRIVER_CPU_TIME, SOCKET_IN_URI, DAEMON_VERSION);
    }

    /** The rest of a domain's life (shutdown, reboot, save, restore, a transient domain), its resources, and a network's life. */
    @Test
    void lifecycleResourceAndNetworkCommandsPrintWhatLibvirtdPrints() throws Exception {
        Path net2 = Files.writeString(dir.resolve("net2.xml"), """
                <network>
                  <name>net2</name>
                  <uuid>22222222-3333-4444-5555-666666666666</uuid>
                  <bridge name='virbr5'/>
                  <ip address='192.168.150.1' netmask='255.255.255.0'/>
                </network>
                """);
        Path saved = dir.resolve("test.save");
        String commands = String.join("; ",
                "shutdown test", "domstate --reason test", "start test", "reboot test", "domstate --reason test",
                "save test " + saved, "domstate --reason test", "list --all", "restore " + saved, "domstate --reason test",
                "dominfo test", "create " + vm1, "list --all", "dominfo vm1", "dumpxml vm1", "destroy vm1", "list --all",
                "setvcpus test 1", "vcpucount test", "setvcpus test 1 --config", "setmaxmem test 4194304 --config",
                "dumpxml --inactive test", "vcpupin test 0 1-2", "vcpupin test", "vcpupin test 1 3 --config",
                "net-define " + net2, "net-list --all", "net-start net2", "net-info net2", "net-dumpxml net2",
                "net-autostart net2", "net-list --all", "net-destroy net2", "net-undefine net2",
                "net-create " + net2, "net-list --all", "net-destroy net2", "net-list --all",
                "maxvcpus --type test", "nodecpumap", "freecell --all");
        Virsh.Result libvirt = virsh.run(uri(libvirtd.socket()), false, commands);
        Virsh.Result jvirt = virsh.run(uri(jvirtd.socket()), false, commands);

        assertThat(libvirt.stdout()).contains("shut off (saved)", "running (restored)", "Domain 'vm1' created from",
                "Network net2 started");
        assertSame(commands, libvirt, jvirt, TEST_DRIVER_CPU_TIME);
    }

    /** Wrong input and wrong states: the error lines must be libvirt's, word for word, and change nothing. */
    @Test
    void errorsAreWordedAsLibvirtdWordsThem() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<domain type='test'><name>broken</name>");
        Path nameless = Files.writeString(dir.resolve("nameless.xml"), "<domain type='test'><memory>1024</memory></domain>");
        Path namelessNet = Files.writeString(dir.resolve("nameless-net.xml"), "<network><bridge name='virbr9'/></network>");
        Path duplicate = Files.writeString(dir.resolve("dup.xml"), VM1.replace("vm1", "test"));
        String commands = String.join("; ",
                "define " + broken, "define " + nameless, "net-define " + namelessNet, "define " + duplicate,
                "define " + dir.resolve("absent.xml"),
                "start test", "resume test", "suspend nosuch", "undefine nosuch", "domid nosuch", "domuuid nosuch",
                "domname 42", "vcpuinfo nosuch",
                "define " + vm1, "suspend vm1", "resume vm1", "destroy vm1", "start vm1", "start vm1", "undefine vm1",
                "destroy vm1", "dominfo vm1",
                "setmem test 99999999", "setmem test 0", "setvcpus test 5", "setvcpus test 0",
                "schedinfo test --set weight=abc", "schedinfo test --set foo=1",
                "vcpucount test --guest", "dumpxml --update-cpu test", "vcpupin test 1 3 --config", "undefine test --nvram",
                "net-start default", "net-info nosuch", "net-dumpxml nosuch", "net-destroy nosuch",
                "list --all", "dominfo test");
        Virsh.Result libvirt = virsh.run(uri(libvirtd.socket()), false, commands);
        Virsh.Result jvirt = virsh.run(uri(jvirtd.socket()), false, commands);

        assertThat(libvirt.stderr()).contains("error: missing name information", "internal error: domain 'vm1' not running",
                "Requested operation is not valid: domain is not running",
                "error: unsupported flags (0x4) in function testDomainGetXMLDesc");
        assertSame(commands, libvirt, jvirt, XML_PARSER_MESSAGE, TEST_DRIVER_CPU_TIME);
    }

    /** A URI no driver of the daemon opens: virsh cannot connect, and says why in libvirt's words. */
    @Test
    void aUriNoDriverOpensIsRefusedAsLibvirtdRefusesIt() throws Exception {
        Virsh.Result libvirt = virsh.run("foo+unix:///system?socket=" + libvirtd.socket(), false, "list --all");
        Virsh.Result jvirt = virsh.run("foo+unix:///system?socket=" + jvirtd.socket(), false, "list --all");

        assertThat(libvirt.stderr()).contains("error: no connection driver available for foo:///system");
        assertSame("-c foo+unix:///system list --all", libvirt, jvirt);
    }

    @Test
    void schedulerWeightIsAcceptedAsLibvirtdAcceptsIt() throws Exception {
        String commands = "schedinfo test --set weight=10; schedinfo test; dominfo test";
        Virsh.Result libvirt = virsh.run(uri(libvirtd.socket()), false, commands);
        Virsh.Result jvirt = virsh.run(uri(jvirtd.socket()), false, commands);
        assertSame(commands, libvirt, jvirt, SCHEDULER_WEIGHT_KEPT, TEST_DRIVER_CPU_TIME);
    }

    /**
     * virsh's own event loop ({@code event --loop --all}) sees a domain's lifecycle, driven by another virsh
     * on the same daemon, as libvirtd reports it. virsh 9 has no {@code --count}: the loop is ended as a user
     * ends it, with Ctrl-C (SIGINT), once the last event has been printed.
     */
    @Test
    void eventLoopPrintsTheLifecycleAsLibvirtdReportsIt() throws Exception {
        Path saved = dir.resolve("vm1.save");
        String changes = String.join("; ", "define " + vm1, "define " + vm1, "start " + "vm1", "suspend vm1", "resume vm1",
                "reboot vm1", "shutdown vm1", "start vm1", "save vm1 " + saved, "restore " + saved, "setmem vm1 65536",
                "autostart vm1", "destroy vm1", "undefine vm1", "create " + vm1, "suspend vm1", "destroy vm1");
        String events = """
                event 'lifecycle' for domain 'vm1': Defined Added
                event 'lifecycle' for domain 'vm1': Defined Updated
                event 'lifecycle' for domain 'vm1': Started Booted
                event 'lifecycle' for domain 'vm1': Suspended Paused
                event 'lifecycle' for domain 'vm1': Resumed Unpaused
                event 'lifecycle' for domain 'vm1': Stopped Shutdown
                event 'lifecycle' for domain 'vm1': Started Booted
                event 'lifecycle' for domain 'vm1': Stopped Saved
                event 'lifecycle' for domain 'vm1': Started Restored
                event 'lifecycle' for domain 'vm1': Stopped Destroyed
                event 'lifecycle' for domain 'vm1': Undefined Removed
                event 'lifecycle' for domain 'vm1': Started Booted
                event 'lifecycle' for domain 'vm1': Suspended Paused
                event 'lifecycle' for domain 'vm1': Stopped Destroyed
                """;
        long count = events.lines().count();
        Virsh.Result libvirt = watchEvents(uri(libvirtd.socket()), changes, count);
        Virsh.Result jvirt = watchEvents(uri(jvirtd.socket()), changes, count);

        assertThat(libvirt.stdout()).isEqualTo(events + "event loop interrupted\nevents received: " + count + "\n\n");
        assertSame("event --loop --all beside " + changes, libvirt, jvirt);
    }

    /**
     * What {@code virsh event --loop --all} prints while {@code changes} run in another virsh, interrupted
     * once it has printed {@code vm1Events} events of vm1. The loop
     * registers its callbacks after it connects and says nothing when it is done; until its first event
     * shows, the default domain is paused and resumed (one virsh each time) to learn that it listens.
     * Those probe events come before the first event of the changes (a daemon sends a client its
     * events in order) and vary in number with when the loop got ready, so they are taken out, and
     * the count virsh prints at the end with them.
     */
    private static Virsh.Result watchEvents(String uri, String changes, long vm1Events) throws Exception {
        try (Virsh.Running loop = virsh.start(uri, false, "event --loop --all")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Virsh.DEADLINE_SECONDS);
            while (loop.stdoutSoFar().isEmpty()) {
                assertThat(System.nanoTime()).as("the event loop printed no event of the probe in time").isLessThan(deadline);
                assertThat(loop.alive()).as("the event loop ended before any event: %s", loop.stdoutSoFar()).isTrue();
                Virsh.Result probe = virsh.run(uri, false, "suspend test; resume test");
                assertThat(probe.exitCode()).as(probe.whole()).isZero();
            }
            Virsh.Result changed = virsh.run(uri, false, changes);
            assertThat(changed.exitCode()).as(changed.whole()).isZero();
            loop.awaitStdout(s -> s.lines().filter(l -> l.contains(" for domain 'vm1': ")).count() >= vm1Events,
                    vm1Events + " events of vm1");
            loop.interrupt();
            return withoutProbe(loop.awaitExit());
        }
    }

    private static Virsh.Result withoutProbe(Virsh.Result r) {
        List<String> lines = Arrays.asList(r.stdout().split("\n", -1));
        int probe = 0;
        while (probe < lines.size() && lines.get(probe).matches("event 'lifecycle' for domain 'test': (Suspended Paused|Resumed Unpaused)")) {
            probe++;
        }
        assertThat(probe).as("the probe's events lead the output:%n%s", r.stdout()).isPositive();
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(probe, lines.size())) {
            String counted = "events received: ";
            out.append(line.startsWith(counted) ? counted + (Integer.parseInt(line.substring(counted.length())) - probe) : line)
                    .append('\n');
        }
        out.setLength(out.length() - 1);
        return new Virsh.Result(out.toString(), r.stderr(), r.exitCode());
    }

    /**
     * The read-only socket: every change fails as libvirtd fails it, reading works, nothing changes. Run
     * twice: with {@code -r}, as users do (libvirt's client library then refuses changes itself), and
     * without, so that the refusals are the daemon's own. A read-write client holds the default state
     * meanwhile, with a defined, shut-off domain to start.
     */
    @Test
    void readOnlySocketRefusesEveryChangeAsLibvirtd() throws Exception {
        List<String> changes = List.of("define " + vm1, "create " + vm1, "start vm1", "suspend test", "resume test",
                "shutdown test", "reboot test", "destroy test", "undefine vm1", "setmem test 1048576",
                "setmaxmem test 1048576", "setvcpus test 1", "schedinfo test --set weight=10", "autostart test",
                "vcpupin test 0 1", "save test " + dir.resolve("test.save"), "restore " + dir.resolve("test.save"),
                "net-destroy default", "net-start default", "net-undefine default", "net-autostart default",
                "net-define " + vm1, "dumpxml --security-info test");
        List<String> reads = List.of("list --all", "dominfo test", "dominfo vm1", "domstate --reason test", "domid test",
                "domuuid test", "domname 1", "vcpuinfo test", "schedinfo test", "dumpxml vm1", "net-list --all",
                "net-dumpxml default", "nodeinfo", "capabilities", "version", "hostname", "sysinfo");
        String commands = String.join("; ", reads) + "; " + String.join("; ", changes) + "; list --all; dominfo vm1";
        for (boolean dashR : new boolean[] {true, false}) {
            Virsh.Result libvirt;
            Virsh.Result jvirt;
            try (RpcClient holder = holdDefaultWithVm1(libvirtd.socket())) {
                libvirt = virsh.run(uri(libvirtd.readOnlySocket()), dashR, commands);
            }
            try (RpcClient holder = holdDefaultWithVm1(jvirtd.socket())) {
                jvirt = virsh.run(uri(jvirtd.readOnlySocket()), dashR, commands);
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
                RemoteDomainDefineXmlArgs.CODEC.toBytes(new RemoteDomainDefineXmlArgs(VM1))));
        return c;
    }

    private static void expectOk(Message reply) throws IOException {
        assertThat(reply.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
    }
}
