package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.junit.jupiter.api.Test;

/**
 * {@code event}: lifecycle events made by another connection to the same node are printed as virsh
 * prints them, once or in a loop, until the timeout or Ctrl-C.
 */
class EventCommandsTest {

    /** One jvirsh session running a command on its own thread, with a hand on its Ctrl-C. */
    private static final class Run implements AutoCloseable {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        final Session session = new Session(new Output(o, e, false), Jvirsh.URI, false, false, null);
        final AtomicReference<Runnable> ctrlC = new AtomicReference<>();
        CompletableFuture<Boolean> result;

        Run(String command) {
            session.setInterrupts(onInterrupt -> {
                ctrlC.set(onInterrupt);
                return () -> ctrlC.set(null);
            });
            assertThat(session.connect()).isTrue();
            var commands = new ScriptParser(new CommandRegistry()).parseString(command);
            result = CompletableFuture.supplyAsync(() -> session.run(commands));
        }

        /** Waits until the command listens (its Ctrl-C handler is installed). */
        void awaitListening() throws InterruptedException {
            for (int i = 0; i < 500 && ctrlC.get() == null; i++) {
                Thread.sleep(10);
            }
            assertThat(ctrlC.get()).as("the event command listens").isNotNull();
        }

        boolean finish() throws Exception {
            return result.get(30, TimeUnit.SECONDS);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    @Test
    void loopPrintsEachLifecycleEventUntilCtrlC() throws Exception {
        try (Run run = new Run("event --loop --event lifecycle");
             Connection other = Jvirt.open(Jvirsh.URI)) {
            run.awaitListening();
            other.domainByName("test").suspend();
            other.domainByName("test").resume();
            other.domainByName("test").destroy();
            // Ctrl-C once the three events are out, not after a guessed delay.
            for (int i = 0; i < 1000 && !run.out().contains("Stopped Destroyed"); i++) {
                Thread.sleep(10);
            }
            run.ctrlC.get().run();
            assertThat(run.finish()).isTrue();
            assertThat(run.out()).isEqualTo(Jvirsh.lines(
                    "event 'lifecycle' for domain 'test': Suspended Paused",
                    "event 'lifecycle' for domain 'test': Resumed Unpaused",
                    "event 'lifecycle' for domain 'test': Stopped Destroyed",
                    "event loop interrupted",
                    "events received: 3",
                    ""));
        }
    }

    @Test
    void withoutLoopTheFirstEventEndsIt() throws Exception {
        try (Run run = new Run("event --event lifecycle --domain test --timestamp");
             Connection other = Jvirt.open(Jvirsh.URI)) {
            run.awaitListening();
            other.domainByName("test").suspend();
            assertThat(run.finish()).isTrue();
            assertThat(run.out()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}: "
                    + "event 'lifecycle' for domain 'test': Suspended Paused\nevents received: 1\n\n");
        }
    }

    @Test
    void aDomainFilterHidesOtherDomains() throws Exception {
        String d1 = DomainLifecycleCommandsTest.D1_XML;
        try (Run run = new Run("event --all --loop --domain test --timeout 2");
             Connection other = Jvirt.open(Jvirsh.URI)) {
            run.awaitListening();
            other.createDomain(d1);
            other.domainByName("test").suspend();
            assertThat(run.finish()).isTrue();
            assertThat(run.out()).isEqualTo(Jvirsh.lines(
                    "event 'lifecycle' for domain 'test': Suspended Paused",
                    "event loop timed out",
                    "events received: 1",
                    ""));
        }
    }

    @Test
    void nothingReceivedFails() throws Exception {
        try (Run run = new Run("event --all --timeout 1")) {
            assertThat(run.finish()).isFalse();
            assertThat(run.out()).isEqualTo("event loop timed out\nevents received: 0\n\n");
            assertThat(run.err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void typesJvirtDoesNotDeliverAreRefusedByName() {
        Jvirsh.Result r = Jvirsh.script("event --event reboot --timeout 1");
        assertThat(r.err()).isEqualTo(Jvirsh.errors(
                "argument unsupported: event type 'reboot' is not delivered by jvirt; only lifecycle events are"));
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
