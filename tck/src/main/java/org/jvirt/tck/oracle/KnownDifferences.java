package org.jvirt.tck.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assertions;

/**
 * A ratchet over an oracle comparison: the list of cases (one a line, {@code name  # why}) where a
 * driver does not yet answer as libvirt does, kept as a test resource. {@link #check} fails on a
 * difference the list does not name (a regression) and on a listed case that now matches (take it
 * off), so the list only ever shrinks. With the system property {@code jvirt.updateKnownDifferences}
 * set to true the list is rewritten from what was found instead, into {@code src/test/resources} of
 * the module under test.
 */
public final class KnownDifferences {
    private final Class<?> anchor;
    private final String resource;
    private final String test;

    /**
     * @param anchor the test class whose class loader finds the list
     * @param resource the list's resource path, without a leading slash
     * @param test how to name the test that regenerates it (a Maven {@code -Dtest=} value)
     */
    public KnownDifferences(Class<?> anchor, String resource, String test) {
        this.anchor = anchor;
        this.resource = resource;
        this.test = test;
    }

    /**
     * The names the list holds now.
     *
     * @return sorted, possibly empty
     * @throws IOException when the resource cannot be read
     */
    public Set<String> names() throws IOException {
        Set<String> known = new TreeSet<>();
        try (InputStream in = anchor.getResourceAsStream("/" + resource)) {
            if (in == null) {
                return known;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    known.add(entry.split("\\s+", 2)[0]);
                }
            }
        }
        return known;
    }

    /**
     * Compares what a run found with the list (or rewrites the list, see the class comment).
     *
     * @param found each case that differs, with its first difference
     * @param what what the cases are, for the list's header and the failure message
     * @throws IOException when the list cannot be read or written
     */
    public void check(Map<String, String> found, String what) throws IOException {
        if (Boolean.getBoolean("jvirt.updateKnownDifferences")) {
            write(found, what);
        }
        Set<String> known = names();
        Set<String> fixed = new TreeSet<>(known);
        fixed.removeAll(found.keySet());
        Map<String, String> unexpected = new LinkedHashMap<>(found);
        unexpected.keySet().removeAll(known);
        StringBuilder report = new StringBuilder();
        unexpected.forEach((name, why) -> report.append("\n  ").append(name).append(": ").append(why));
        Assertions.assertTrue(unexpected.isEmpty(), () -> what + " that now differ from libvirt (not in " + resource
                + "):" + report);
        Assertions.assertTrue(fixed.isEmpty(), () -> what + " that now match libvirt: take them off " + resource
                + ": " + fixed);
    }

    private void write(Map<String, String> found, String what) throws IOException {
        StringBuilder text = new StringBuilder("# " + what + " that jvirt does not yet answer as libvirt 9 does, with"
                + " the first\n# difference " + test + " found. The list only shrinks: one that starts to match must be"
                + "\n# taken off, one that stops matching fails the build. Regenerate with\n#   -Dtest=" + test
                + " -Djvirt.updateKnownDifferences=true\n");
        found.forEach((name, why) -> text.append(name).append("  # ").append(why.replace('\n', ' ')).append('\n'));
        Path target = Path.of("src/test/resources", resource);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text.toString(), StandardCharsets.UTF_8);
        System.out.println(test + ": wrote " + target.toAbsolutePath());
    }
}
