package org.jvirt.cli;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.Subscription;

/**
 * {@code event}: waits for domain events and prints them as virsh's {@code cmdEvent} does, once
 * ({@code event --event lifecycle}) or until the timeout or Ctrl-C ({@code --loop}).
 *
 * <p>virsh knows many event types; jvirt delivers lifecycle events only. {@code --list} lists virsh's
 * names, so that scripts reading it keep working; {@code --all} waits for the types the connection
 * delivers (virsh too ignores the types a connection cannot register after the first); asking for
 * another type by name fails.
 */
final class EventCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new EventCommands();

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "event" -> event(s, c);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private EventCommands() {
    }

    /** virsh 9's event types, in its order ({@code VIR_DOMAIN_EVENT_ID_*}). */
    static final List<String> VIRSH_EVENTS = List.of("lifecycle", "reboot", "rtc-change", "watchdog", "io-error",
            "graphics", "io-error-reason", "control-error", "block-job", "disk-change", "tray-change", "pm-wakeup",
            "pm-suspend", "balloon-change", "pm-suspend-disk", "device-removed", "block-job-2", "tunable",
            "agent-lifecycle", "device-added", "migration-iteration", "job-completed", "device-removal-failed",
            "metadata-change", "block-threshold", "memory-failure", "memory-device-size-change");


    static List<CommandDef> commands() {
        return List.of(CommandDef.of("event", CommandGroup.EVENTS, "Domain Events",
                "List event types, or wait for domain events to occur", HANDLER,
                OptDef.string("domain", "filter by domain name, id or uuid").completing(Completion.DOMAIN),
                OptDef.string("event", "which event type to wait for")
                        .choices(VIRSH_EVENTS.toArray(new String[0])),
                OptDef.bool("all", "wait for all events instead of just one type"),
                OptDef.bool("loop", "loop until timeout or interrupt, rather than one-shot"),
                OptDef.optionalInt("timeout", "timeout seconds"),
                OptDef.bool("list", "list valid event types"),
                OptDef.bool("timestamp", "show timestamp for each printed event")));
    }

    /** What the waiting thread hears: an event, or that Ctrl-C was pressed. */
    private record Signal(DomainEvent event) {
    }

    private static final Signal INTERRUPT = new Signal(null);

    private static void event(Session s, ParsedCommand c) {
        c.exclusive("all", "event");
        c.exclusive("list", "all");
        c.exclusive("list", "event");
        Output out = s.out();
        if (c.has("list")) {
            for (String name : VIRSH_EVENTS) {
                out.line(name);
            }
            return;
        }
        String name = c.string("event");
        if (name != null) {
            if (!VIRSH_EVENTS.contains(name)) {
                throw new CommandError("unknown event type " + name);
            }
        } else if (!c.has("all")) {
            throw new CommandError("one of --list, --all, or --event <type> is required");
        }
        long timeoutMillis = -1;
        if (c.has("timeout")) {
            long seconds = c.unsignedInt("timeout");
            if (seconds == 0 || seconds > Integer.MAX_VALUE / 1000) {
                throw VirshNumbers.malformed(Long.toString(seconds), "timeout");
            }
            timeoutMillis = seconds * 1000;
        }
        Domain domain = c.has("domain") ? s.domains().fromOption(c) : null;
        if (name != null && !name.equals("lifecycle")) {
            throw new CommandError("argument unsupported: event type '" + name
                    + "' is not delivered by jvirt; only lifecycle events are");
        }
        boolean loop = c.has("loop");
        boolean timestamp = c.has("timestamp");

        LinkedBlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
        int count = 0;
        String ending = null;
        Subscription subscription = domain != null
                ? domain.onEvent(e -> queue.add(new Signal(e)))
                : s.connection().onDomainEvent(e -> queue.add(new Signal(e)));
        JobWatcher.Handle handler = s.interrupts().install(() -> queue.add(INTERRUPT));
        try {
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() / 1_000_000 + timeoutMillis;
            while (true) {
                long left = deadline - System.nanoTime() / 1_000_000;
                if (left <= 0) {
                    ending = "event loop timed out";
                    break;
                }
                Signal signal = queue.poll(Math.min(left, 60_000), TimeUnit.MILLISECONDS);
                if (signal == null) {
                    continue;
                }
                if (signal == INTERRUPT) {
                    ending = "event loop interrupted";
                    break;
                }
                out.print(describe(signal.event(), timestamp));
                out.flush();
                count++;
                if (!loop) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = "event loop interrupted";
        } finally {
            handler.close();
            subscription.close();
        }
        if (ending != null) {
            out.line(ending);
        }
        out.line("events received: " + count);
        if (count == 0) {
            throw new CommandError(List.of()); // virsh's command fails when nothing came, without a message
        }
    }

    /** virsh's virshEventLifecyclePrint line, with virsh's timestamp in front when asked. */
    static String describe(DomainEvent e, boolean timestamp) {
        String line = "event 'lifecycle' for domain '" + e.domain().name() + "': " + e.type().label() + " "
                + e.detail().label() + "\n";
        return timestamp
                ? ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxx")) + ": " + line
                : line;
    }
}
