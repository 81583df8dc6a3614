package org.jvirt.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash of the machine is played by leaving a journaled directory without a checkpoint and then
 * undoing what the unflushed writes did to the files (as a lost page cache would), before the next open.
 */
class JournaledDirectoryTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Checkpoints when asked; spares made at once, so that none appears after a test has ended. */
    private static JournaledDirectory open(Path dir) throws IOException {
        return JournaledDirectory.open(dir, JournaledDirectory.onlyWhenAsked(), Runnable::run);
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".journal")) {
                    out.put(name, Files.readString(p));
                }
            }
        }
        return out;
    }

    @Test
    void writesAndDeletesAreOnTheFilesAtOnce(@TempDir Path dir) throws IOException {
        try (JournaledDirectory d = open(dir)) {
            d.write("a.xml", bytes("one"));
            d.write("b.xml", bytes("two"));
            d.write("a.xml", bytes("three"));
            d.delete("b.xml");
            d.delete("never.xml");
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "three"));
        }
    }

    @Test
    void aCrashBeforeTheCheckpointIsUndoneByReplayingTheJournal(@TempDir Path dir) throws IOException {
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("one"));
        d.write("b.xml", bytes("two"));
        d.write("a.xml", bytes("three"));
        d.write("c.xml", bytes("gone"));
        d.delete("c.xml");
        // The page cache is lost: the files' unflushed contents are gone, a removed file is back.
        Files.delete(dir.resolve("a.xml"));
        Files.writeString(dir.resolve("b.xml"), "");
        Files.writeString(dir.resolve("c.xml"), "gone");

        try (JournaledDirectory again = open(dir)) {
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "three", "b.xml", "two"));
            again.write("d.xml", bytes("four"));
        }
        d.close();
    }

    @Test
    void recordsACheckpointRetiredAreNeverReplayed(@TempDir Path dir) throws IOException {
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("one"));
        d.checkpoint();
        d.write("b.xml", bytes("two"));
        d.checkpoint();
        // Someone changes the files after the checkpoints; the journal holds nothing that could undo it.
        Files.writeString(dir.resolve("a.xml"), "edited");
        Files.delete(dir.resolve("b.xml"));
        try (JournaledDirectory again = open(dir)) {
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "edited"));
        }
    }

    @Test
    void aRecordWrittenAfterACheckpointCountsInTheNextEpochOnly(@TempDir Path dir) throws IOException {
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("one"));
        d.checkpoint();
        d.write("a.xml", bytes("two"));
        d.checkpoint();
        d.write("a.xml", bytes("three"));
        Files.writeString(dir.resolve("a.xml"), "lost");
        try (JournaledDirectory again = open(dir)) {
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "three"));
        }
    }

    @Test
    void aTornLastRecordIsIgnoredAndTheOnesBeforeItReplayed(@TempDir Path dir) throws IOException {
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("one"));
        d.write("b.xml", bytes("two-two-two"));
        Files.delete(dir.resolve("a.xml"));
        Files.delete(dir.resolve("b.xml"));
        // The second record's last bytes never reached the disk.
        int second = JournalSegment.HEADER_BLOCK + JournalSegment.recordSize("a.xml", bytes("one"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(".journal-0").toFile(), "rw")) {
            f.seek(second + JournalSegment.recordSize("b.xml", bytes("two-two-two")) - 3);
            f.write(new byte[3]);
        }
        try (JournaledDirectory again = open(dir)) {
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "one"));
        }
    }

    @Test
    void garbageInTheJournalIsNotReplayed(@TempDir Path dir) throws IOException {
        open(dir).write("a.xml", bytes("one"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(".journal-0").toFile(), "rw")) {
            f.seek(0);
            f.write(bytes("not a journal header"));
        }
        Files.writeString(dir.resolve("a.xml"), "kept");
        Files.writeString(dir.resolve(".journal-1"), "short and not a journal either");
        try (JournaledDirectory again = open(dir)) {
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "kept"));
            again.write("b.xml", bytes("two"));
            again.checkpoint();
            again.write("c.xml", bytes("three"));
        }
        assertThat(Files.size(dir.resolve(".journal-1"))).isEqualTo(JournalSegment.SIZE);
    }

    @Test
    void aFullSegmentCheckpointsAndGoesOn(@TempDir Path dir) throws IOException {
        byte[] big = new byte[100_000];
        JournaledDirectory d = open(dir);
        for (int i = 0; i < 25; i++) {
            big[0] = (byte) i;
            d.write("f" + (i % 3), big);
        }
        for (int i = 0; i < 3; i++) {
            Files.delete(dir.resolve("f" + i));
        }
        try (JournaledDirectory again = open(dir)) {
            for (int i = 22; i < 25; i++) {
                assertThat(Files.readAllBytes(dir.resolve("f" + (i % 3)))[0]).isEqualTo((byte) i);
            }
        }
    }

    @Test
    void aFileLargerThanASegmentIsFlushedAtOnceAndOlderRecordsOfItRetired(@TempDir Path dir) throws IOException {
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("small"));
        byte[] huge = new byte[JournalSegment.SIZE + 1];
        huge[0] = 'H';
        d.write("a.xml", huge);
        try (JournaledDirectory again = open(dir)) {
            assertThat(Files.readAllBytes(dir.resolve("a.xml"))).isEqualTo(huge);
        }
    }

    @Test
    void aLinkWhereAFileShouldBeIsReplacedNotFollowed(@TempDir Path dir, @TempDir Path elsewhere) throws IOException {
        Path victim = Files.writeString(elsewhere.resolve("victim"), "untouched");
        Files.createSymbolicLink(dir.resolve("a.xml"), victim);
        try (JournaledDirectory d = open(dir)) {
            d.write("a.xml", bytes("new"));
        }
        assertThat(Files.isSymbolicLink(dir.resolve("a.xml"))).isFalse();
        assertThat(Files.readString(dir.resolve("a.xml"))).isEqualTo("new");
        assertThat(Files.readString(victim)).isEqualTo("untouched");
    }

    @Test
    void aShorterContentLeavesNothingOfTheLongerOne(@TempDir Path dir) throws IOException {
        try (JournaledDirectory d = open(dir)) {
            d.write("a.xml", bytes("a rather long first definition"));
            d.write("a.xml", bytes("short"));
            assertThat(Files.readString(dir.resolve("a.xml"))).isEqualTo("short");
            assertThat(Files.getPosixFilePermissions(dir.resolve("a.xml")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void namesOutsideTheDirectoryOrOfTheJournalAreRefused(@TempDir Path dir) throws IOException {
        try (JournaledDirectory d = open(dir)) {
            for (String bad : new String[] {"", ".", "..", "../x", "a/b", ".journal-0", "nul\0l", "x".repeat(256)}) {
                assertThatThrownBy(() -> d.write(bad, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> d.delete(null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(files(dir)).isEmpty();
        }
    }

    @Test
    void aClosedDirectoryRefusesWrites(@TempDir Path dir) throws IOException {
        JournaledDirectory d = open(dir);
        d.close();
        assertThatThrownBy(() -> d.write("a.xml", bytes("x"))).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void concurrentWritersLeaveTheLastContentOfEachFileAfterACrash(@TempDir Path dir) throws Exception {
        JournaledDirectory d = open(dir);
        Map<String, String> last = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    String name = "t" + thread + "-" + (i % 7) + ".xml";
                    String content = "x".repeat(i * 13 % 4000) + i;
                    d.write(name, bytes(content));
                    last.put(name, content);
                    if (i % 50 == 49) {
                        d.checkpoint();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        d.write("t0-6.xml", bytes("after the threads"));
        last.put("t0-6.xml", "after the threads");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().startsWith(".journal")) {
                    Files.writeString(p, "lost");
                }
            }
        }
        try (JournaledDirectory again = open(dir)) {
            Map<String, String> replayed = files(dir);
            // A file whose last write a checkpoint flushed is not replayed (its "lost" content is a fiction of
            // the test); every other file is exactly its last write — never an older one.
            replayed.forEach((name, content) -> {
                if (!content.equals("lost")) {
                    assertThat(content).as(name).isEqualTo(last.get(name));
                }
            });
            assertThat(replayed).containsEntry("t0-6.xml", "after the threads").hasSize(28);
        }
    }

    /** The spare the background has made for {@code dir}, waited for; fails after five seconds. */
    private static Path readySpare(Path dir) throws Exception {
        for (int i = 0; i < 500; i++) {
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> spares = s.filter(p -> p.getFileName().toString().startsWith(JournalSpare.PREFIX)).toList();
                if (!spares.isEmpty()) {
                    assertThat(spares).hasSize(1);
                    return spares.get(0);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no spare was made in " + dir);
    }

    private static Object inode(Path p) throws IOException {
        return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Test
    void aNewNameIsTheSpareRenamedAndAnExistingOneIsWrittenInPlace(@TempDir Path dir) throws Exception {
        try (JournaledDirectory d = open(dir)) {
            d.write("a.xml", bytes("one"));
            Path spare = readySpare(dir);
            Object spareInode = inode(spare);
            Object aInode = inode(dir.resolve("a.xml"));
            d.write("b.xml", bytes("two"));
            d.write("a.xml", bytes("three"));
            assertThat(inode(dir.resolve("b.xml"))).isEqualTo(spareInode);
            assertThat(inode(dir.resolve("a.xml"))).isEqualTo(aInode);
            assertThat(Files.getPosixFilePermissions(dir.resolve("b.xml")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "three", "b.xml", "two"));
            // the next new name finds another spare
            assertThat(readySpare(dir)).isNotEqualTo(dir.resolve("b.xml"));
        }
    }

    @Test
    void aSpareOnlyEverReplacesNothing(@TempDir Path dir) throws Exception {
        try (JournaledDirectory d = open(dir)) {
            d.write("a.xml", bytes("one"));
            readySpare(dir);
            // made behind the directory's back since: written over, not renamed onto
            Files.writeString(dir.resolve("b.xml"), "someone else's");
            Object bInode = inode(dir.resolve("b.xml"));
            d.write("b.xml", bytes("two"));
            assertThat(inode(dir.resolve("b.xml"))).isEqualTo(bInode);
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "one", "b.xml", "two"));
        }
    }

    @Test
    void closingRemovesTheSpareAndOpeningRemovesThoseACrashLeft(@TempDir Path dir) throws Exception {
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("one"));
        Path spare = readySpare(dir);
        d.close();
        assertThat(spare).doesNotExist();
        Files.writeString(dir.resolve(JournalSpare.PREFIX + "left"), "");
        try (JournaledDirectory again = open(dir)) {
            assertThat(dir.resolve(JournalSpare.PREFIX + "left")).doesNotExist();
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "one"));
        }
    }

    @Test
    void aSpareMadeInTheBackgroundIsGoneWhenCloseReturns(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 20; i++) {
            JournaledDirectory d = JournaledDirectory.open(dir, JournaledDirectory.onlyWhenAsked(), JournalSpare.MAKER);
            d.write("a" + i + ".xml", bytes("one"));
            d.write("b" + i + ".xml", bytes("two"));
            d.close();
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(JournalSpare.PREFIX));
            }
        }
    }

    @Test
    void aSpareTakenByAnotherOpeningIsNotUsed(@TempDir Path dir) throws Exception {
        // A crash played in one process: the directory is opened again while the first object lives on.
        JournaledDirectory first = open(dir);
        first.write("a.xml", bytes("one"));
        readySpare(dir);
        try (JournaledDirectory again = open(dir)) {
            again.write("b.xml", bytes("two"));
            // the first object's spare is gone: its next new name is made where it is written, and the next
            // spare only after, never renamed half-made
            for (int i = 0; i < 20; i++) {
                first.write("c" + i + ".xml", bytes("three"));
            }
            first.write("c.xml", bytes("three"));
            Map<String, String> files = files(dir);
            assertThat(files).containsEntry("a.xml", "one").containsEntry("b.xml", "two").hasSize(23);
            assertThat(files.values()).filteredOn(v -> !v.equals("one") && !v.equals("two")).containsOnly("three");
        }
        first.close();
    }
}
