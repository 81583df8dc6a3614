package org.jvirt.model.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/**
 * Whatever it is given, the reader returns a tree or throws VirtException(XML_ERROR) — nothing else.
 * Inputs come from a seeded generator, so a failure names a reproducible case.
 */
class XmlReaderFuzzTest {
    static final List<String> MARKUP = List.of("<", ">", "/", "</", "/>", "<a", "<b", "</a>", "</b>", "<a>", "<b/>",
            "=", "'", "\"", " x='1'", "&", "&amp;", "&#", "&#x41;", ";", "<!--", "-->", "<![CDATA[", "]]>", "<?",
            "?>", "<!DOCTYPE a>", "<!ENTITY", "<?xml version='1.0'?>", "\n", "\u0000", "\uD800", "\uFFFF", "é",
            "xmlns:q='u'", "<q:c", ":");

    private final Random random = new Random(20261123L);

    @Test
    void randomStringsGiveATreeOrAnXmlError() {
        for (int i = 0; i < 2000; i++) {
            assertParsesOrFailsCleanly(randomString(random, 64), "random string #" + i);
        }
    }

    @Test
    void randomBytesGiveATreeOrAnXmlError() {
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(96)];
            random.nextBytes(bytes);
            assertParsesOrFailsCleanly(new String(bytes, StandardCharsets.UTF_8), "random bytes #" + i);
            assertParsesOrFailsCleanly(new String(bytes, StandardCharsets.ISO_8859_1), "random latin-1 #" + i);
        }
    }

    @Test
    void markupSoupGivesATreeOrAnXmlError() {
        for (int i = 0; i < 3000; i++) {
            StringBuilder soup = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int p = 0; p < pieces; p++) {
                soup.append(markupPiece(random));
            }
            assertParsesOrFailsCleanly(soup.toString(), "markup soup #" + i);
        }
    }

    @Test
    void mutatedDomainsGiveATreeOrAnXmlError() {
        String doc = XmlReaderTest.TEST_DOMAIN;
        for (int i = 0; i < 2000; i++) {
            int from = Math.min(random.nextInt(901), doc.length());
            int to = Math.min(doc.length(), from + random.nextInt(6));
            assertParsesOrFailsCleanly(doc.substring(0, from) + markupPiece(random) + doc.substring(to),
                    "mutated domain #" + i);
        }
    }

    /** A markup fragment or a short random string, as attackers and broken tools write. */
    static String markupPiece(Random random) {
        return random.nextInt(4) == 0 ? randomString(random, 4) : MARKUP.get(random.nextInt(MARKUP.size()));
    }

    static String randomString(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // Mostly ASCII, sometimes any UTF-16 unit (lone surrogates included).
            s.append(random.nextInt(5) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1) : (char) (32 + random.nextInt(95)));
        }
        return s.toString();
    }

    private static void assertParsesOrFailsCleanly(String input, String which) {
        try {
            XmlElement root = XmlReader.parse(input);
            assertThat(root.name()).as(which).isNotEmpty();
            // A parsed tree always writes back as XML that reads to the same tree.
            assertThat(XmlReader.parse(root.toString())).as(which).isEqualTo(root);
        } catch (VirtException e) {
            assertThat(e.code()).as(which).isEqualTo(ErrorCode.XML_ERROR);
            assertThat(e.getMessage()).as(which).startsWith("XML error: ");
        }
    }
}
