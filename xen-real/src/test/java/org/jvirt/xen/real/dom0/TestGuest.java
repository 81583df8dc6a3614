package org.jvirt.xen.real.dom0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The small PV guest of guest.cfg (busybox, 128 MiB, 2 vCPUs), started with {@code xl create} and ended with
 * {@code xl destroy}: one at a time, as test classes run one after another.
 */
final class TestGuest {
    /** The guest's name in guest.cfg. */
    static final String NAME = "jvirt-guest";
    /** What guest-init.sh says on the console once it runs. */
    private static final String UP = "jvirt-guest: up";
    /** Its boot to the busybox loop under TCG: some seconds, more on a busy host. */
    static final Duration BOOT_LIMIT = Duration.ofSeconds(120);

    private TestGuest() {
    }

    /**
     * Creates the guest and returns its id once its init runs: until then its vCPUs come online one by one, and
     * the figures would move under the tests.
     */
    static int start() {
        // xenconsoled appends each guest of the name to the same log: the new one's greeting is the next one.
        Path console = console();
        int before = greetings(console);
        Dom0.run("xl", "create", Dom0.guestConfig().toString());
        int id = Integer.parseInt(Dom0.run("xl", "domid", NAME).trim());
        try {
            Dom0.until(BOOT_LIMIT, NAME + " (domain " + id + ") to say it is up in " + console,
                    () -> greetings(console) > before);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + consoleTail(), e);
        }
        return id;
    }

    /** The end of the guests' console log, for a failure's message. */
    static String consoleTail() {
        Path console = console();
        try {
            String log = Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
            return "--- end of " + console + ":\n" + log.substring(Math.max(0, log.length() - 3000));
        } catch (IOException e) {
            return "(" + console + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Destroys domain {@code id} with xl if xl still lists it. */
    static void destroyIfPresent(int id) {
        if (Xl.domain(id).isPresent()) {
            Dom0.run("xl", "destroy", Integer.toString(id));
        }
    }

    private static Path console() {
        return Dom0.root().resolve("run/xen-guest-logs/guest-" + NAME + ".log");
    }

    private static int greetings(Path console) {
        try {
            if (!Files.exists(console)) {
                return 0;
            }
            String log = Files.readString(console, StandardCharsets.ISO_8859_1);
            int n = 0;
            for (int i = log.indexOf(UP); i >= 0; i = log.indexOf(UP, i + 1)) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
