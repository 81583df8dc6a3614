package org.jvirt.driver.qemu.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save image is refused as incomplete until it is marked complete, after its stream was written. */
class SaveImageTest {
    @TempDir
    Path dir;

    @Test
    void incompleteUntilMarkedComplete() throws Exception {
        Path f = dir.resolve("a.sav");
        byte[] header = SaveImage.header("<domain><name>a</name></domain>", true);
        assertThat(header.length % 4096).isZero();
        Files.write(f, header);
        Files.write(f, new byte[] {'Q', 'E', 'V', 'M'}, StandardOpenOption.APPEND); // some of a stream
        assertThatThrownBy(() -> SaveImage.read(f)).isInstanceOfSatisfying(SaveImage.FormatException.class,
                e -> assertThat(e.getMessage()).contains("incomplete", "did not finish"));

        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            SaveImage.markComplete(ch);
        }
        SaveImage image = SaveImage.read(f);
        assertThat(image.xml()).isEqualTo("<domain><name>a</name></domain>");
        assertThat(image.wasRunning()).isTrue();
        assertThat(image.dataOffset()).isEqualTo(header.length);
        assertThat(Files.size(f)).isEqualTo(header.length + 4L);
        assertThat(new String(Files.readAllBytes(f), 0, 13, "US-ASCII")).isEqualTo("JvirtQemuSave");
    }

    @Test
    void otherDamageIsNamed() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk"), "not a save image at all, just words");
        assertThatThrownBy(() -> SaveImage.read(junk)).hasMessageContaining("bad magic");
        Path headerOnly = dir.resolve("h.sav");
        Files.write(headerOnly, SaveImage.header("<domain/>", false));
        try (FileChannel ch = FileChannel.open(headerOnly, StandardOpenOption.WRITE)) {
            SaveImage.markComplete(ch);
        }
        assertThatThrownBy(() -> SaveImage.read(headerOnly)).hasMessageContaining("no migration data");
    }
}
