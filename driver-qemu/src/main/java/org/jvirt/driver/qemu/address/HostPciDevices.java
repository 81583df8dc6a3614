package org.jvirt.driver.qemu.address;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a host PCI device is a PCI Express one, as libvirt decides it for passing the device
 * through (virPCIDeviceNew, virPCIDeviceIsPCIExpress): a device it cannot find or read counts as
 * PCIe; one whose configuration space shows the PCI Express capability is; otherwise (the rest of
 * the space unreadable without privileges) one whose configuration file is not 256 bytes long is.
 * Reads sysfs; stateless.
 */
final class HostPciDevices {
    private static final int CAP_ID_EXP = 0x10;
    private static final int CONF_HEADER_LEN = 0x40;

    private final Path sysfs;

    /** @param sysfs where the host's PCI devices are listed ({@code /sys/bus/pci/devices}) */
    HostPciDevices(Path sysfs) {
        this.sysfs = sysfs;
    }

    static HostPciDevices host() {
        return new HostPciDevices(Path.of("/sys/bus/pci/devices"));
    }

    boolean pcie(long domain, long bus, long slot, long function) {
        Path dir = sysfs.resolve(String.format("%04x:%02x:%02x.%x", domain, bus, slot, function));
        Path config = dir.resolve("config");
        if (!Files.exists(config) || !Files.isReadable(dir.resolve("vendor")) || !Files.isReadable(dir.resolve("device"))) {
            return true;
        }
        byte[] space;
        long length;
        try (InputStream in = Files.newInputStream(config)) {
            length = Files.size(config);
            space = in.readAllBytes();
        } catch (IOException e) {
            return true;
        }
        return hasExpressCapability(space) || length != 256;
    }

    /** virPCIDeviceFindCapabilityOffset for the PCI Express capability, over the bytes that could be read. */
    private static boolean hasExpressCapability(byte[] space) {
        if (byte8(space, 0x06) < 0 || (byte8(space, 0x06) & 0x10) == 0) {
            return false;
        }
        int pos = byte8(space, 0x34);
        for (int steps = 0; pos >= CONF_HEADER_LEN && pos != 0xff && steps < 48; steps++) {
            if (byte8(space, pos) == CAP_ID_EXP) {
                return true;
            }
            pos = byte8(space, pos + 1);
        }
        return false;
    }

    /** The byte at {@code pos}, 0 beyond what could be read (as libvirt's zeroed buffer), -1 for none at all. */
    private static int byte8(byte[] space, int pos) {
        if (space.length == 0) {
            return -1;
        }
        return pos < space.length ? space[pos] & 0xff : 0;
    }
}
