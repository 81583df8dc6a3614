package org.jvirt.driver.xm.cfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/** Read-modify-write: what is not changed stays byte for byte; what is written reads back the same. */
class XmConfigFileEditTest {
    private static final String USER_FILE = """
            #  -*- mode: python; -*-
            # My guest, hand-written.

            name = "web1"      # keep this name!
            memory = 512
            cpu_weight = 256   # not something libvirt knows

            disk = [ 'phy:/dev/vg/web1,xvda,w',
                     # 'file:/srv/old.img,xvdb,w',
                   ]
            vif = [ 'bridge=xenbr0' ]; on_crash = 'restart'
            """;

    @Test
    void settingAValueChangesOnlyThatValue() {
        XmConfigFile f = XmConfigFile.parse("web1", USER_FILE).set("memory", XmValue.of(1024));
        assertThat(f.text()).isEqualTo(USER_FILE.replace("memory = 512", "memory = 1024"));
        XmConfigFile g = f.set("name", XmValue.of("web2"));
        assertThat(g.text()).isEqualTo(USER_FILE.replace("memory = 512", "memory = 1024")
                .replace("name = \"web1\"      # keep", "name = \"web2\"      # keep"));
    }

    @Test
    void aListOverSeveralLinesIsReplacedByOneLineAndNothingElseMoves() {
        XmConfigFile f = XmConfigFile.parse("web1", USER_FILE)
                .set("disk", XmValue.strings(List.of("phy:/dev/vg/web1,xvda,w", "file:/iso,xvdc:cdrom,r")));
        assertThat(f.text()).isEqualTo(USER_FILE.replace("""
                [ 'phy:/dev/vg/web1,xvda,w',
                         # 'file:/srv/old.img,xvdb,w',
                       ]""", "[ \"phy:/dev/vg/web1,xvda,w\", \"file:/iso,xvdc:cdrom,r\" ]"));
    }

    @Test
    void settingTheValueAKeyHasChangesNothing() {
        XmConfigFile f = XmConfigFile.parse("web1", USER_FILE);
        assertThat(f.set("memory", XmValue.of(512))).isSameAs(f);
        assertThat(f.set("disk", f.get("disk")).text()).isEqualTo(USER_FILE);
    }

    @Test
    void aNewKeyIsAppendedWithTheFilesLineEndings() {
        XmConfigFile f = XmConfigFile.parse("web1", USER_FILE).set("vcpus", XmValue.of(2));
        assertThat(f.text()).isEqualTo(USER_FILE + "vcpus = 2\n");
        XmConfigFile crlf = XmConfigFile.parse("w", "name = 'x'\r\nmemory = 1").set("vcpus", XmValue.of(2));
        assertThat(crlf.text()).isEqualTo("name = 'x'\r\nmemory = 1\r\nvcpus = 2\r\n");
        assertThat(XmConfigFile.empty("e").set("name", XmValue.of("x")).text()).isEqualTo("name = \"x\"\n");
    }

    @Test
    void removingAKeyTakesItsLinesAndLeavesTheRest() {
        XmConfigFile f = XmConfigFile.parse("web1", USER_FILE);
        assertThat(f.remove("cpu_weight").text()).isEqualTo(USER_FILE.replace(
                "cpu_weight = 256   # not something libvirt knows\n", ""));
        assertThat(f.remove("disk").text()).isEqualTo(USER_FILE.replace("""
                disk = [ 'phy:/dev/vg/web1,xvda,w',
                         # 'file:/srv/old.img,xvdb,w',
                       ]
                """, ""));
        assertThat(f.remove("nothing")).isSameAs(f);
    }

    @Test
    void removingOneOfSeveralAssignmentsOnALineLeavesTheOthers() {
        XmConfigFile f = XmConfigFile.parse("web1", USER_FILE);
        assertThat(f.remove("vif").text()).isEqualTo(USER_FILE.replace("vif = [ 'bridge=xenbr0' ]; ", ""));
        assertThat(f.remove("on_crash").text()).isEqualTo(USER_FILE.replace("; on_crash = 'restart'", ""));
        XmConfigFile three = XmConfigFile.parse("t", "a = 1; b = 2; c = 3 # three\n");
        assertThat(three.remove("b").text()).isEqualTo("a = 1; c = 3 # three\n");
        assertThat(three.remove("c").text()).isEqualTo("a = 1; b = 2 # three\n");
        assertThat(three.remove("a").remove("b").remove("c").text()).isEmpty();
    }

    @Test
    void aKeyAssignedTwiceIsSetAtItsLastAssignmentAndRemovedEverywhere() {
        XmConfigFile f = XmConfigFile.parse("d", "memory = 1\n# again\nmemory = 2\n");
        assertThat(f.set("memory", XmValue.of(3)).text()).isEqualTo("memory = 1\n# again\nmemory = 3\n");
        assertThat(f.remove("memory").text()).isEqualTo("# again\n");
    }

    @Test
    void aFileOfSettingsIsWrittenAsLibvirtWroteIt() {
        Map<String, XmValue> settings = new LinkedHashMap<>();
        settings.put("name", XmValue.of("XenGuest1"));
        settings.put("memory", XmValue.of(394));
        settings.put("disk", XmValue.strings(List.of("phy:/dev/HostVG/XenGuest1,xvda,w")));
        settings.put("vfb", new XmList(List.of()));
        assertThat(XmConfigFile.of("g", settings).text()).isEqualTo("""
                name = "XenGuest1"
                memory = 394
                disk = [ "phy:/dev/HostVG/XenGuest1,xvda,w" ]
                vfb = [ ]
                """);
    }

    @Test
    void everyStringIsWrittenSoThatItReadsBackTheSame() {
        Random random = new Random(20080624);
        String alphabet = "ab \"'\\\n\t\r#[],=;\u0001\u007f\u00e9\u20ac";
        Map<String, XmValue> settings = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            settings.put("s" + i, XmValue.of(s.toString()));
        }
        List<XmValue> items = new ArrayList<>(settings.values());
        settings.put("list", new XmList(List.of(new XmList(items.subList(0, 10)), XmValue.of(Long.MIN_VALUE),
                XmValue.of(Long.MAX_VALUE))));
        assertThat(XmConfigFile.of("r", settings).settings()).isEqualTo(settings);
    }

    @Test
    void aKeyMustBeASettingName() {
        XmConfigFile f = XmConfigFile.empty("e");
        for (String bad : new String[] {"", "9a", "a-b", "a b", "caf\u00e9", "x\n= 1"}) {
            assertThatThrownBy(() -> f.set(bad, XmValue.of(1))).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        }
    }
}
