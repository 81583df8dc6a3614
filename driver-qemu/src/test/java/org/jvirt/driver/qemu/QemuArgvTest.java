package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.probe.EmulatorCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** domxml-to-native qemu-argv, as the driver would start the domain. */
class QemuArgvTest {
    @TempDir
    Path cache;

    @Test
    void printsTheCommandLineOrRefusesBeforeAnyProcess() {
        Path qemu = Peers.x86();
        EmulatorCatalog catalog = new EmulatorCatalog(cache, List.of(qemu.getParent()));
        String argv = QemuArgv.toNative(QemuGuests.diskless("n"), catalog, Path.of("/var/lib/jvirt/qemu/domain--1-n"));
        assertThat(argv).startsWith(qemu + " \\\n-name guest=n,debug-threads=on \\\n-S")
                .contains("-machine pc-i440fx-", "-chardev pty,id=charserial0", "-nodefaults");
        assertThatThrownBy(() -> QemuArgv.toNative(QemuGuests.disklessWith("n", "<graphics type='sdl'/>"), catalog,
                Path.of("/var/lib/jvirt/qemu/domain--1-n"))).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED));
    }
}
