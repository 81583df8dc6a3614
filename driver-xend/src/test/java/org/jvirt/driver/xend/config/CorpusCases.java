package org.jvirt.driver.xend.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.tck.oracle.LibvirtPeers;

/** The rows of a CASES.tsv of libvirt 0.4.4's corpus, read where the corpus is (never copied). */
final class CorpusCases {
    private CorpusCases() {
    }

    /** The folder {@code v0.4.4/name} of the corpus; skips (or fails under JVIRT_REQUIRE_PEERS) without it. */
    static Path folder(String name) {
        return LibvirtPeers.corpus("libvirt 0.4.4's " + name).resolve("v0.4.4").resolve(name);
    }

    /** The tab-separated rows of {@code folder}'s CASES.tsv, comments left out. */
    static List<String[]> rows(Path folder) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(folder.resolve("CASES.tsv"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
            return rows;
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
