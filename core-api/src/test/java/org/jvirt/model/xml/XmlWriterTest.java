package org.jvirt.model.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void writesLibvirtLayout() {
        String xml = new XmlWriter()
                .open("domain").attribute("type", "test").closeStart()
                .textElement("name", "test")
                .open("vcpu").attribute("placement", "static").closeWithText("vcpu", "2")
                .open("os").closeStart()
                .open("boot").attribute("dev", "hd").closeEmpty()
                .end("os")
                .open("x").attribute("skipped", (String) null).attribute("n", 5).closeEmpty()
                .end("domain")
                .toString();

        assertThat(xml).isEqualTo("""
                <domain type='test'>
                  <name>test</name>
                  <vcpu placement='static'>2</vcpu>
                  <os>
                    <boot dev='hd'/>
                  </os>
                  <x n='5'/>
                </domain>
                """);
    }

    @Test
    void escapesAsLibvirtDoes() {
        String xml = new XmlWriter()
                .open("t").attribute("a", "<&>'\"").closeWithText("t", "<&>'\"")
                .toString();

        // virBufferEscapeString escapes all five characters in attribute values and in text.
        assertThat(xml).isEqualTo("<t a='&lt;&amp;&gt;&apos;&quot;'>&lt;&amp;&gt;&apos;&quot;</t>\n");
    }

    @Test
    void dropsCharactersXmlCannotCarryButKeepsTabsNewlinesAndSurrogatePairs() {
        String xml = new XmlWriter().textElement("t", "a\u0001b\tc\nd\uD800e\uD83D\uDE00f\uFFFEg").toString();

        assertThat(xml).isEqualTo("<t>ab\tc\nde\uD83D\uDE00fg</t>\n");
        assertThat(XmlReader.parse(xml).text()).isEqualTo("ab\tc\nde\uD83D\uDE00fg");
    }

    @Test
    void writesElementsWithTextChildrenOrNothing() {
        XmlElement tree = XmlElement.builder("a").attribute("k", "v")
                .child(XmlElement.of("empty"))
                .child(XmlElement.builder("leaf").text(" spaced ").build())
                .child(XmlElement.builder("mixed").text("t").child(XmlElement.of("c")).build())
                .build();

        String xml = new XmlWriter().element(tree).toString();

        assertThat(xml).isEqualTo("""
                <a k='v'>
                  <empty/>
                  <leaf> spaced </leaf>
                  <mixed>t
                    <c/>
                  </mixed>
                </a>
                """);
        assertThat(XmlReader.parse(xml)).isEqualTo(tree);
    }

    @Test
    void indentsDeepTrees() {
        XmlElement e = XmlElement.of("z");
        for (int i = 0; i < 40; i++) {
            e = XmlElement.builder("n").child(e).build();
        }

        String xml = e.toString();

        assertThat(xml).contains("\n" + " ".repeat(80) + "<z/>\n");
        assertThat(XmlReader.parse(xml)).isEqualTo(e);
    }

    @Test
    void blankLinesAreForCapabilities() {
        assertThat(new XmlWriter().open("c").closeStart().blankLine().end("c").toString())
                .isEqualTo("<c>\n\n</c>\n");
        assertThat(List.of(new XmlWriter().toString())).containsExactly("");
    }
}
