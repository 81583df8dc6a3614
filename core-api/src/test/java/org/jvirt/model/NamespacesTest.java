package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The driver's XML namespace read back as libvirt writes it (qemuxml2xml's qemu-ns-* cases): under the
 * driver's prefix, declared once on {@code <domain>}, whatever prefix or default namespace the document
 * used; other namespaces' top-level elements dropped with their declarations.
 */
class NamespacesTest {
    private static final String QEMU = "http://libvirt.org/schemas/domain/qemu/1.0";

    private static final DomainRules RULES = new DomainRules() {
        @Override
        public String xmlNamespace() {
            return QEMU;
        }

        @Override
        public String xmlNamespacePrefix() {
            return "qemu";
        }
    };

    private static String readBack(String rootAttributes, String extra) {
        DomainDefinition def = PostParse.apply(DomainXml.parse("<domain type='qemu'" + rootAttributes + "><name>n</name>"
                + "<memory>1024</memory><os><type>hvm</type></os>" + extra + "</domain>"), RULES);
        return DomainXml.format(def, -1, true);
    }

    @Test
    void anyPrefixOrDefaultNamespaceComesBackAsQemuDeclaredOnTheDomain() {
        String expected = "<qemu:commandline>\n    <qemu:arg value='A'/>\n  </qemu:commandline>";
        for (String[] doc : new String[][] {
                {"", "<qemu:commandline xmlns:qemu='" + QEMU + "'><qemu:arg value='A'/></qemu:commandline>"},
                {" xmlns:ns0='" + QEMU + "'", "<ns0:commandline><ns0:arg value='A'/></ns0:commandline>"},
                {"", "<commandline xmlns='" + QEMU + "'><arg value='A'/></commandline>"}}) {
            String xml = readBack(doc[0], doc[1]);
            assertThat(xml).as(doc[1]).startsWith("<domain type='qemu' xmlns:qemu='" + QEMU + "'>")
                    .contains(expected).doesNotContain("ns0").doesNotContain("xmlns='");
        }
    }

    @Test
    void otherNamespacesAndUnusedDeclarationsGo() {
        String xml = readBack(" xmlns:foo='urn:foo' xmlns:qemu='" + QEMU + "'", "<foo:bar/>");
        assertThat(xml).startsWith("<domain type='qemu'>").doesNotContain("foo").doesNotContain("xmlns");
    }
}
