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
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash of the process is played by leaving a journaled directory without closing it; a crash of the
 * machine, by then also undoing what the flushed changes did to the unflushed files (as a lost page cache
 * would), before the next open. The background's work runs only when a test asks for it.
 */
class JournaledDirectoryTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Flushes and checkpoints when asked. */
    private static JournaledDirectory open(Path dir) throws IOException {
        return JournaledDirectory.open(dir, JournaledDirectory.onlyWhenAsked());
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                // Not the journal, nor a temporary file a write killed mid-way may leave (AtomicFiles' ".NAME.*.tmp").
                if (!name.startsWith(".")) {
                    out.put(name, Files.readString(p));
                }
            }
        }
        return out;
    }

    @Test
    void writesAndDeletesReachTheFilesWhenTheJournalIsFlushed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("c.xml"), "old");
        try (JournaledDirectory d = open(dir)) {
            d.write("a.xml", bytes("one"));
            d.write("b.xml", bytes("two"));
            d.write("a.xml", bytes("three"));
            d.delete("b.xml");
            d.delete("never.xml");
            d.write("c.xml", bytes("new"));
            assertThat(files(dir)).isEqualTo(Map.of("c.xml", "old"));
            d.sync();
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "three", "c.xml", "new"));
            d.delete("c.xml");
            d.sync();
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "three"));
        }
    }

    @Test
    void aChangeNotYetFlushedSurvivesACrashOfTheProcess(@TempDir Path dir) throws IOException {
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("one"));
        d.sync();
        d.write("a.xml", bytes("two"));
        d.write("b.xml", bytes("three"));
        d.delete("b.xml");
        d.write("c.xml", bytes("four"));
        assertThat(files(dir)).isEqualTo(Map.of("a.xml", "one"));
        try (JournaledDirectory again = open(dir)) {
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "two", "c.xml", "four"));
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
        d.sync();
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
            Files.deleteIfExists(dir.resolve("f" + i));
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
            d.sync();
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
        inFourThreads(300, (thread, i) -> {
            String name = "t" + thread + "-" + (i % 7) + ".xml";
            String content = "x".repeat(i * 13 % 4000) + i;
            d.write(name, bytes(content));
            last.put(name, content);
            if (i % 50 == 49) {
                d.checkpoint();
            }
        });
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

    @Test
    void writersRacingTheBackgroundLeaveEveryLastChangeAfterTheProcessDies(@TempDir Path dir) throws Exception {
        // The background's own thread, its delays a hundredth of the real ones: checkpoints come every 10 ms.
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
        JournaledDirectory d = JournaledDirectory.open(dir,
                (work, delayMs) -> background.schedule(work, delayMs / 100, TimeUnit.MILLISECONDS));
        Map<String, String> last = new ConcurrentHashMap<>();
        inFourThreads(400, (thread, i) -> {
            String name = "t" + thread + "-" + (i % 7) + ".xml";
            if (i % 11 == 10) {
                d.delete(name);
                last.put(name, "");
            } else {
                String content = "y".repeat(i * 17 % 6000) + i;
                d.write(name, bytes(content));
                last.put(name, content);
            }
        });
        // The process dies: its background stops wherever it is, mid-flush or mid-checkpoint.
        background.shutdownNow();
        assertThat(background.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        try (JournaledDirectory again = open(dir)) {
            Map<String, String> got = files(dir);
            List<String> wrong = new ArrayList<>();
            last.forEach((name, content) -> {
                String expected = content.isEmpty() ? null : content;
                if (!Objects.equals(got.get(name), expected)) {
                    wrong.add(name + ": " + describe(expected) + " expected, " + describe(got.get(name)));
                }
            });
            assertThat(wrong).isEmpty();
            assertThat(got.keySet()).isSubsetOf(last.keySet());
        }
    }

    /** One step of a writer: its thread's number and the step's. */
    private interface Step {
        void run(int thread, int step) throws IOException;
    }

    /** Four threads run {@code steps} steps each at once; returns when all have, failing with the first failure. */
    private static void inFourThreads(int steps, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < steps; i++) {
                        step.run(thread, i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A content in a few words: its length and how it ends (the write's number). */
    private static String describe(String content) {
        return content == null ? "absent" : content.length() + " chars ending '"
                + content.substring(Math.max(0, content.length() - 4)) + "'";
    }

    /** Makes {@code file} impossible to write, in place or by a rename: a directory that is not empty. */
    private static Path block(Path file) throws IOException {
        return Files.createDirectories(file.resolve("inside"));
    }

    private static void unblock(Path blocker) throws IOException {
        Files.delete(blocker);
        Files.delete(blocker.getParent());
    }

    @Test
    void aFileThatCannotBeWrittenKeepsItsChangeUntilItCan(@TempDir Path dir) throws IOException {
        Path blocker = block(dir.resolve("a.xml"));
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("one"));
        d.write("b.xml", bytes("two"));
        assertThatThrownBy(d::sync).isInstanceOf(IOException.class);
        assertThatThrownBy(d::checkpoint).isInstanceOf(IOException.class);
        d.write("c.xml", bytes("three"));
        // Failing again: the failed checkpoint's segment is not reused while its records count.
        assertThatThrownBy(d::checkpoint).isInstanceOf(IOException.class);
        d.write("d.xml", bytes("four"));
        unblock(blocker);
        d.sync();
        assertThat(files(dir)).containsEntry("a.xml", "one");
        // A crash before a checkpoint succeeded: every change is replayed, the first one too.
        Files.delete(dir.resolve("a.xml"));
        try (JournaledDirectory again = open(dir)) {
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "one", "b.xml", "two", "c.xml", "three", "d.xml", "four"));
        }
    }

    @Test
    void aCheckpointAfterAFailedOneRetiresBoth(@TempDir Path dir) throws IOException {
        Path blocker = block(dir.resolve("a.xml"));
        JournaledDirectory d = open(dir);
        d.write("a.xml", bytes("one"));
        assertThatThrownBy(d::checkpoint).isInstanceOf(IOException.class);
        d.write("b.xml", bytes("two"));
        unblock(blocker);
        d.checkpoint();
        d.checkpoint();
        assertThat(files(dir)).isEqualTo(Map.of("a.xml", "one", "b.xml", "two"));
        // Retired: edits after the checkpoints are not undone by a replay.
        Files.writeString(dir.resolve("a.xml"), "edited");
        Files.delete(dir.resolve("b.xml"));
        try (JournaledDirectory again = open(dir)) {
            assertThat(files(dir)).isEqualTo(Map.of("a.xml", "edited"));
        }
    }

    @Test
    void theBackgroundBringsTheFilesUpToDateWithoutBeingAsked(@TempDir Path dir) throws Exception {
        try (JournaledDirectory d = JournaledDirectory.open(dir)) {
            Files.writeString(dir.resolve("b.xml"), "old");
            d.write("a.xml", bytes("one"));
            d.delete("b.xml");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!filesNow(dir).equals(Map.of("a.xml", "one"))) {
                assertThat(System.nanoTime() - deadline).as("the files 30 s on: " + filesNow(dir)).isNegative();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
    }

    /** {@link #files}, or an empty map when a file went between listing and reading it (the background's work). */
    private static Map<String, String> filesNow(Path dir) throws IOException {
        try {
            return files(dir);
        } catch (java.nio.file.NoSuchFileException e) {
            return Map.of();
        }
    }
}
