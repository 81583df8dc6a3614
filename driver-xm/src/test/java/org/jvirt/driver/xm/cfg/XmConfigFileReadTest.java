package org.jvirt.driver.xm.cfg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the reader makes of well-formed files: every kind of value, layout and separator. */
class XmConfigFileReadTest {

    private static XmConfigFile parse(String text) {
        return XmConfigFile.parse("guest", text);
    }

    @Test
    void readsStringsIntegersAndListsAsLibvirtsReaderDid() {
        XmConfigFile f = parse("""
                name = "XenGuest1"
                uuid = 'c7a5fdb0-cdaf-9455-926a-d65c16db1809'
                maxmem = 579
                memory = +394
                offset = -3600
                disk = [ "phy:/dev/HostVG/XenGuest1,xvda,w" ]
                """);
        assertThat(f.settings()).containsExactly(
                Map.entry("name", XmValue.of("XenGuest1")),
                Map.entry("uuid", XmValue.of("c7a5fdb0-cdaf-9455-926a-d65c16db1809")),
                Map.entry("maxmem", XmValue.of(579)),
                Map.entry("memory", XmValue.of(394)),
                Map.entry("offset", XmValue.of(-3600)),
                Map.entry("disk", XmValue.strings(List.of("phy:/dev/HostVG/XenGuest1,xvda,w"))));
    }

    @Test
    void listsSpanLinesWithCommentsAndATrailingComma() {
        XmConfigFile f = parse("""
                disk = [
                    'phy:/dev/x,hda,w',   # the system disk
                    # 'file:/old.img,hdb,w',
                    'file:/root/boot.iso,hdc:cdrom,r',
                ]
                empty = [ ]
                nested = [ [ 1, 2 ], [ ], 'x' ]
                """);
        assertThat(f.get("disk")).isEqualTo(XmValue.strings(List.of("phy:/dev/x,hda,w",
                "file:/root/boot.iso,hdc:cdrom,r")));
        assertThat(f.get("empty")).isEqualTo(new XmList(List.of()));
        assertThat(f.get("nested")).isEqualTo(new XmList(List.of(
                new XmList(List.of(XmValue.of(1), XmValue.of(2))), new XmList(List.of()), XmValue.of("x"))));
    }

    @Test
    void stringsReadAsPythonReadsThem() {
        XmConfigFile f = parse("a = 'it''s'\n".replace("''", "\\'")
                + "b = \"say \\\"hi\\\"\\n\\tthere\\\\\"\n"
                + "c = 'C:\\dir'\n"
                + "d = \"\\x41\\101\\0\"\n"
                + "e = '''one\r\ntwo \"quoted\" 'x' '''\n"
                + "f = \"\"\"\"\"\"\n"
                + "g = \"joined \\\nline\"\n"
                + "h = 'caf\u00e9'\n");
        assertThat(f.get("a")).isEqualTo(XmValue.of("it's"));
        assertThat(f.get("b")).isEqualTo(XmValue.of("say \"hi\"\n\tthere\\"));
        // Python keeps a backslash that starts no escape.
        assertThat(f.get("c")).isEqualTo(XmValue.of("C:\\dir"));
        assertThat(f.get("d")).isEqualTo(XmValue.of("AA\0"));
        assertThat(f.get("e")).isEqualTo(XmValue.of("one\ntwo \"quoted\" 'x' "));
        assertThat(f.get("f")).isEqualTo(XmValue.of(""));
        assertThat(f.get("g")).isEqualTo(XmValue.of("joined line"));
        assertThat(f.get("h")).isEqualTo(XmValue.of("caf\u00e9"));
    }

    @Test
    void separatorsCommentsBlanksAndLineEndings() {
        XmConfigFile f = parse("\uFEFF# a comment\r\n\r\n  vcpus = 2 ; memory = 512;\r\n\tname='x' # trailing\rkernel=\"/k\"");
        assertThat(f.settings()).containsExactly(Map.entry("vcpus", XmValue.of(2)), Map.entry("memory", XmValue.of(512)),
                Map.entry("name", XmValue.of("x")), Map.entry("kernel", XmValue.of("/k")));
    }

    @Test
    void theLastAssignmentWinsAsInPython() {
        XmConfigFile f = parse("memory = 256\nname = 'a'\nmemory = 512\n");
        assertThat(f.get("memory")).isEqualTo(XmValue.of(512));
        assertThat(f.keys()).containsExactly("memory", "name");
        assertThat(f.position("memory")).isEqualTo(new XmPosition("guest", 3, 10));
    }

    @Test
    void positionsOfValuesAndListItems() {
        XmConfigFile f = parse("name = 'x'\ndisk = [ 'a',\n         'b' ]\n");
        assertThat(f.position("name")).hasToString("guest:1:8");
        assertThat(f.position("disk", 0)).hasToString("guest:2:10");
        assertThat(f.position("disk", 1)).hasToString("guest:3:10");
        assertThat(f.position("disk", 2)).hasToString("guest:2:8");
        assertThat(f.position("vif")).isNull();
        assertThat(f.contains("vif")).isFalse();
        assertThat(f.get("vif")).isNull();
    }

    @Test
    void anEmptyFileAndOneOfOnlyCommentsHaveNoSettings() {
        assertThat(XmConfigFile.empty("x").settings()).isEmpty();
        assertThat(parse("# nothing\n\n   \n# here").settings()).isEmpty();
    }

    @Test
    void bytesAreReadAsUtf8() {
        XmConfigFile f = XmConfigFile.parse("g", "name = 'caf\u00e9'\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(f.get("name")).isEqualTo(XmValue.of("caf\u00e9"));
        assertThat(f.bytes()).isEqualTo("name = 'caf\u00e9'\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
