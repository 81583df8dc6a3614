package org.jvirt.model.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

class XmlReaderTest {

    static final String TEST_DOMAIN = """
            <domain type='test' id='1'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory unit='KiB'>8388608</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </disk>
              </devices>
            </domain>
            """;

    @Test
    void readsElementsAttributesInOrderAndText() {
        XmlElement root = XmlReader.parse(TEST_DOMAIN);

        assertThat(root.name()).isEqualTo("domain");
        assertThat(root.attributes()).containsExactly(Map.entry("type", "test"), Map.entry("id", "1"));
        assertThat(root.child("name").text()).isEqualTo("test");
        XmlElement address = root.child("devices").child("disk").child("address");
        assertThat(address.attributes().keySet()).containsExactly("type", "domain", "bus", "slot", "function");
        assertThat(root.text()).as("indentation is not content").isEmpty();
    }

    @Test
    void keepsLeafTextVerbatimAndMergesCdata() {
        XmlElement root = XmlReader.parse("<os><cmdline> ro selinux=0 3</cmdline>"
                + "<x>a<![CDATA[<b>&]]>c</x><y>&lt;&amp;&#65;</y></os>");

        assertThat(root.child("cmdline").text()).isEqualTo(" ro selinux=0 3");
        assertThat(root.child("x").text()).isEqualTo("a<b>&c");
        assertThat(root.child("y").text()).isEqualTo("<&A");
    }

    @Test
    void mixedContentKeepsTrimmedTextRuns() {
        XmlElement root = XmlReader.parse("<a>\n  one <b/> two\n</a>");

        assertThat(root.text()).isEqualTo("onetwo");
        assertThat(root.children()).containsExactly(XmlElement.of("b"));
    }

    @Test
    void keepsPrefixedNamesAndNamespaceDeclarationsVerbatim() {
        XmlElement root = XmlReader.parse("<domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
                + "<qemu:commandline><qemu:arg value='-S'/></qemu:commandline></domain>");

        assertThat(root.attributes()).containsEntry("xmlns:qemu", "http://libvirt.org/schemas/domain/qemu/1.0");
        XmlElement commandline = root.child("qemu:commandline");
        assertThat(commandline).isNotNull();
        assertThat(commandline.children().get(0).name()).isEqualTo("qemu:arg");
    }

    @Test
    void ignoresCommentsProcessingInstructionsAndByteOrderMark() {
        XmlElement root = XmlReader.parse("\uFEFF<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<!-- hello --><a><?pi x?><!-- c --><b/></a>");

        assertThat(root).isEqualTo(XmlElement.builder("a").child(XmlElement.of("b")).build());
    }

    @Test
    void malformedXmlReportsLineAndColumn() {
        VirtException e = xmlError("<domain>\n  <name>x</nam>\n</domain>");

        assertThat(e.getMessage()).startsWith("XML error: line 2, column ")
                .contains("must be terminated by the matching end-tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "<", "<a", "<a>", "<a></b>", "<a/><b/>", "<a/>junk", "text",
            "<a b='1' b='2'/>", "<a>&undefined;</a>", "<a>&#0;</a>", "<a \u0001/>", "<1a/>", "<a>]]></a>",
            "<?xml version='9'?><a/>", "<a x=1/>"})
    void rejectsMalformedDocumentsWithXmlError(String document) {
        VirtException e = xmlError(document);

        assertThat(e.getMessage()).matches("(?s)XML error: line -?\\d+, column -?\\d+: .+");
    }

    @Test
    void everyTruncationOfAValidDocumentIsAnXmlError() {
        int checked = 0;
        for (int cut = 0; cut < TEST_DOMAIN.strip().length() - 1; cut += 7) {
            String truncated = TEST_DOMAIN.substring(0, cut);
            assertThatThrownBy(() -> XmlReader.parse(truncated))
                    .as("cut at %d", cut)
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
            checked++;
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void refusesDoctypeAndExternalEntities() {
        VirtException e = xmlError("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");

        assertThat(e.getMessage()).contains("line 1").contains("DOCTYPE is not allowed");
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("'>");
        }
        dtd.append("]><lolz>&lol9;</lolz>");

        VirtException e = xmlError(dtd.toString());

        assertThat(e.getMessage()).contains("DOCTYPE is not allowed");
    }

    @Test
    void refusesPublicDoctypeWithoutFetchingIt() {
        VirtException e = xmlError("<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN' "
                + "'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'><html/>");

        assertThat(e.getMessage()).contains("DOCTYPE is not allowed");
    }

    @Test
    void refusesDocumentsOverTheSizeLimit() {
        String big = "<a>" + "x".repeat(XmlReader.DEFAULT_MAX_DOCUMENT_CHARS) + "</a>";

        VirtException e = xmlError(big);

        assertThat(e.getMessage()).contains("document too large");
    }

    @Test
    void sizeLimitIsConfigurable() {
        int before = XmlReader.maxDocumentChars();
        try {
            XmlReader.setMaxDocumentChars(10);
            assertThat(XmlReader.parse("<a>12</a>").text()).isEqualTo("12");
            assertThat(xmlError("<a>12345</a>").getMessage()).contains("document too large");
            assertThatThrownBy(() -> XmlReader.setMaxDocumentChars(0)).isInstanceOf(IllegalArgumentException.class);
        } finally {
            XmlReader.setMaxDocumentChars(before);
        }
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String ok = "<a>".repeat(XmlReader.MAX_DEPTH) + "</a>".repeat(XmlReader.MAX_DEPTH);
        String tooDeep = "<a>".repeat(XmlReader.MAX_DEPTH + 1) + "</a>".repeat(XmlReader.MAX_DEPTH + 1);
        String hugeDeep = "<a>".repeat(100_000);

        assertThat(XmlReader.parse(ok).name()).isEqualTo("a");
        assertThat(xmlError(tooDeep).getMessage()).contains("nested deeper than 256");
        assertThat(xmlError(hugeDeep).getMessage()).contains("nested deeper than 256");
    }

    @Test
    void parsesConcurrentlyWithTheSharedFactory() throws Exception {
        XmlElement expected = XmlReader.parse(TEST_DOMAIN);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        if (!XmlReader.parse(TEST_DOMAIN).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nullDocumentIsAnXmlError() {
        assertThat(xmlError(null).getMessage()).contains("no document");
    }

    @Test
    void elementsAreValuesAndToStringIsTheirXml() {
        XmlElement a = XmlReader.parse("<a y='1' x='2'><b>t</b></a>");
        XmlElement b = XmlElement.builder("a").attribute("x", "2").attribute("y", "1")
                .child(XmlElement.builder("b").text("t").build()).build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo("<a y='1' x='2'>\n  <b>t</b>\n</a>\n");
        assertThat(a.toBuilder().attribute("z", "3").build().attributes()).hasSize(3);
        assertThat(List.of(a.children().get(0).name())).containsExactly("b");
    }

    @Test
    void builderRefusesNamesThatAreNotXmlNames() {
        assertThatThrownBy(() -> XmlElement.builder("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlElement.builder("x").attribute("'/><evil", "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlElement.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    static VirtException xmlError(String document) {
        VirtException e = catchThrowableOfType(VirtException.class, () -> XmlReader.parse(document));
        assertThat(e).as("parse should fail: %s", document == null ? null
                : document.substring(0, Math.min(80, document.length()))).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.domain()).isEqualTo(ErrorDomain.XML);
        return e;
    }
}
