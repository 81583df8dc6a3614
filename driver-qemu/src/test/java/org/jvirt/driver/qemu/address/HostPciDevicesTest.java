package org.jvirt.driver.qemu.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How libvirt tells a PCIe host device from a conventional one, on a made-up sysfs. */
class HostPciDevicesTest {
    @TempDir
    Path sysfs;

    private void device(String name, byte[] config) throws IOException {
        Path dir = Files.createDirectories(sysfs.resolve(name));
        Files.writeString(dir.resolve("vendor"), "0x8086\n");
        Files.writeString(dir.resolve("device"), "0x10ca\n");
        Files.write(dir.resolve("config"), config);
    }

    /** A configuration space with a capability list at 0x40 holding {@code capability}. */
    private static byte[] space(int length, int capability) {
        byte[] b = new byte[length];
        b[0x06] = 0x10;
        b[0x34] = 0x40;
        b[0x40] = (byte) capability;
        return b;
    }

    @Test
    void aDeviceTheHostDoesNotHaveCountsAsPcie() {
        assertThat(new HostPciDevices(sysfs).pcie(0, 6, 0x12, 5)).isTrue();
    }

    @Test
    void theExpressCapabilityOrALongConfigurationSpaceMakeAPcieDevice() throws IOException {
        device("0000:01:00.0", space(256, 0x10));
        device("0000:02:00.0", space(256, 0x01));
        device("0000:03:00.0", space(4096, 0x01));
        HostPciDevices hosts = new HostPciDevices(sysfs);
        assertThat(hosts.pcie(0, 1, 0, 0)).isTrue();
        assertThat(hosts.pcie(0, 2, 0, 0)).isFalse();
        assertThat(hosts.pcie(0, 3, 0, 0)).isTrue();
    }
}
