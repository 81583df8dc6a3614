package org.jvirt.model.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;

/** Whatever it is given, the reader returns a tree or throws VirtException(XML_ERROR) — nothing else. */
class XmlReaderFuzzTest {

    @Property(tries = 2000)
    void randomStringsGiveATreeOrAnXmlError(@ForAll String input) {
        assertParsesOrFailsCleanly(input);
    }

    @Property(tries = 2000)
    void randomBytesGiveATreeOrAnXmlError(@ForAll byte[] bytes) {
        assertParsesOrFailsCleanly(new String(bytes, StandardCharsets.UTF_8));
        assertParsesOrFailsCleanly(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 3000)
    void markupSoupGivesATreeOrAnXmlError(@ForAll("markup") String input) {
        assertParsesOrFailsCleanly(input);
    }

    @Property(tries = 2000)
    void mutatedDomainsGiveATreeOrAnXmlError(@ForAll @IntRange(min = 0, max = 900) int at,
                                            @ForAll("markupPieces") String insert,
                                            @ForAll @IntRange(min = 0, max = 5) int delete) {
        String doc = XmlReaderTest.TEST_DOMAIN;
        int from = Math.min(at, doc.length());
        int to = Math.min(doc.length(), from + delete);
        assertParsesOrFailsCleanly(doc.substring(0, from) + insert + doc.substring(to));
    }

    @Provide
    Arbitrary<String> markup() {
        return markupPieces().list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> markupPieces() {
        return Arbitraries.oneOf(
                Arbitraries.of("<", ">", "/", "</", "/>", "<a", "<b", "</a>", "</b>", "<a>", "<b/>", "=",
                        "'", "\"", " x='1'", "&", "&amp;", "&#", "&#x41;", ";", "<!--", "-->", "<![CDATA[",
                        "]]>", "<?", "?>", "<!DOCTYPE a>", "<!ENTITY", "<?xml version='1.0'?>", "\n",
                        "\u0000", "\uD800", "\uFFFF", "é", "xmlns:q='u'", "<q:c", ":"),
                Arbitraries.strings().ofMaxLength(4));
    }

    private static void assertParsesOrFailsCleanly(String input) {
        try {
            XmlElement root = XmlReader.parse(input);
            assertThat(root.name()).isNotEmpty();
            // A parsed tree always writes back as XML that reads to the same tree.
            assertThat(XmlReader.parse(root.toString())).isEqualTo(root);
        } catch (VirtException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
            assertThat(e.getMessage()).startsWith("XML error: ");
        }
    }
}
