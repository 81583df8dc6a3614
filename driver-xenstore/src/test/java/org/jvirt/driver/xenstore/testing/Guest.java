package org.jvirt.driver.xenstore.testing;

import java.util.List;
import java.util.UUID;

/**
 * A domain as the fixture's {@link Toolstack} writes it into the store.
 *
 * @param id the domain id
 * @param name its name
 * @param uuid its UUID (its {@code vm} path is {@code /vm/UUID})
 * @param osType {@code linux} (paravirtualised) or {@code hvm}
 * @param memoryKiB {@code memory/target}
 * @param maxMemoryKiB {@code memory/static-max}
 * @param vcpus how many {@code cpu/N} entries
 * @param tty {@code console/tty}, or null
 * @param vncPort {@code console/vnc-port}, or -1 for none
 * @param macs one network interface per MAC address
 * @param disks one disk per guest device name, e.g. {@code xvda}
 * @param running whether {@code running} is written as 1
 */
public record Guest(int id, String name, UUID uuid, String osType, long memoryKiB, long maxMemoryKiB, int vcpus,
                    String tty, int vncPort, List<String> macs, List<String> disks, boolean running) {

    /** A paravirtualised guest with one interface and one disk, as {@code xl create} makes it. */
    public static Guest pv(int id, String name) {
        return new Guest(id, name, UUID.nameUUIDFromBytes(name.getBytes()), "linux", 131072, 262144, 2,
                "/dev/pts/" + (10 + id), -1, List.of(String.format("00:16:3e:00:%02x:01", id & 0xff)),
                List.of("xvda"), false);
    }

    /** An HVM guest with a VNC console. */
    public static Guest hvm(int id, String name) {
        return new Guest(id, name, UUID.nameUUIDFromBytes(name.getBytes()), "hvm", 262144, 262144, 1,
                "/dev/pts/" + (10 + id), 5900 + id, List.of(String.format("00:16:3e:00:%02x:01", id & 0xff)),
                List.of("hda", "hdc"), false);
    }

    public Guest withRunning(boolean value) {
        return new Guest(id, name, uuid, osType, memoryKiB, maxMemoryKiB, vcpus, tty, vncPort, macs, disks, value);
    }

    public Guest withName(String value) {
        return new Guest(id, value, uuid, osType, memoryKiB, maxMemoryKiB, vcpus, tty, vncPort, macs, disks, running);
    }

    public Guest withUuid(UUID value) {
        return new Guest(id, name, value, osType, memoryKiB, maxMemoryKiB, vcpus, tty, vncPort, macs, disks, running);
    }

    /** {@code /local/domain/ID}. */
    public String path() {
        return "/local/domain/" + id;
    }

    /** {@code /vm/UUID}. */
    public String vmPath() {
        return "/vm/" + uuid;
    }
}
