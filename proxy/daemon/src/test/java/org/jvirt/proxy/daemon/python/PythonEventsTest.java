package org.jvirt.proxy.daemon.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * Lifecycle event callbacks through python3-libvirt: {@code python/events.py} registers callbacks for
 * every domain, for domain "test" alone and for a marker domain, drives domains through define, start,
 * suspend, resume, destroy and undefine, deregisters the every-domain callback and drives one more. What
 * each callback received, in order, must be what libvirtd delivers for the same sequence — and so must
 * the event messages on the wire, where a callback deregistered but still fed would show (the client
 * library hides it).
 */
class PythonEventsTest {
    /** What python printed and what the daemon sent, for one daemon. */
    private record Run(String printed, List<String> sent) {
    }

    @Test
    void callbacksHearWhatLibvirtdDelivers(@TempDir Path dir) throws Exception {
        PythonLibvirt.require();
        Run libvirt;
        try (Libvirtd libvirtd = Libvirtd.start(Files.createDirectories(dir.resolve("libvirtd")))) {
            libvirt = run(dir.resolve("libvirtd-tap"), libvirtd.socket());
        }
        Run jvirt;
        try (RunningJvirtd jvirtd = RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd")))) {
            jvirt = run(dir.resolve("jvirtd-tap"), jvirtd.socket());
        }
        assertThat(jvirt.printed()).as("what each python callback received").isEqualTo(libvirt.printed());
        assertThat(jvirt.sent()).as("the event messages the daemon sent").containsExactlyElementsOf(libvirt.sent());
    }

    private static Run run(Path tapSocket, Path daemonSocket) throws Exception {
        EventTap tap = new EventTap(tapSocket, daemonSocket);
        String printed;
        try {
            printed = PythonLibvirt.run(tapSocket.getParent(), "events.py", tapSocket.toString());
        } finally {
            tap.close();
        }
        return new Run(printed, tap.events());
    }
}
