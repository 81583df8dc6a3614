package org.jvirt.proxy.daemon.virsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.assertSame;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virsh's own event loop against jvirtd and against libvirtd, each driven by another virsh on the same daemon. */
class VirshEventLoopTest {
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
     * virsh's own event loop ({@code event --loop --all}) sees a domain's lifecycle, driven by another virsh
     * on the same daemon, as libvirtd reports it. virsh 9 has no {@code --count}: the loop is ended as a user
     * ends it, with Ctrl-C (SIGINT), once the last event has been printed.
     */
    @Test
    void eventLoopPrintsTheLifecycleAsLibvirtdReportsIt() throws Exception {
        Path saved = d.dir.resolve("vm1.save");
        String changes = String.join("; ", "define " + d.vm1, "define " + d.vm1, "start vm1", "suspend vm1", "resume vm1",
                "reboot vm1", "shutdown vm1", "start vm1", "save vm1 " + saved, "restore " + saved, "setmem vm1 65536",
                "autostart vm1", "destroy vm1", "undefine vm1", "create " + d.vm1, "suspend vm1", "destroy vm1");
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
        Virsh.Result libvirt = watchEvents(BothDaemons.uri(d.libvirtd.socket()), changes, count);
        Virsh.Result jvirt = watchEvents(BothDaemons.uri(d.jvirtd.socket()), changes, count);

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
        try (Virsh.Running loop = d.virsh.start(uri, false, "event --loop --all")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Virsh.DEADLINE_SECONDS);
            while (loop.stdoutSoFar().isEmpty()) {
                assertThat(System.nanoTime()).as("the event loop printed no event of the probe in time").isLessThan(deadline);
                assertThat(loop.alive()).as("the event loop ended before any event: %s", loop.stdoutSoFar()).isTrue();
                Virsh.Result probe = d.virsh.run(uri, false, "suspend test; resume test");
                assertThat(probe.exitCode()).as(probe.whole()).isZero();
            }
            Virsh.Result changed = d.virsh.run(uri, false, changes);
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
}
