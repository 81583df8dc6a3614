package org.jvirt.driver.xm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.InputDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.PostParse;
import org.jvirt.model.VideoDevice;
import org.junit.jupiter.api.Test;

/** The Xen rules: what every Xen guest has, what libvirt 0.4's Xen XML means today, what is refused. */
class XmRulesTest {
    private final XmRules rules = new XmRules(() -> "00:16:3e:aa:bb:cc");

    private DomainDefinition read(String devices, String os) {
        return PostParse.apply(DomainXml.parse("<domain type='xen'><name>g</name><memory>65536</memory>" + os
                + "<devices>" + devices + "</devices></domain>"), rules);
    }

    private DomainDefinition pv(String devices) {
        return read(devices, "<bootloader>/usr/bin/pygrub</bootloader>");
    }

    private DomainDefinition hvm(String devices) {
        return read(devices, "<os><type>hvm</type></os>");
    }

    @Test
    void aParavirtualGuestAlwaysHasAXenConsole() {
        CharDevice console = pv("").devices(CharDevice.class).get(0);
        assertThat(console.kind()).isEqualTo("console");
        assertThat(console.type()).isEqualTo("pty");
        assertThat(console.targetType()).isEqualTo("xen");
        CharDevice given = pv("<console type='pty'><target port='0'/></console>").devices(CharDevice.class).get(0);
        assertThat(given.targetType()).isEqualTo("xen");
        assertThat(pv("<console type='pty'/>").devices(CharDevice.class)).hasSize(1);
        assertThat(hvm("").devices(CharDevice.class)).isEmpty();
    }

    @Test
    void everyGuestHasAMouseAKeyboardABalloonAndXenbus() {
        DomainDefinition pv = pv("<input type='mouse' bus='xen'/>");
        assertThat(pv.devices(InputDevice.class)).containsExactly(InputDevice.of("mouse", "xen"),
                InputDevice.of("keyboard", "xen"));
        assertThat(hvm("").devices(InputDevice.class)).containsExactly(InputDevice.of("mouse", "ps2"),
                InputDevice.of("keyboard", "ps2"));
        assertThat(pv.devices(MemballoonDevice.class)).extracting(MemballoonDevice::model).containsExactly("xen");
        assertThat(pv.devices(ControllerDevice.class)).extracting(ControllerDevice::type).containsExactly("xenbus");
        assertThat(pv("<memballoon model='none'/>").devices(MemballoonDevice.class))
                .extracting(MemballoonDevice::model).containsExactly("none");
    }

    @Test
    void videoIsXenForParavirtualGuestsAndCirrusSizedByTheDeviceModelForHvm() {
        String vnc = "<graphics type='vnc'/>";
        assertThat(pv(vnc).devices(VideoDevice.class)).singleElement()
                .satisfies(v -> assertThat(v.modelType()).isEqualTo("xen")).satisfies(v -> assertThat(v.vram()).isEqualTo(4096));
        assertThat(hvm("<emulator>/usr/lib/xen/bin/qemu-dm</emulator>" + vnc).devices(VideoDevice.class).get(0).vram())
                .isEqualTo(4096);
        assertThat(hvm("<emulator>/usr/bin/qemu-system-i386</emulator>" + vnc).devices(VideoDevice.class).get(0))
                .satisfies(v -> assertThat(v.modelType()).isEqualTo("cirrus")).satisfies(v -> assertThat(v.vram()).isEqualTo(8192));
        assertThat(hvm("<video><model type='vga'/></video>").devices(VideoDevice.class).get(0).vram()).isEqualTo(16384);
    }

    @Test
    void aDiskWithoutAFormatIsRaw() {
        assertThat(pv("<disk type='block'><driver name='phy'/><source dev='/dev/x'/><target dev='xvda'/></disk>")
                .devices(DiskDevice.class).get(0).driverType()).isEqualTo("raw");
        assertThat(pv("<disk type='file'><driver name='tap' type='aio'/><source file='/x'/><target dev='xvda'/></disk>")
                .devices(DiskDevice.class).get(0).driverType()).isEqualTo("raw");
        assertThat(pv("<disk type='file'><driver name='tap' type='qcow'/><source file='/x'/><target dev='xvda'/></disk>")
                .devices(DiskDevice.class).get(0).driverType()).isEqualTo("qcow");
    }

    @Test
    void aBridgeNamingNoBridgeIsScriptedAndEveryInterfaceHasAMac() {
        InterfaceDevice net = pv("<interface type='bridge'><ip address='10.0.0.2'/></interface>")
                .devices(InterfaceDevice.class).get(0);
        assertThat(net.type()).isEqualTo("ethernet");
        assertThat(net.mac()).isEqualTo("00:16:3e:aa:bb:cc");
        InterfaceDevice bridged = pv("<interface type='bridge'><mac address='00:16:3E:01:02:03'/>"
                + "<source bridge='xenbr0'/></interface>").devices(InterfaceDevice.class).get(0);
        assertThat(bridged.type()).isEqualTo("bridge");
        assertThat(bridged.mac()).isEqualTo("00:16:3e:01:02:03");
        assertThat(XmRules.randomMac()).matches("00:16:3e(:[0-9a-f]{2}){3}");
    }

    @Test
    void onlyXenGuestsOfXenOsTypes() {
        assertThatThrownBy(() -> PostParse.apply(DomainXml.parse("<domain type='kvm'><name>g</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>"), rules)).isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.XENXM);
                    assertThat(e.getMessage()).contains("domain type 'kvm'");
                });
        assertThatThrownBy(() -> read("", "<os><type>exe</type></os>")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED));
        assertThatThrownBy(() -> read("", "")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("an os <type> must be specified"));
        assertThat(read("", "<os><type>linux</type><kernel>/k</kernel></os>").os().type()).isEqualTo("xen");
    }

    @Test
    void theFirstSoundCardIsOneXenHas() {
        assertThat(hvm("<sound model='ac97'/>").devices()).isNotEmpty();
        assertThatThrownBy(() -> hvm("<sound model='ich9'/>")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("unsupported audio model ich9"));
    }

    @Test
    void applyingTheRulesAgainChangesNothing() {
        for (DomainDefinition def : new DomainDefinition[] {pv("<graphics type='vnc'/><interface type='bridge'/>"),
                hvm("<serial type='pty'/><graphics type='sdl'/><disk type='file' device='cdrom'><target dev='hdc'/></disk>")}) {
            assertThat(PostParse.apply(def, rules)).isEqualTo(def);
        }
    }
}
