package org.jvirt.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void replacesContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("def.xml");
        AtomicFiles.write(target, "old".getBytes());
        AtomicFiles.write(target, "new".getBytes());
        assertThat(Files.readString(target)).isEqualTo("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void theFileIsTheOwnersOnlyAsFilesCreateTempFileMakesIt(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("status");
        AtomicFiles.write(target, "x".getBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void aFailedWriteLeavesTheOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("def.xml");
        AtomicFiles.write(target, "old".getBytes());
        // A directory in the way makes the rename fail after the temporary file was written.
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("child"));
        assertThatThrownBy(() -> AtomicFiles.write(blocked, "x".getBytes())).isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(target, blocked);
        }
    }
}
