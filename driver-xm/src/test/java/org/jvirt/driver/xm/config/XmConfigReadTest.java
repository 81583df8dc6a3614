package org.jvirt.driver.xm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.domain.XmRules;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.SoundDevice;
import org.junit.jupiter.api.Test;

/** Settings to domains: defaults, the mini-formats, and what libvirt's later Xen drivers added. */
class XmConfigReadTest {
    private final XmConfig xm = new XmConfig(new XmRules(() -> "00:16:3e:00:00:01"), n -> null);

    private DomainDefinition read(String text, int version) {
        return xm.toDomain(XmConfigFile.parse("guest", text), version);
    }

    private DomainDefinition hvm(String text) {
        return read("name = 'h'\nbuilder = 'hvm'\n" + text, 3);
    }

    private DomainDefinition pv(String text) {
        return read("name = 'p'\n" + text, 3);
    }

    @Test
    void aFileWithANameAloneHasXmsDefaults() {
        DomainDefinition def = read("name = 'minimal'\n", 2);
        assertThat(def.name()).isEqualTo("minimal");
        assertThat(def.uuid()).isNotNull();
        assertThat(def.memoryKiB()).isEqualTo(128 * 1024);
        assertThat(def.currentMemoryKiB()).isEqualTo(128 * 1024);
        assertThat(def.vcpus()).isEqualTo(1);
        assertThat(def.os().type()).isEqualTo("xen");
        assertThat(List.of(def.onPoweroff(), def.onReboot(), def.onCrash())).containsExactly("destroy", "restart",
                "restart");
    }

    @Test
    void aParavirtualKernelWithItsRamdiskCommandLineAndRoot() {
        DomainDefinition def = pv("kernel = '/boot/vmlinuz'\nramdisk = '/boot/initrd'\nextra = 'console=hvc0'\n"
                + "root = '/dev/xvda1 ro'\nbootargs = '--entry=1'\n");
        assertThat(def.os().kernel()).isEqualTo("/boot/vmlinuz");
        assertThat(def.os().initrd()).isEqualTo("/boot/initrd");
        assertThat(def.os().cmdline()).isEqualTo("console=hvc0");
        assertThat(def.os().root()).isEqualTo("/dev/xvda1 ro");
        assertThat(def.bootloaderArgs()).isEqualTo("--entry=1");
    }

    @Test
    void memoryVcpusAndCpus() {
        DomainDefinition def = pv("memory = '256'\nmaxmem = 1024\nvcpus = 4\nvcpu_avail = 3\ncpus = '0,1,2,3,^2'\n");
        assertThat(def.currentMemoryKiB()).isEqualTo(256 * 1024);
        assertThat(def.memoryKiB()).isEqualTo(1024 * 1024);
        assertThat(def.vcpus()).isEqualTo(4);
        assertThat(def.currentVcpus()).isEqualTo(2);
        assertThat(def.cpuset()).isEqualTo("0-1,3");
    }

    @Test
    void hvmFeaturesBootOrderAndClock() {
        DomainDefinition def = hvm("boot = 'dcnax'\npae = 1\nacpi = 0\napic = 1\nhap = 0\nviridian = 1\n"
                + "localtime = 1\nrtc_timeoffset = -3600\n");
        assertThat(def.os().bootDevices()).containsExactly("cdrom", "hd", "network", "fd");
        assertThat(def.featureNames()).containsExactlyInAnyOrder("pae", "apic", "hap", "viridian");
        assertThat(def.features().stream().filter(f -> f.name().equals("hap")).findFirst().get().attribute("state"))
                .isEqualTo("off");
        assertThat(def.clock().offset()).isEqualTo("variable");
        assertThat(def.clock().attributes()).containsEntry("adjustment", "-3600").containsEntry("basis", "localtime");
        assertThat(hvm("").os().bootDevices()).containsExactly("hd");
        assertThat(hvm("").clock().offset()).isEqualTo("utc");
        assertThat(pv("localtime = 1\npae = 1\n").clock().offset()).isEqualTo("localtime");
        assertThat(pv("pae = 1\n").features()).isEmpty();
    }

    @Test
    void diskEntries() {
        List<DiskDevice> disks = hvm("disk = [ 'tap:aio:/srv/a.img,hda,w', 'tap:qcow:/srv/b.qcow,hdb:disk,w!',"
                + " ',hdc:cdrom,r', 'phy:/dev/sdb,sda,ro', '/dev/vg/c,xvdb,rw' ]\n").devices(DiskDevice.class);
        assertThat(disks).extracting(DiskDevice::driverName, DiskDevice::driverType, DiskDevice::type, DiskDevice::source,
                DiskDevice::targetDev, DiskDevice::targetBus, DiskDevice::device, DiskDevice::readOnly,
                DiskDevice::shareable).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tap", "raw", "file", "/srv/a.img", "hda", "ide", "disk", false, false),
                        org.assertj.core.groups.Tuple.tuple("tap", "qcow", "file", "/srv/b.qcow", "hdb", "ide", "disk", false, true),
                        // A disk without a source is a file that is not there, as libvirt 9 reads one.
                        org.assertj.core.groups.Tuple.tuple("phy", "raw", "file", null, "hdc", "ide", "cdrom", true, false),
                        org.assertj.core.groups.Tuple.tuple("phy", "raw", "block", "/dev/sdb", "sda", "scsi", "disk", true, false),
                        org.assertj.core.groups.Tuple.tuple("phy", "raw", "block", "/dev/vg/c", "xvdb", "xen", "disk", false, false));
        assertThat(pv("disk = [ 'file:/x.img,hda,w' ]").devices(DiskDevice.class).get(0).targetBus()).isEqualTo("xen");
    }

    @Test
    void xend302sCdromSettingIsReadByVersion1Only() {
        String text = "name = 'h'\nbuilder = 'hvm'\ncdrom = '/iso/boot.iso'\ndisk = [ 'phy:/dev/x,ioemu:hda,w' ]\n";
        assertThat(read(text, 1).devices(DiskDevice.class)).extracting(DiskDevice::targetDev, DiskDevice::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hda", "/dev/x"),
                        org.assertj.core.groups.Tuple.tuple("hdc", "/iso/boot.iso"));
        assertThat(read(text, 2).devices(DiskDevice.class)).extracting(DiskDevice::targetDev).containsExactly("hda");
    }

    @Test
    void vifEntries() {
        List<InterfaceDevice> nets = hvm("vif = [ 'mac=00:16:3E:01:02:03, bridge=xenbr1, script=vif-bridge, model=e1000,"
                + " vifname=web0, rate=10Mb/s, type=ioemu', '' ]\n").devices(InterfaceDevice.class);
        assertThat(nets.get(0)).satisfies(n -> {
            assertThat(n.type()).isEqualTo("bridge");
            assertThat(n.mac()).isEqualTo("00:16:3e:01:02:03");
            assertThat(n.sourceBridge()).isEqualTo("xenbr1");
            assertThat(n.script()).isEqualTo("vif-bridge");
            assertThat(n.model()).isEqualTo("e1000");
            assertThat(n.targetDev()).isEqualTo("web0");
        });
        assertThat(nets.get(1).type()).isEqualTo("ethernet");
        assertThat(nets.get(1).mac()).isEqualTo("00:16:3e:00:00:01");
    }

    @Test
    void displaysOfEachVersion() {
        String vnc = "vnc = 1\nvncunused = 0\nvncdisplay = 3\nvnclisten = '0.0.0.0'\nkeymap = 'de'\nsdl = 1\n"
                + "display = ':0'\nxauthority = '/root/.Xauthority'\n";
        for (DomainDefinition def : List.of(read("name = 'p'\n" + vnc, 2), hvm(vnc))) {
            List<GraphicsDevice> g = def.devices(GraphicsDevice.class);
            assertThat(g).extracting(GraphicsDevice::type).containsExactly("vnc", "sdl");
            GraphicsDevice v = g.get(0);
            assertThat(v.port()).isEqualTo(5903);
            assertThat(v.keymap()).isEqualTo("de");
            assertThat(Graphics.listen(v)).isEqualTo("0.0.0.0");
            assertThat(g.get(1).unknowns().attributesAt("")).containsEntry("display", ":0")
                    .containsEntry("xauth", "/root/.Xauthority");
        }
        // From xend 3.0.4 a paravirtual guest's vnc settings are not its display; its vfb is.
        assertThat(pv(vnc).devices(GraphicsDevice.class)).isEmpty();
        GraphicsDevice vfb = pv("vfb = [ 'type=vnc,vncdisplay=1,vncpasswd=x', 'type=sdl' ]\n")
                .devices(GraphicsDevice.class).get(0);
        assertThat(vfb.port()).isEqualTo(5901);
        assertThat(vfb.passwd()).isEqualTo("x");
        assertThat(pv("vfb = [ 'type=sdl,display=:1' ]\n").devices(GraphicsDevice.class).get(0).type()).isEqualTo("sdl");
        assertThat(pv("vfb = [ 'vncunused=1' ]\n").devices(GraphicsDevice.class)).isEmpty();
        assertThat(pv("vfb = [ 'type=vnc' ]\n").devices(InputDevice.class)).contains(InputDevice.of("mouse", "xen"));
    }

    @Test
    void serialAndParallelPorts() {
        record Port(String value, String type, List<CharSource> sources, String protocol) {
        }
        for (Port p : List.of(
                new Port("/dev/ttyS0", "dev", List.of(CharSource.path("/dev/ttyS0")), null),
                new Port("vc", "vc", List.of(), null),
                new Port("tcp:0.0.0.0:7777,listen", "tcp", List.of(CharSource.network("bind", "0.0.0.0", "7777")), "raw"),
                new Port("telnet:host:23,server,nowait", "tcp", List.of(CharSource.network("bind", "host", "23")), "telnet"),
                new Port("udp:10.0.0.1:514", "udp", List.of(CharSource.network("connect", "10.0.0.1", "514")), null),
                new Port("unix:/run/s.sock", "unix", List.of(new CharSource("connect", "/run/s.sock", null, null)), null))) {
            DomainDefinition def = hvm("serial = '" + p.value() + "'\nparallel = 'none'\n");
            CharDevice serial = def.devices(CharDevice.class).stream().filter(c -> c.kind().equals("serial")).findFirst()
                    .orElseThrow();
            assertThat(serial.type()).as(p.value()).isEqualTo(p.type());
            assertThat(serial.sources()).as(p.value()).isEqualTo(p.sources());
            assertThat(serial.protocol()).as(p.value()).isEqualTo(p.protocol());
        }
        assertThat(hvm("parallel = 'file:/tmp/lp'\n").devices(CharDevice.class)).extracting(CharDevice::kind)
                .containsExactly("parallel");
        assertThat(pv("serial = 'pty'\n").devices(CharDevice.class)).extracting(CharDevice::kind)
                .containsExactly("console");
    }

    @Test
    void soundCardsAndUsbInputs() {
        assertThat(hvm("soundhw = 'all'\n").devices(SoundDevice.class)).extracting(SoundDevice::model)
                .containsExactly("sb16", "es1370");
        assertThat(hvm("soundhw = 'ac97,sb16,ac97'\n").devices(SoundDevice.class)).extracting(SoundDevice::model)
                .containsExactly("ac97", "sb16");
        assertThat(hvm("usbdevice = 'keyboard'\n").devices(InputDevice.class)).contains(InputDevice.of("keyboard", "usb"));
        assertThat(hvm("usbdevice = 'host:1234:5678'\n").devices(InputDevice.class))
                .noneMatch(i -> "usb".equals(i.bus()));
        assertThat(pv("soundhw = 'sb16'\nusbdevice = 'tablet'\n").devices(SoundDevice.class)).isEmpty();
    }
}
