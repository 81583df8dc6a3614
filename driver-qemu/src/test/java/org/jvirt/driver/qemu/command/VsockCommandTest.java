package org.jvirt.driver.qemu.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.X86;
import static org.jvirt.driver.qemu.command.QemuCommandBuilderTest.completed;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.junit.jupiter.api.Test;

/**
 * The vsock on a host with {@code /dev/vhost-vsock} and on one without, whichever this one is: its
 * {@code vhost-vsock-pci} at the address define gave it, and the refusals.
 */
class VsockCommandTest {
    private static Guest guest(String vsock) {
        DomainDefinition d = completed(DomainXml.parse("<domain type='qemu'><name>v</name><memory>131072</memory>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>" + vsock
                + "<memballoon model='none'/></devices></domain>"), X86);
        return new Guest(d, X86, "tcg");
    }

    @Test
    void aVsockWithItsCidWhereTheHostHasTheDevice() {
        Guest g = guest("<vsock model='virtio'><cid auto='no' address='4'/></vsock>");
        VsockCommand.validate(g, true);
        CommandLine out = new CommandLine();
        VsockCommand.add(g, out);
        assertThat(out.argv).containsExactly("-device",
                "{\"driver\":\"vhost-vsock-pci\",\"id\":\"vsock0\",\"guest-cid\":4,\"bus\":\"pci.0\",\"addr\":\"0x2\"}");
    }

    @Test
    void refusedWithoutTheHostDeviceOrACidOfItsOwn() {
        Guest g = guest("<vsock model='virtio'><cid auto='no' address='4'/></vsock>");
        assertThatThrownBy(() -> VsockCommand.validate(g, false)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
            assertThat(e.getMessage()).contains("unable to open vhost-vsock device /dev/vhost-vsock");
        });
        assertThatThrownBy(() -> VsockCommand.validate(guest("<vsock model='virtio'><cid auto='yes'/></vsock>"), true))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("a CID chosen automatically");
                });
        assertThatThrownBy(() -> VsockCommand.validate(guest("<vsock model='virtio'><cid address='2'/></vsock>"), true))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
    }
}
