package org.jvirt.driver.xend.sexpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.driver.xend.sexpr.Sexpr.atom;
import static org.jvirt.driver.xend.sexpr.Sexpr.entry;
import static org.jvirt.driver.xend.sexpr.Sexpr.list;
import static org.jvirt.driver.xend.sexpr.Sexpr.node;

import io.vavr.collection.Seq;
import java.nio.charset.StandardCharsets;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

class SexprReaderTest {

    @Test
    void readsListsBareAndQuotedAtomsAsLibvirtsTestDataWritesThem() {
        Sexpr s = SexprReader.read("(domain (domid 6)(name 'pvtest')(args ' method=http://x/os  ')"
                + "(device (vbd (dev 'xvda')(uname 'file:/root/some.img')(mode 'w'))))\n");
        assertThat(s).isEqualTo(node("domain", entry("domid", "6"), entry("name", "pvtest"),
                entry("args", " method=http://x/os  "),
                node("device", node("vbd", entry("dev", "xvda"), entry("uname", "file:/root/some.img"),
                        entry("mode", "w")))));
    }

    @Test
    void readsXendsIndentedFormWithEmptyEntries() {
        Sexpr s = SexprReader.read("(domain\n    (bootloader )\n\t(features )\n    (cpu_time 0.95)\n)\n");
        assertThat(s).isEqualTo(node("domain", entry("bootloader"), entry("features"), entry("cpu_time", "0.95")));
    }

    @Test
    void readsEmptyListsAndEmptyQuotedAtoms() {
        assertThat(SexprReader.read("(a () '' \"\")")).isEqualTo(list(atom("a"), list(), atom(""), atom("")));
    }

    @Test
    void aQuoteInsideABareAtomIsPartOfIt() {
        assertThat(SexprReader.read("(a b'c)")).isEqualTo(list(atom("a"), atom("b'c")));
    }

    @Test
    void decodesXendsEscapesInQuotedAtoms() {
        assertThat(SexprReader.read("('it\\'s' \"it's\" 'a\\\\b' 'l1\\nl2\\t' '\\x41\\101' '\\x7')"))
                .isEqualTo(list(atom("it's"), atom("it's"), atom("a\\b"), atom("l1\nl2\t"), atom("AA"),
                        atom("\u0007")));
    }

    @Test
    void escapedBytesAreUtf8AsPythonsReprWroteThem() {
        assertThat(SexprReader.read("('caf\\xc3\\xa9' 'café' '\\303\\251')"))
                .isEqualTo(list(atom("café"), atom("café"), atom("é")));
    }

    @Test
    void readsFromUtf8Bytes() {
        assertThat(SexprReader.read("(name 'café')".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(entry("name", "café"));
    }

    @Test
    void aDocumentMayBeOneAtom() {
        assertThat(SexprReader.read("  ok \n")).isEqualTo(atom("ok"));
    }

    @Test
    void equalityIgnoresHowAtomsWereQuoted() {
        assertThat(SexprReader.read("(vcpus '2')")).isEqualTo(SexprReader.read("( vcpus 2 )"));
        assertThat(SexprReader.read("(vcpus 2)")).isNotEqualTo(SexprReader.read("(vcpus 3)"));
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        String doc = "(".repeat(SexprReader.MAX_DEPTH) + "x" + ")".repeat(SexprReader.MAX_DEPTH);
        Sexpr s = SexprReader.read(doc);
        int depth = 0;
        while (s instanceof SexprList l) {
            depth++;
            s = l.get(0);
        }
        assertThat(depth).isEqualTo(SexprReader.MAX_DEPTH);
        assertThat(s).isEqualTo(atom("x"));
    }

    @Test
    void unbalancedOpeningParenthesisNamesWhereItOpened() {
        assertSyntax("(domain\n  (name x)\n  (memory 4", "1:1 (offset 0): unbalanced '(': the input ends at 3:12"
                + " (offset 30) before its ')'; 3:3 (offset 21): unbalanced '('");
    }

    @Test
    void unbalancedClosingParenthesis() {
        assertSyntax("(a))", "1:4 (offset 3): unbalanced ')': no list is open");
    }

    @Test
    void unterminatedQuote() {
        assertSyntax("(name 'pvtest)", "1:7 (offset 6): unterminated quoted atom", "1:1 (offset 0): unbalanced '('");
    }

    @Test
    void badEscapes() {
        assertSyntax("(a '\\q')", "1:5 (offset 4): bad escape '\\q'");
        assertSyntax("(a 'x\\xzz')", "1:6 (offset 5): bad escape '\\x': no hexadecimal digit follows");
        assertSyntax("(a '\\777')", "1:5 (offset 4): bad escape '\\777': more than 255");
        assertSyntax("(a '\\x00')", "1:5 (offset 4): bad escape: it makes a NUL character");
        assertSyntax("(a '\\xff')", "1:4 (offset 3): the quoted atom's escapes make bytes that are not UTF-8");
    }

    @Test
    void trailingGarbage() {
        assertSyntax("(a b) c", "1:7 (offset 6): trailing garbage after the S-expression that ends at 1:6 (offset 5)");
        assertSyntax("(a)\n(b)", "2:1 (offset 4): trailing garbage");
    }

    @Test
    void binaryGarbage() {
        assertSyntax("(a \u0000b)", "1:4 (offset 3): binary data: control character U+0000");
        assertSyntax("(a 'x\u0001')", "1:6 (offset 5): binary data: control character U+0001");
        byte[] bytes = {'(', 'a', ' ', (byte) 0xff, (byte) 0xfe, ')'};
        assertThatThrownBy(() -> SexprReader.read(bytes)).isInstanceOf(VirtException.class)
                .hasMessageContaining("1:4 (offset 3): binary data: byte 0xff at byte offset 3 is not UTF-8")
                .hasMessageContaining("1:5 (offset 4): binary data: byte 0xfe at byte offset 4 is not UTF-8");
    }

    @Test
    void truncatedDocument() {
        String whole = "(domain (name 'pvtest') (image (linux (kernel '/boot/vmlinuz'))))";
        for (int cut = 1; cut < whole.length(); cut++) {
            String part = whole.substring(0, cut);
            assertThatThrownBy(() -> SexprReader.read(part)).as("cut at %d: %s", cut, part)
                    .isInstanceOf(VirtException.class).hasMessageContaining("unbalanced '('");
        }
    }

    @Test
    void emptyDocument() {
        assertSyntax(" \n ", "2:2 (offset 3): no S-expression: the document is empty");
    }

    @Test
    void oversizedDocumentIsRefusedBeforeItIsScanned() {
        String big = "(" + "a ".repeat(SexprReader.MAX_DOCUMENT_SIZE / 2) + ")";
        assertSyntax(big, "1:10485761 (offset 10485760): document too large: 10485762 characters");
        byte[] bytes = big.getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SexprReader.read(bytes)).isInstanceOf(VirtException.class)
                .hasMessageContaining("(offset 10485760): document too large: 10485762 bytes");
    }

    @Test
    void tooDeepIsReportedOnceWhereTheLimitIsCrossed() {
        int depth = SexprReader.MAX_DEPTH + 1000;
        String doc = "(".repeat(depth) + ")".repeat(depth);
        assertSyntax(doc, "1:257 (offset 256): too deep: lists nested more than 256 levels");
        assertThat(SexprReader.validate(doc).getError()).hasSize(1);
    }

    @Test
    void everyProblemIsReportedInTheOrderItIsMet() {
        Seq<SexprProblem> problems = SexprReader.validate("(a '\\q' \u0002 ))) (b").getError();
        assertThat(problems.map(SexprProblem::toString).toJavaList()).containsExactly(
                "1:5 (offset 4): bad escape '\\q'",
                "1:9 (offset 8): binary data: control character U+0002",
                "1:12 (offset 11): unbalanced ')': no list is open",
                "1:13 (offset 12): unbalanced ')': no list is open",
                "1:15 (offset 14): trailing garbage after the S-expression that ends at 1:12 (offset 11)",
                "1:15 (offset 14): unbalanced '(': the input ends at 1:17 (offset 16) before its ')'");
    }

    @Test
    void aWholeDocumentOfGarbageIsReportedInOnePassAndBounded() {
        byte[] garbage = new byte[SexprReader.MAX_DOCUMENT_SIZE];
        java.util.Arrays.fill(garbage, (byte) 0xff);
        long start = System.nanoTime();
        Seq<SexprProblem> problems = SexprReader.validate(garbage).getError();
        assertThat(problems).hasSize(SexprReader.MAX_REPORTED_PROBLEMS + 1);
        assertThat(problems.head().toString()).isEqualTo("1:1 (offset 0): binary data: byte 0xff at byte offset 0 is not UTF-8");
        assertThat(problems.last().message()).isEqualTo((SexprReader.MAX_DOCUMENT_SIZE - SexprReader.MAX_REPORTED_PROBLEMS)
                + " more problems after this one not listed");
        // Linear: quadratic position-keeping would take hours here.
        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
    }

    @Test
    void aFloodOfProblemsIsListedUpToTheLimit() {
        Seq<SexprProblem> problems = SexprReader.validate("(" + "\u0001".repeat(1000) + ")").getError();
        assertThat(problems).hasSize(SexprReader.MAX_REPORTED_PROBLEMS + 1);
        assertThat(problems.last().message()).isEqualTo("980 more problems after this one not listed");
    }

    private static void assertSyntax(String doc, String... fragments) {
        assertThatThrownBy(() -> SexprReader.read(doc)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX);
            assertThat(e.domain()).isEqualTo(ErrorDomain.SEXPR);
            assertThat(e.getMessage()).startsWith("configuration file syntax error: xend S-expression: ");
            for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
            }
        });
    }
}
