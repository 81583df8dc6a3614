package org.jvirt.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the libvirt reference corpus lives: the directory named by the system property
 * {@code jvirt.corpus}, read at run time and never copied into the project.
 */
final class Corpus {
    private Corpus() {
    }

    /** The corpus root, or null (with the reason printed) when it is not available. */
    static Path root() {
        String property = System.getProperty("jvirt.corpus");
        if (property == null) {
            System.out.println("SKIPPED: libvirt corpus tests: system property jvirt.corpus is not set");
            return null;
        }
        Path root = Path.of(property);
        if (!Files.isDirectory(root)) {
            System.out.println("SKIPPED: libvirt corpus tests: " + root.toAbsolutePath()
                    + " (jvirt.corpus) is not a directory");
            return null;
        }
        return root;
    }

    /** The files under {@code folder} of the corpus whose names match {@code glob}, sorted. */
    static List<Path> files(Path root, String folder, String glob, boolean recursive) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
