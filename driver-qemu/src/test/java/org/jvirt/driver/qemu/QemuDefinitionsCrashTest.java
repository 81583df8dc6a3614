package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.state.StateLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definitions survive a crash of the machine: a jvirt process defines, redefines and undefines and is
 * killed, after its journal is flushed and before it checkpoints; the page cache is then "lost" (the
 * definition files put back as they were before the unflushed changes); the next open replays the journal,
 * and every change is there — and only once: a second open replays nothing.
 */
@Timeout(120)
class QemuDefinitionsCrashTest {
    @TempDir
    Path root;

    @Test
    void changesThatReturnedSurviveTheLossOfTheUnflushedFiles() throws Exception {
        Peers.x86();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Djvirt.journal.checkpointDelayMillis=86400000",
                "-cp", System.getProperty("java.class.path"), DefineChild.class.getName(), root.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        assertThat(out.readLine()).as("child output").isEqualTo("READY");
        StateLayout layout = StateLayout.embed(root.toRealPath());
        // The background has flushed the journal once the files show every change.
        QemuGuests.awaitTrue("the changes on the files", () -> !Files.exists(layout.definition("dropped"))
                && read(layout.definition("kept")).contains("<memory unit='KiB'>98304</memory>"));
        String kept = Files.readString(layout.definition("kept"));
        child.getOutputStream().write('\n');
        child.getOutputStream().flush();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // What a crash of the machine may leave of unflushed changes: the redefinition of 'kept' gone,
        // and the undefined 'dropped' back as it was.
        Files.delete(layout.definition("kept"));
        Files.writeString(layout.definition("dropped"), kept.replace("<name>kept</name>", "<name>dropped</name>")
                .replaceFirst("<uuid>[^<]*</uuid>", "<uuid>" + UUID.randomUUID() + "</uuid>"));

        try (Connection conn = QemuGuests.open(root)) {
            assertThat(conn.domainByName("kept").info().maxMemoryKiB()).isEqualTo(96 * 1024);
            assertThatThrownBy(() -> conn.domainByName("dropped")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        }
        assertThat(Files.readString(layout.definition("kept"))).isEqualTo(kept);

        // The replay retired the records: a file changed afterwards is not overwritten by them.
        Files.delete(layout.definition("kept"));
        try (Connection conn = QemuGuests.open(root)) {
            assertThat(conn.listAllDomains()).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
