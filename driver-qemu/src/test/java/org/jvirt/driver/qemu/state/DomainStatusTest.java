package org.jvirt.driver.qemu.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainStatusTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndWritesWhatPropertiesStoreWrites() throws Exception {
        Path monitor = Path.of("/run/a dir/with=odd:chars#and!more\\ünï\tcode.qmp");
        DomainStatus st = new DomainStatus(7, 4242, 285632, monitor, "RUNNING_BOOTED", "4243,4244", true, 65536);
        Path file = dir.resolve("g.status");
        st.write(file);
        assertThat(DomainStatus.read(file)).isEqualTo(st);

        // The entries are those Properties.store writes in ISO 8859-1 (sorted by key, \\uXXXX beyond ASCII),
        // with our comment instead of its date.
        Properties p = new Properties();
        p.setProperty("id", "7");
        p.setProperty("pid", "4242");
        p.setProperty("startTicks", "285632");
        p.setProperty("monitor", monitor.toString());
        p.setProperty("state", "RUNNING_BOOTED");
        p.setProperty("vcpuThreads", "4243,4244");
        p.setProperty("persistentAtStart", "true");
        p.setProperty("balloonKiB", "65536");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, null);
        List<String> stored = out.toString(StandardCharsets.ISO_8859_1).lines().filter(l -> !l.startsWith("#")).sorted().collect(Collectors.toList());
        List<String> written = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        assertThat(written.get(0)).isEqualTo("# jvirt QEMU domain status");
        assertThat(written.subList(1, written.size())).isSorted().isEqualTo(stored);
    }

    @Test
    void leadingSpacesOfValuesAndEverySpaceOfKeysAreEscaped() {
        StringBuilder sb = new StringBuilder();
        DomainStatus.escape(sb, " a b", false);
        sb.append('|');
        DomainStatus.escape(sb, "k e", true);
        assertThat(sb).hasToString("\\ a b|k\\ e");
    }
}
