package org.jvirt.driver.xend.sexpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.driver.xend.sexpr.Sexpr.atom;
import static org.jvirt.driver.xend.sexpr.Sexpr.entry;
import static org.jvirt.driver.xend.sexpr.Sexpr.list;
import static org.jvirt.driver.xend.sexpr.Sexpr.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SexprPrinterTest {

    @Test
    void writesAsLibvirtsSexpr2stringWithOneSpaceBetweenItems() {
        assertThat(SexprPrinter.print(node("vm", entry("name", "pvtest"), entry("memory", "420"),
                node("image", node("linux", entry("args", " method=http://x  "))), entry("bootloader"), list())))
                .isEqualTo("(vm (name pvtest) (memory 420) (image (linux (args ' method=http://x  '))) (bootloader) ())");
    }

    @Test
    void quotesWhatEitherReaderWouldEndOrReadDifferently() {
        assertThat(SexprPrinter.print(atom(""))).isEqualTo("''");
        assertThat(SexprPrinter.print(atom("a(b"))).isEqualTo("'a(b'");
        assertThat(SexprPrinter.print(atom("abc#1"))).isEqualTo("'abc#1'");
        assertThat(SexprPrinter.print(atom("it's"))).isEqualTo("'it\\'s'");
        assertThat(SexprPrinter.print(atom("C:\\x"))).isEqualTo("'C:\\\\x'");
        assertThat(SexprPrinter.print(atom("café"))).isEqualTo("'café'");
        assertThat(SexprPrinter.print(atom("a\u0001b\tc"))).isEqualTo("'a\\x01b\tc'");
        assertThat(SexprPrinter.print(atom("telnet:localhost:9999,listen"))).isEqualTo("telnet:localhost:9999,listen");
        assertThat(SexprPrinter.print(atom("00:16:3e:1b:b1:47"))).isEqualTo("00:16:3e:1b:b1:47");
    }

    @Test
    void whatItWritesReadsBackAsTheSameTree() {
        Random random = new Random(20080904);
        for (int i = 0; i < 500; i++) {
            Sexpr tree = randomTree(random, 0);
            String text = SexprPrinter.print(tree);
            assertThat(SexprReader.read(text)).as(text).isEqualTo(tree);
        }
    }

    private static Sexpr randomTree(Random random, int depth) {
        if (depth > 4 || random.nextInt(3) == 0) {
            StringBuilder value = new StringBuilder();
            String alphabet = "ab09 .:/-_,'\"\\()#;\t\n\u0001\u007f\u000bé€{}!<>@\uD83D\uDE00";
            int[] codePoints = alphabet.codePoints().toArray();
            int length = random.nextInt(6);
            for (int j = 0; j < length; j++) {
                value.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            return atom(value.toString());
        }
        List<Sexpr> items = new ArrayList<>();
        int size = random.nextInt(5);
        for (int j = 0; j < size; j++) {
            items.add(randomTree(random, depth + 1));
        }
        return list(items);
    }
}
