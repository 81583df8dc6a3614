package org.jvirt.driver.xm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.cfg.XmList;
import org.jvirt.driver.xm.cfg.XmString;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.driver.xm.domain.XmRules;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;
import org.jvirt.tck.oracle.LibvirtPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libvirt 0.4.4's own xm configuration tests ({@code tests/xmconfigtest.c}), every row of the
 * corpus's {@code v0.4.4/xmconfigdata/CASES.tsv}, both directions:
 * <ul>
 * <li>{@code NAME.cfg} read as a domain, completed by post-parse with the xm rules and formatted,
 *     is the whole document {@code NAME.xml} gives read the same way (as libvirt 9 reads it);</li>
 * <li>{@code NAME.xml} written as a configuration file has the settings of {@code NAME.cfg}: the
 *     same keys with the same values, order aside — MAC addresses inside {@code vif} entries
 *     compared without case, because they are hexadecimal numbers: the files spell them in capitals,
 *     and the domain model keeps them in libvirt 9's lower case, as libvirt 9 writes them.</li>
 * </ul>
 * A case that cannot pass goes in {@link #KNOWN_DIFFERENCES} with its reason, where it must keep
 * failing (a listed case that passes fails, so the list stays true). The counts are printed.
 */
class XmConfigCorpusTest {
    /** Cases known to differ, {@code NAME direction} to the reason. None. */
    private static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

    private static final Pattern VIF_MAC = Pattern.compile("(^|,)\\s*mac=([0-9A-Fa-f:]+)");
    private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> RUN = new ConcurrentHashMap<>();

    private final XmRules rules = new XmRules(() -> "00:16:3e:00:00:01");
    private final XmConfig xm = new XmConfig(rules, network -> null);

    record Case(String name, int version) {
        @Override
        public String toString() {
            return name + " (xend config version " + version + ")";
        }
    }

    static Path dir() {
        return LibvirtPeers.corpus("libvirt 0.4.4's xm configuration tests").resolve("v0.4.4/xmconfigdata");
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(dir().resolve("CASES.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            cases.add(new Case(fields[0], Integer.parseInt(fields[1].strip())));
        }
        assertThat(cases).as("rows of CASES.tsv").hasSizeGreaterThanOrEqualTo(21);
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configToXml(Case c) throws IOException {
        check(c.name() + " cfg->xml", () -> {
            DomainDefinition fromCfg = xm.toDomain(XmConfigFile.read(dir().resolve(c.name() + ".cfg")), c.version());
            assertThat(format(fromCfg)).isEqualTo(format(xml(c.name())));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void xmlToConfig(Case c) throws IOException {
        check(c.name() + " xml->cfg", () -> {
            Map<String, XmValue> expected = comparable(XmConfigFile.read(dir().resolve(c.name() + ".cfg")));
            // As the core hands a definition to the driver (completed), and as a caller might (not).
            assertThat(comparable(xm.toConfig(xml(c.name()), c.version()))).isEqualTo(expected);
            DomainDefinition raw = DomainXml.parse(Files.readString(dir().resolve(c.name() + ".xml")));
            assertThat(comparable(xm.toConfig(raw, c.version()))).isEqualTo(expected);
        });
    }

    /** What a file written from the XML reads back as: the domain the XML is. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWrittenFileReadsBackAsTheDomain(Case c) throws IOException {
        DomainDefinition def = xml(c.name());
        XmConfigFile written = xm.toConfig(def, c.version());
        XmConfigFile reread = XmConfigFile.parse(written.name(), written.text());
        assertThat(format(xm.toDomain(reread, c.version()))).isEqualTo(format(def));
    }

    /** Updating each file with the domain it defines changes no byte of it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void updatingAFileWithItsOwnDomainChangesNothing(Case c) throws IOException {
        XmConfigFile file = XmConfigFile.read(dir().resolve(c.name() + ".cfg"));
        assertThat(xm.update(file, xm.toDomain(file, c.version()), c.version()).text()).isEqualTo(file.text());
        // and from the XML, as a define would: the MAC addresses keep the file's spelling
        assertThat(xm.update(file, xml(c.name()), c.version()).text()).isEqualTo(file.text());
    }

    /** libvirt 0.4.4's XML of a USB tablet without a bus, which is the usbtablet case's file. */
    @Test
    void aTabletWithoutABusIsTheUsbTablet() throws IOException {
        DomainDefinition def = DomainXml.parse(Files.readString(dir().resolve("test-fullvirt-usbtablet-no-bus.xml")));
        assertThat(comparable(xm.toConfig(def, 2)))
                .isEqualTo(comparable(XmConfigFile.read(dir().resolve("test-fullvirt-usbtablet.cfg"))));
    }

    private DomainDefinition xml(String name) throws IOException {
        return PostParse.apply(DomainXml.parse(Files.readString(dir().resolve(name + ".xml"))), rules);
    }

    private DomainDefinition completed(DomainDefinition def) {
        return PostParse.apply(def, rules);
    }

    private String format(DomainDefinition def) {
        return DomainXml.format(completed(def), -1, true);
    }

    /** The settings, MAC addresses of {@code vif} entries in lower case. */
    private static Map<String, XmValue> comparable(XmConfigFile file) {
        Map<String, XmValue> settings = new LinkedHashMap<>(file.settings());
        if (settings.get("vif") instanceof XmList vifs) {
            List<XmValue> entries = new ArrayList<>();
            for (XmValue v : vifs.items()) {
                if (v instanceof XmString s) {
                    Matcher m = VIF_MAC.matcher(s.value());
                    entries.add(XmValue.of(m.find() ? s.value().substring(0, m.start(2))
                            + m.group(2).toLowerCase(java.util.Locale.ROOT) + s.value().substring(m.end(2)) : s.value()));
                } else {
                    entries.add(v);
                }
            }
            settings.put("vif", new XmList(entries));
        }
        return settings;
    }

    interface Check {
        void run() throws IOException;
    }

    /** Runs a comparison, counting it; a known difference must still differ. */
    private static void check(String id, Check comparison) throws IOException {
        String direction = id.substring(id.lastIndexOf(' ') + 1);
        RUN.computeIfAbsent(direction, d -> new AtomicInteger()).incrementAndGet();
        String known = KNOWN_DIFFERENCES.get(id);
        if (known == null) {
            comparison.run();
            PASSED.computeIfAbsent(direction, d -> new AtomicInteger()).incrementAndGet();
            return;
        }
        try {
            comparison.run();
        } catch (AssertionError expected) {
            System.out.println("KNOWN DIFFERENCE " + id + ": " + known);
            return;
        }
        throw new AssertionError(id + " is listed as a known difference (" + known + ") but now passes: take it off");
    }

    @AfterAll
    static void printCounts() {
        RUN.forEach((direction, run) -> System.out.println("xm corpus " + direction + ": "
                + PASSED.getOrDefault(direction, new AtomicInteger()).get() + "/" + run.get() + " passed"));
    }
}
