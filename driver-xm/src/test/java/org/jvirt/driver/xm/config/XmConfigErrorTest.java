package org.jvirt.driver.xm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.domain.XmRules;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings xm cannot mean, and definitions no xm file can say: refused, naming what and where. */
class XmConfigErrorTest {
    private final XmConfig xm = new XmConfig(new XmRules(() -> "00:16:3e:00:00:01"),
            network -> network.equals("default") ? "virbr0" : null);

    static Stream<Arguments> badSettings() {
        String hvm = "name = 'g'\nbuilder = 'hvm'\n";
        return Stream.of(
                Arguments.of("no name", "memory = 512\n", "guest: config value 'name' is missing"),
                Arguments.of("name of the wrong kind", "name = 12\n", "guest:1:8: config value 'name' is an integer,"
                        + " expecting a string"),
                Arguments.of("memory a list", "name = 'g'\nmemory = [ 512 ]\n", "guest:2:10: config value 'memory' is a"
                        + " list, expecting an integer"),
                Arguments.of("memory not a number", "name = 'g'\nmemory = 'lots'\n", "guest:2:10: config value 'memory'"
                        + " is a string, expecting an integer"),
                Arguments.of("negative memory", "name = 'g'\nmemory = -5\n", "guest:2:10: config value 'memory' must not be"
                        + " negative, not -5"),
                Arguments.of("no vcpus", "name = 'g'\nvcpus = 0\n", "guest:2:9: config value 'vcpus' must be at least 1"),
                Arguments.of("bad uuid", "name = 'g'\nuuid = 'c7a5fdb0-cdaf'\n", "guest:2:8: config value 'uuid'"
                        + " 'c7a5fdb0-cdaf' is not a UUID"),
                Arguments.of("bad cpus", "name = 'g'\ncpus = 'all'\n", "guest:2:8: config value 'cpus' 'all' is not a CPU set"),
                Arguments.of("bad action", "name = 'g'\non_crash = 'explode'\n", "guest:2:12: config value 'on_crash'"
                        + " 'explode' is none of"),
                Arguments.of("disk not a list", "name = 'g'\ndisk = 'phy:/dev/x,xvda,w'\n", "guest:2:8: config value"
                        + " 'disk' is a string, expecting a list of strings"),
                Arguments.of("disk item not a string", "name = 'g'\ndisk = [ 'phy:/dev/x,xvda,w',\n  7 ]\n",
                        "guest:3:3: config value 'disk' item 2 is an integer, expecting a string"),
                Arguments.of("disk entry missing its mode", "name = 'g'\ndisk = [ 'phy:/dev/x,xvda,w',\n  'phy:/dev/y,xvdb' ]\n",
                        "guest:3:3: disk entry 2 'phy:/dev/y,xvdb' is not SOURCE,DEVICE,MODE"),
                Arguments.of("disk entry missing its device", "name = 'g'\ndisk = [ 'phy:/dev/x,,w' ]\n",
                        "guest:2:10: disk entry 1 'phy:/dev/x,,w' names no device"),
                Arguments.of("disk entry with a bad mode", "name = 'g'\ndisk = [ 'phy:/dev/x,xvda,rwx' ]\n",
                        "guest:2:10: disk entry 1 'phy:/dev/x,xvda,rwx' has mode 'rwx', none of r, w, w!"),
                Arguments.of("disk of a name no Xen has", "name = 'g'\nbuilder = 'hvm'\ndisk = [ 'file:/x,hdzzzz,w' ]\n",
                        "guest:3:10: disk entry 1 'file:/x,hdzzzz,w' names device 'hdzzzz', which no Xen guest can have"),
                Arguments.of("tap without its type", "name = 'g'\ndisk = [ 'tap:/srv/x.img,xvda,w' ]\n",
                        "guest:2:10: disk entry 1 'tap:/srv/x.img,xvda,w' names no tap driver type"),
                Arguments.of("disk without a source", "name = 'g'\ndisk = [ ',xvda,w' ]\n",
                        "guest:2:10: disk entry 1 ',xvda,w' has no source, which only a CD-ROM may lack"),
                Arguments.of("vif field without a value", "name = 'g'\nvif = [ 'mac=00:16:3e:00:00:01,xenbr0' ]\n",
                        "guest:2:9: vif entry 1 'mac=00:16:3e:00:00:01,xenbr0' has 'xenbr0', which is not KEY=VALUE"),
                Arguments.of("vif with a bad mac", "name = 'g'\nvif = [ 'bridge=xenbr0', 'mac=00:16:3e:zz:00:01' ]\n",
                        "guest:2:26: vif entry 2 'mac=00:16:3e:zz:00:01' has mac '00:16:3e:zz:00:01', which is not a MAC"),
                Arguments.of("vfb with a bad display", "name = 'g'\nvfb = [ 'type=vnc,vncdisplay=one' ]\n",
                        "guest:2:9: vfb entry 1 'type=vnc,vncdisplay=one' has vncdisplay 'one'"),
                Arguments.of("unknown serial", hvm + "serial = 'mon:stdio'\n", "guest:3:10: config value 'serial'"
                        + " 'mon:stdio' is no character device"),
                Arguments.of("tcp serial without a port", hvm + "serial = 'tcp:localhost'\n", "guest:3:10: config value"
                        + " 'serial' 'tcp:localhost' is malformed: expecting tcp:HOST:PORT"),
                Arguments.of("unknown sound card", hvm + "soundhw = 'sb16,gus'\n", "guest:3:11: config value 'soundhw'"
                        + " names 'gus', which is no sound card"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingIsASyntaxErrorWithItsPosition(String what, String text, String message) {
        assertThatThrownBy(() -> xm.toDomain(XmConfigFile.parse("guest", text), 3))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.XENXM);
                    assertThat(e.getMessage()).startsWith("configuration file syntax error: " + message);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -1})
    void onlyTheFourVersionsOfXendsFormat(int version) {
        XmConfigFile file = XmConfigFile.parse("g", "name = 'g'\n");
        DomainDefinition def = xm.toDomain(file, 3);
        for (Runnable call : new Runnable[] {() -> xm.toDomain(file, version), () -> xm.toConfig(def, version),
                () -> xm.update(file, def, version)}) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        }
    }

    static Stream<Arguments> unwritable() {
        String pv = "<bootloader>/usr/bin/pygrub</bootloader>";
        String hvm = "<os><type>hvm</type></os>";
        return Stream.of(
                Arguments.of("kvm guest", "kvm", hvm, "", ErrorCode.CONFIG_UNSUPPORTED, "domain type 'kvm'"),
                Arguments.of("directory disk", "xen", pv, "<disk type='dir'><source dir='/srv/x'/><target dev='xvda'/></disk>",
                        ErrorCode.CONFIG_UNSUPPORTED, "unsupported disk type 'dir' for disk 'xvda'"),
                Arguments.of("disk without a source", "xen", pv, "<disk type='block'><target dev='xvda'/></disk>",
                        ErrorCode.NO_SOURCE, "xvda"),
                Arguments.of("unknown network", "xen", pv, "<interface type='network'><source network='lab'/></interface>",
                        ErrorCode.NO_NETWORK, "Network not found: no network with matching name 'lab'"),
                Arguments.of("user interface", "xen", pv, "<interface type='user'/>", ErrorCode.CONFIG_UNSUPPORTED,
                        "unsupported interface type 'user' for interface 00:16:3e:00:00:01"),
                Arguments.of("spice display", "xen", hvm, "<graphics type='spice'/>", ErrorCode.CONFIG_UNSUPPORTED,
                        "unsupported graphics type 'spice'"),
                Arguments.of("spice channel serial", "xen", hvm, "<serial type='spicevmc'/>", ErrorCode.CONFIG_UNSUPPORTED,
                        "unsupported character device type 'spicevmc' for serial port 0"),
                Arguments.of("paravirtual sound", "xen", pv, "<sound model='sb16'/>", ErrorCode.CONFIG_UNSUPPORTED,
                        "a paravirtual guest has no sound card"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unwritable")
    void aDefinitionNoFileCanSayFailsNamingWhat(String what, String type, String os, String devices, ErrorCode code,
            String message) {
        DomainDefinition def = DomainXml.parse("<domain type='" + type + "'><name>g</name><memory>65536</memory>" + os
                + "<devices>" + devices + "</devices></domain>");
        assertThatThrownBy(() -> xm.toConfig(def, 3)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void aClockXmCannotKeepIsRefused() {
        DomainDefinition def = DomainXml.parse("<domain type='xen'><name>g</name><memory>65536</memory>"
                + "<os><type>hvm</type></os><clock offset='timezone' timezone='Europe/Paris'/></domain>");
        assertThatThrownBy(() -> xm.toConfig(def, 3)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).isEqualTo("unsupported configuration: unsupported clock offset='timezone'"));
    }

    @Test
    void anInterfaceOfAKnownNetworkIsItsBridge() {
        DomainDefinition def = DomainXml.parse("<domain type='xen'><name>g</name><memory>65536</memory>"
                + "<bootloader>/usr/bin/pygrub</bootloader><devices><interface type='network'>"
                + "<mac address='00:16:3e:00:00:02'/><source network='default'/></interface></devices></domain>");
        assertThat(xm.toConfig(def, 3).get("vif")).isEqualTo(
                org.jvirt.driver.xm.cfg.XmValue.strings(java.util.List.of("mac=00:16:3e:00:00:02,bridge=virbr0")));
    }
}
