package org.jvirt.driver.xend.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.jvirt.model.CharDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.InputDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.PostParse;
import org.jvirt.model.VideoDevice;
import org.junit.jupiter.api.Test;

/** libvirt 9's Xen rules of post-parse, as XendRules applies them. */
class XendRulesTest {

    @Test
    void aParavirtualisedGuestGetsItsXenConsoleInputsAndBalloon() {
        DomainDefinition def = PostParse.apply(DomainXml.parse("<domain type='xen'><name>pv</name><memory>65536</memory>"
                + "<os><type>linux</type><kernel>/k</kernel></os><devices><graphics type='vnc'/></devices></domain>"),
                XendRules.INSTANCE);
        assertThat(def.os().type()).isEqualTo("xen");
        CharDevice console = def.devices(CharDevice.class).get(0);
        assertThat(console.kind()).isEqualTo("console");
        assertThat(console.type()).isEqualTo("pty");
        assertThat(console.targetType()).isEqualTo("xen");
        assertThat(def.devices(InputDevice.class)).containsExactly(InputDevice.of("mouse", "xen"),
                InputDevice.of("keyboard", "xen"));
        assertThat(def.devices(MemballoonDevice.class)).extracting(MemballoonDevice::model).containsExactly("xen");
        assertThat(def.devices(VideoDevice.class)).extracting(VideoDevice::modelType).containsExactly("xen");
        assertThat(PostParse.apply(def, XendRules.INSTANCE)).isEqualTo(def);
    }

    @Test
    void anHvmGuestGetsPs2InputsAndCirrusAndKeepsItsSerialConsole() {
        DomainDefinition def = PostParse.apply(DomainXml.parse("<domain type='xen'><name>fv</name><memory>65536</memory>"
                + "<os><type>hvm</type><loader>/l</loader></os><devices><input type='mouse' bus='ps2'/>"
                + "<console type='pty'/><graphics type='vnc'/></devices></domain>"), XendRules.INSTANCE);
        assertThat(def.devices(InputDevice.class)).containsExactly(InputDevice.of("mouse", "ps2"),
                InputDevice.of("keyboard", "ps2"));
        assertThat(def.devices(VideoDevice.class)).extracting(VideoDevice::modelType).containsExactly("cirrus");
        assertThat(def.devices(CharDevice.class)).extracting(CharDevice::kind, CharDevice::targetType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("serial", null),
                        org.assertj.core.groups.Tuple.tuple("console", "serial"));
        assertThat(PostParse.apply(def, XendRules.INSTANCE)).isEqualTo(def);
    }
}
