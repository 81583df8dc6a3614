package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jvirt.api.VirtException;

/**
 * Bad input everywhere: libvirt's corpus domain documents with one attribute value at a time
 * replaced by a malformed, negative, oversized or empty one. Post-parse either completes the
 * definition (which then formats) or refuses it with a {@link VirtException} — never another
 * exception. Mutations come from a fixed seed, so a failure repeats.
 */
class PostParseMutationTest {
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)='([^']*)'");
    private static final String[] VALUES = {"", "-1", "4294967296", "99999999999999999999", "0x", "abc", " 5",
        "5 ", "+7", "-0", "1e3", "0-999999999", "^0", ",", "yes", "none", "0.0.0.0.0"};
    private static final int MUTATIONS_A_DOCUMENT = 12;

    @Test
    void everyMutationIsCompletedOrRefusedWithAVirtException() {
        Path root = Corpus.root();
        Assumptions.assumeTrue(root != null, "libvirt corpus not available (see jvirt.corpus)");
        List<Path> files = new ArrayList<>(Corpus.files(root, "v0.4.4", "*.xml", true));
        files.addAll(Corpus.files(root, "testdriver-v9.6.0", "testdom*.xml", false));
        files.addAll(Corpus.files(root, "v5.5.0/qemuxml2argvdata-visible", "*.xml", false));
        Random random = new Random(20261205);
        List<String> crashes = new ArrayList<>();
        int tried = 0;
        for (Path file : files) {
            String xml = Corpus.read(file);
            if (!xml.contains("<domain")) {
                continue;
            }
            List<int[]> values = new ArrayList<>();
            Matcher m = ATTRIBUTE.matcher(xml);
            while (m.find()) {
                values.add(new int[] {m.start(2), m.end(2)});
            }
            for (int i = 0; i < MUTATIONS_A_DOCUMENT && !values.isEmpty(); i++) {
                int[] at = values.get(random.nextInt(values.size()));
                String value = VALUES[random.nextInt(VALUES.length)];
                String mutated = xml.substring(0, at[0]) + value + xml.substring(at[1]);
                tried++;
                try {
                    DomainXml.format(PostParse.apply(DomainXml.parse(mutated), DomainRules.GENERIC), -1, true);
                } catch (VirtException refused) {
                    // Refused as it should be.
                } catch (RuntimeException e) {
                    crashes.add(file.getFileName() + " with '" + value + "' at " + at[0] + ": " + e);
                }
            }
        }
        assertThat(tried).as("mutations tried").isGreaterThan(5000);
        assertThat(crashes).as("mutations that escaped as another exception").isEmpty();
    }
}
