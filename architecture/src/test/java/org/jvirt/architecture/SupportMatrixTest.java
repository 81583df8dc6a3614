package org.jvirt.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.Operation;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.core.docs.SupportMatrix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/support-matrix.md} is what {@link SupportMatrix} generates from the drivers on this
 * module's class path (every jvirt jar). Stale, the build fails and says how to regenerate it;
 * with {@code -Djvirt.updateDocs=true} the test rewrites the file instead.
 */
class SupportMatrixTest {
    private static final String REMOTE_PROVIDER = "org.jvirt.proxy.remote.RemoteDriverProvider";

    /** The committed matrix: system property {@code jvirt.supportMatrix} (set by the pom), else relative to this module. */
    private static Path committed() {
        String property = System.getProperty("jvirt.supportMatrix");
        return property != null && !property.isBlank() ? Path.of(property)
                : Path.of("..").resolve(SupportMatrix.DOCUMENT).toAbsolutePath().normalize();
    }

    @Test
    void theCommittedMatrixIsUpToDate() throws IOException {
        ProviderRegistry registry = Jvirt.discover(null);
        assertThat(registry.problems()).as("driver loading problems").isEmpty();
        String generated = SupportMatrix.markdown(registry);
        Path file = committed();
        if (Boolean.getBoolean("jvirt.updateDocs")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
            System.out.println("SupportMatrixTest: wrote " + file);
            return;
        }
        String current = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        if (current != null && current.contains(REMOTE_PROVIDER)
                && registry.providers().stream().noneMatch(p -> p.getClass().getName().equals(REMOTE_PROVIDER))) {
            String reason = "the committed matrix has the remote driver, which is built only beside the shared libvirt "
                    + "corpus (../shared/libvirt-corpus: the proxy profile); this class path has not got it";
            if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
                throw new AssertionError(reason + ", and JVIRT_REQUIRE_PEERS is set");
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        assertThat(current)
                .as("%s is %s: regenerate it with%n  %s%n", file, current == null ? "missing" : "stale",
                        SupportMatrix.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everyOperationAndEveryDriverIsInTheMatrix() {
        ProviderRegistry registry = Jvirt.discover(null);
        String generated = SupportMatrix.markdown(registry);
        for (Operation op : Operation.values()) {
            assertThat(generated).contains("| `" + op.libvirtName() + "` |");
        }
        assertThat(registry.providers()).as("drivers on the class path").isNotEmpty();
        registry.providers().forEach(p -> assertThat(generated).contains(" " + p.name() + " |"));
        // The reference driver declares every operation but the native-format conversions, the node
        // memory statistics, the job operations and keepalive (a daemon's), as libvirt's.
        int all = Operation.values().length;
        assertThat(generated).contains("| test | `test` | `org.jvirt.driver.test.TestDriverProvider` | "
                + (all - 6) + " of " + all + " |");
        assertThat(SupportMatrix.markdown(registry)).as("deterministic").isEqualTo(generated);
    }
}
