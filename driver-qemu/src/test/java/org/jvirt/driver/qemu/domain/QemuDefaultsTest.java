package org.jvirt.driver.qemu.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;
import org.junit.jupiter.api.Test;

/**
 * The defaults libvirt 9's QEMU driver gives a definition at define, and what it refuses there. Each
 * expected document part is libvirt's own answer to the same input (LibvirtQemuComparisonTest's
 * oracle, libvirt 9.0 on QEMU 7.2).
 */
class QemuDefaultsTest {
    private static final EmulatorInfo I386 = new EmulatorInfo("/usr/bin/qemu-system-i386", 1, 2, "7.2.22", "i386",
            List.of(new EmulatorInfo.Machine("pc-i440fx-7.2", "pc", true, 255, false, "qemu32")),
            List.of("qemu32", "qemu64", "max"), Set.of("rtl8139", "e1000", "virtio-net-pci", "cirrus-vga", "VGA",
                    "ivshmem-plain", "ivshmem-doorbell"), false);
    private static final EmulatorInfo ARM = new EmulatorInfo("/usr/bin/qemu-system-aarch64", 1, 2, "7.2.22",
            "aarch64", List.of(new EmulatorInfo.Machine("virt-7.2", "virt", false, 512, false, "cortex-a15"),
                    new EmulatorInfo.Machine("vexpress-a9", null, false, 4, false, "cortex-a9")),
            List.of("cortex-a15", "cortex-a9", "max"), Set.of("virtio-net-pci"), false);

    private static String define(EmulatorInfo emulator, String arch, String machine, String devices, String more) {
        DomainDefinition d = DomainXml.parse("<domain type='qemu'><name>g</name>"
                + "<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid><memory>219100</memory>" + more
                + "<os><type arch='" + arch + "' machine='" + machine + "'>hvm</type></os><devices>" + devices
                + "</devices></domain>");
        DomainDefinition done = PostParse.apply(d, new QemuRules(x -> emulator, () -> "52:54:00:00:00:01", e -> false));
        return DomainXml.format(done, -1, false);
    }

    private static String x86(String devices) {
        return define(I386, "i686", "pc", devices, "");
    }

    @Test
    void aPcWithNothingGetsTheMachinesCpuPs2InputsAndNoAudio() {
        String xml = x86("");
        assertThat(xml).contains("<cpu mode='custom' match='exact' check='none'>\n"
                + "    <model fallback='forbid'>qemu32</model>\n  </cpu>");
        assertThat(xml).contains("<input type='mouse' bus='ps2'/>\n    <input type='keyboard' bus='ps2'/>");
        assertThat(xml).contains("<audio id='1' type='none'/>");
        assertThat(xml).contains("<memballoon model='virtio'");
    }

    @Test
    void theCpuChecksFollowTheMode() {
        EmulatorInfo x86 = new EmulatorInfo("/usr/bin/qemu-system-x86_64", 1, 2, "7.2.22", "x86_64",
                List.of(new EmulatorInfo.Machine("pc-i440fx-7.2", "pc", true, 255, false, "qemu64")),
                List.of("qemu64"), Set.of("max-x86_64-cpu"), false);
        assertThat(define(x86, "x86_64", "pc", "", "<cpu mode='host-passthrough'/>"))
                .contains("<cpu mode='host-passthrough' check='none' migratable='on'/>");
        // libvirt looks for the property on max-x86_64-cpu only, which qemu-system-i386 has not.
        assertThat(define(I386, "i686", "pc", "", "<cpu mode='host-passthrough'/>"))
                .contains("<cpu mode='host-passthrough' check='none' migratable='off'/>");
        assertThat(define(I386, "i686", "pc", "", "<cpu mode='host-model'/>"))
                .contains("<cpu mode='host-model' check='partial'/>");
    }

    @Test
    void disksInterfacesAndVideoGetTheirModels() {
        String xml = x86("<disk type='block'><source dev='/dev/x'/><target dev='hda' bus='ide'/></disk>"
                + "<interface type='user'/><video/><video><model type='qxl' heads='1'/></video>");
        assertThat(xml).contains("<driver name='qemu' type='raw'/>");
        assertThat(xml).contains("<model type='rtl8139'/>");
        assertThat(xml).contains("<model type='cirrus' vram='16384' heads='1' primary='yes'/>");
        assertThat(xml).contains("<model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1'/>");
    }

    /** libvirt 9's own expectation: tests/qemuxml2xmloutdata/encrypted-disk.x86_64-latest.xml. */
    @Test
    void encryptedImagesAreQemusToDecrypt() {
        String xml = x86("<disk type='file'><driver name='qemu' type='qcow2'/><source file='/x.qcow2'>"
                + "<encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>"
                + "</encryption></source><target dev='vda' bus='virtio'/></disk>");
        assertThat(xml).contains("<encryption format='luks' engine='qemu'>");
    }

    @Test
    void serialPortsGetTheMachinesTargetAndModel() {
        assertThat(x86("<console type='pty'/>")).contains("<target type='isa-serial' port='0'>\n"
                + "        <model name='isa-serial'/>\n      </target>");
        assertThat(define(ARM, "aarch64", "virt", "<serial type='pty'/>", ""))
                .contains("<target type='system-serial' port='0'>\n        <model name='pl011'/>\n      </target>");
    }

    @Test
    void armVirtHasGicTwoNoBalloonAndVirtioNics() {
        String xml = define(ARM, "aarch64", "virt", "<interface type='user'/>", "");
        assertThat(xml).contains("<gic version='2'/>");
        assertThat(xml).contains("<model fallback='forbid'>cortex-a15</model>");
        assertThat(xml).contains("<model type='virtio'/>");
        assertThat(xml).doesNotContain("memballoon");
        assertThat(define(ARM, "armv7l", "vexpress-a9", "<interface type='user'/>", ""))
                .contains("<model type='lan9118'/>").doesNotContain("<gic");
    }

    @Test
    void otherDevicesGetLibvirtsModels() {
        String xml = x86("<vsock><cid auto='yes'/></vsock><panic/>"
                + "<hostdev mode='subsystem' type='mdev' model='vfio-pci'>"
                + "<source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source></hostdev>");
        assertThat(xml).contains("<vsock model='virtio'>").contains("<panic model='isa'/>")
                .contains("model='vfio-pci' display='off'>");
    }

    @Test
    void aLoneSeclabelWithoutModelIsTheDriversNone() {
        assertThat(define(I386, "i686", "pc", "", "<seclabel type='none'/>"))
                .contains("<seclabel type='none' model='none'/>");
    }

    @Test
    void sharedMemoryIsFourMibUnlessSaid() {
        assertThat(x86("<shmem name='s'><model type='ivshmem-plain'/></shmem>"))
                .contains("<model type='ivshmem-plain'/>\n      <size unit='M'>4</size>");
    }

    @Test
    void anEmulatedTpmGetsTheVersionOfItsModel() {
        assertThat(x86("<tpm><backend type='emulator'/></tpm>"))
                .contains("<tpm model='tpm-tis'>\n      <backend type='emulator' version='1.2'/>");
        assertThat(x86("<tpm model='tpm-crb'><backend type='emulator'/></tpm>"))
                .contains("<backend type='emulator' version='2.0'/>");
    }

    @Test
    void theFirstNumaCellTakesTheVcpusNoCellHolds() {
        assertThat(define(I386, "i686", "pc", "", "<vcpu>6</vcpu><cpu><numa><cell id='0' cpus='0' memory='109550'/>"
                + "<cell id='1' cpus='2' memory='109550'/></numa></cpu>"))
                .contains("<cell id='0' cpus='0-1,3-5' memory='109550' unit='KiB'/>");
    }

    @Test
    void powerGuestsWithGraphicsGetUsbInputsAndPseriesItsPanic() {
        EmulatorInfo ppc = new EmulatorInfo("/usr/bin/qemu-system-ppc64", 1, 2, "7.2.22", "ppc64",
                List.of(new EmulatorInfo.Machine("pseries-7.2", "pseries", true, 1024, false, "power9_v2.0")),
                List.of("power9_v2.0"), Set.of("VGA"), false);
        String xml = define(ppc, "ppc64", "pseries", "<graphics type='vnc'/>", "");
        assertThat(xml).contains("<input type='keyboard' bus='usb'").contains("<input type='mouse' bus='usb'")
                .contains("<panic model='pseries'/>").contains("<model fallback='forbid'>power9_v2.0</model>");
        assertThat(define(ppc, "ppc64", "pseries", "<graphics type='vnc'/><input type='tablet' bus='usb'/>", ""))
                .doesNotContain("<input type='mouse' bus='usb'");
    }

    /** libvirt 9's own expectations: aarch64-features-sve(-disabled) in tests/qemuxml2xmloutdata, qemuxml2argvdata. */
    @Test
    void sveVectorLengthsRequireSve() {
        String lengths = "<feature policy='require' name='sve512'/><feature policy='disable' name='sve384'/>";
        assertThat(define(ARM, "aarch64", "virt", "", "<cpu mode='host-passthrough'>" + lengths + "</cpu>"))
                .contains("<cpu mode='host-passthrough' check='none'>\n"
                        + "    <feature policy='require' name='sve512'/>\n"
                        + "    <feature policy='disable' name='sve384'/>\n"
                        + "    <feature policy='require' name='sve'/>\n  </cpu>");
        assertThatThrownBy(() -> define(ARM, "aarch64", "virt", "", "<cpu mode='host-passthrough'>" + lengths
                + "<feature policy='disable' name='sve'/></cpu>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("unsupported configuration: SVE disabled, but SVE vector lengths provided"));
    }

    @Test
    void numaCellsMakeTheMemoryWithAnAbiUpdate() {
        String xml = define(I386, "i686", "pc", "", "<cpu><numa><cell cpus='0' memory='109550'/>"
                + "<cell cpus='1' memory='109550'/></numa></cpu><vcpu>2</vcpu>");
        assertThat(xml).contains("<memory unit='KiB'>219100</memory>");
    }

    @Test
    void spiceGraphicsTakeTheAudioAndSdlLeavesNone() {
        assertThat(x86("<graphics type='spice'/>")).contains("<audio id='1' type='spice'/>");
        assertThat(x86("<graphics type='sdl'/>")).doesNotContain("<audio");
    }

    @Test
    void whatLibvirtRefusesAtDefine() {
        refused(x86Def("<serial type='spicevmc'/>"), ErrorCode.CONFIG_UNSUPPORTED,
                "chardev 'spicevmc' not supported without spice graphics");
        refused(x86Def("<disk type='file'><driver name='qemu' type='cow'/><source file='/x'/>"
                + "<target dev='hda'/></disk>"), ErrorCode.CONFIG_UNSUPPORTED, "'cow' storage format is not supported");
        refused(x86Def("<disk type='block'><source dev='/x'/><target dev='hda'/><transient/></disk>"),
                ErrorCode.CONFIG_UNSUPPORTED, "transient disk supported only with 'file' type (hda)");
        refused(x86Def("<channel type='tcp'><source mode='connect' host='h' service='1'>"
                + "<reconnect enabled='yes' timeout='0'/></source><target type='virtio' name='a'/></channel>"),
                ErrorCode.INVALID_ARG, "chardev reconnect source timeout cannot be '0'");
        refused(x86Def("<input type='keyboard' bus='virtio' model='virtio-non-transitional'/>"),
                ErrorCode.CONFIG_UNSUPPORTED, "virtio (non-)transitional models are not supported for input type=keyboard");
        refused(x86Def("<graphics type='spice' port='5903' tlsPort='5904' autoport='no'/>"),
                ErrorCode.CONFIG_UNSUPPORTED, "spice TLS port set in XML configuration, but TLS is disabled in qemu.conf");
        refused(x86Def("<shmem name='s'/>"), ErrorCode.CONFIG_UNSUPPORTED,
                "ivshmem device is not supported with this QEMU binary");
        refused(x86Def("<shmem name='s'><model type='ivshmem-doorbell'/></shmem>"), ErrorCode.CONFIG_UNSUPPORTED,
                "shmem model 'ivshmem-doorbell' is supported only with server option enabled");
        refused(DomainXml.parse("<domain type='qemu'><name>g</name><memory>219100</memory>"
                + "<bootloader>/usr/bin/pygrub</bootloader><os><type arch='i686'>hvm</type></os></domain>"),
                ErrorCode.CONFIG_UNSUPPORTED, "bootloader is not supported by QEMU");
        refused(DomainXml.parse("<domain type='qemu'><name>g</name><memory>219100</memory>"
                + "<os><type arch='i686' machine='pc'>hvm</type></os><features><smm state='on'>"
                + "<tseg unit='MiB'>48</tseg></smm></features></domain>"),
                ErrorCode.CONFIG_UNSUPPORTED, "SMM TSEG is only supported with q35 machine type");
    }

    @Test
    void vcpusComeOnlineInAnOrderQemuCanFollow() {
        refused(withVcpus("<vcpu id='0' enabled='no' hotpluggable='yes'/><vcpu id='1' enabled='yes'/>"),
                ErrorCode.CONFIG_UNSUPPORTED, "vcpu 0 can't be offline");
        refused(withVcpus("<vcpu id='0' enabled='yes' hotpluggable='yes'/><vcpu id='1' enabled='yes'/>"),
                ErrorCode.CONFIG_UNSUPPORTED, "vcpu0 can't be hotpluggable");
        refused(withVcpus("<vcpu id='0' enabled='yes' order='1'/><vcpu id='1' enabled='yes'/>"),
                ErrorCode.CONFIG_UNSUPPORTED, "all vcpus must have either set or unset order");
        refused(withVcpus("<vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>"
                + "<vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>"
                + "<vcpu id='2' enabled='yes' hotpluggable='no' order='3'/>"), ErrorCode.CONFIG_UNSUPPORTED,
                "online non-hotpluggable vcpus need to be ordered prior to hotplugable vcpus");
        // libvirt 9's cpu-hotplug-startup, which it defines.
        String xml = define(I386, "i686", "pc", "", "<vcpu current='3'>6</vcpu><vcpus>"
                + "<vcpu id='0' enabled='yes' hotpluggable='no' order='1'/><vcpu id='1' enabled='no' hotpluggable='yes'/>"
                + "<vcpu id='2' enabled='no' hotpluggable='yes'/><vcpu id='3' enabled='no' hotpluggable='yes'/>"
                + "<vcpu id='4' enabled='yes' hotpluggable='yes' order='2'/>"
                + "<vcpu id='5' enabled='yes' hotpluggable='yes' order='3'/></vcpus>");
        assertThat(xml).contains("<vcpu id='5' enabled='yes' hotpluggable='yes' order='3'/>");
    }

    private static DomainDefinition withVcpus(String vcpus) {
        return DomainXml.parse("<domain type='qemu'><name>g</name><memory>219100</memory><vcpu>3</vcpu>"
                + "<vcpus>" + vcpus + "</vcpus><os><type arch='i686' machine='pc'>hvm</type></os></domain>");
    }

    private static DomainDefinition x86Def(String devices) {
        return DomainXml.parse("<domain type='qemu'><name>g</name><memory>219100</memory>"
                + "<os><type arch='i686' machine='pc'>hvm</type></os><devices>" + devices + "</devices></domain>");
    }

    private static void refused(DomainDefinition d, ErrorCode code, String message) {
        assertThatThrownBy(() -> PostParse.apply(d, new QemuRules(x -> I386, () -> "52:54:00:00:00:01", e -> false)))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
