package org.jvirt.driver.xend.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.Seq;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprProblem;
import org.jvirt.driver.xend.sexpr.SexprReader;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of libvirt 0.4.4's sexpr2xml cases: xend's document, converted by jvirt and read as
 * libvirt 9 reads domain XML (the Xen rules' post-parse, then libvirt 9's format), is the whole
 * document libvirt 0.4.4 wrote for it, read the same way.
 */
class Sexpr2XmlCorpusTest {
    /**
     * Inputs that are malformed S-expressions, which libvirt 0.4.4's reader took (it closed what the
     * input left open, and ignored what followed the first S-expression) and jvirt's refuses, as it
     * must: the problem the reader reports. Each is then read as libvirt read it — repaired at the
     * positions the reader names — and must convert to the expected XML all the same.
     */
    static final Map<String, String> MALFORMED = Map.of(
            "sexpr2xml-net-routed.sexpr", "unbalanced '('",
            "sexpr2xml-pv-vfb-new.sexpr", "unbalanced ')'");

    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger TOTAL = new AtomicInteger();
    private static final AtomicInteger REPAIRED = new AtomicInteger();

    static Stream<Arguments> cases() {
        Path folder = CorpusCases.folder("sexpr2xmldata");
        return CorpusCases.rows(folder).stream()
                .map(r -> Arguments.of(r[0], r[1], Integer.parseInt(r[2]), folder));
    }

    @ParameterizedTest(name = "{0} -> {1} (xend config {2})")
    @MethodSource("cases")
    void convertsAsLibvirtDid(String input, String output, int version, Path folder) {
        TOTAL.incrementAndGet();
        String text = CorpusCases.read(folder.resolve(input));
        var read = SexprReader.validate(text);
        Sexpr sxp;
        if (MALFORMED.containsKey(input)) {
            assertThat(read.isInvalid()).as("%s is malformed and refused", input).isTrue();
            assertThat(read.getError().map(SexprProblem::message).mkString()).contains(MALFORMED.get(input));
            sxp = SexprReader.read(asLibvirtRead(text, read.getError()));
            REPAIRED.incrementAndGet();
        } else {
            sxp = read.getOrElseThrow(() -> SexprReader.syntaxError(read.getError()));
        }
        DomainDefinition jvirt = XendConfig.toDomain(sxp, version);
        String expected = asLibvirt9ReadsIt(DomainXml.parse(CorpusCases.read(folder.resolve(output))));
        assertThat(asLibvirt9ReadsIt(jvirt)).isEqualTo(expected);
        PASSED.incrementAndGet();
    }

    /** The definition post-parsed with the Xen rules, as libvirt 9 formats it (no secrets, inactive). */
    static String asLibvirt9ReadsIt(DomainDefinition def) {
        return DomainXml.format(PostParse.apply(def, XendRules.INSTANCE), -1, false);
    }

    /**
     * The document as libvirt 0.4.4's reader took it: the lists left open closed at the end, and
     * only the first S-expression kept.
     */
    private static String asLibvirtRead(String text, Seq<SexprProblem> problems) {
        String repaired = text;
        for (SexprProblem p : problems) {
            if (p.message().startsWith("unbalanced ')'")) {
                repaired = repaired.substring(0, p.position().offset());
            }
        }
        long open = problems.count(p -> p.message().startsWith("unbalanced '('"));
        return repaired + ")".repeat((int) open);
    }

    @AfterAll
    static void counts() {
        System.out.println("sexpr2xmldata: " + PASSED + "/" + TOTAL + " passed (" + REPAIRED
                + " of them malformed inputs, refused by the reader and converted as libvirt 0.4.4 read them: "
                + List.copyOf(MALFORMED.keySet()) + ")");
    }
}
