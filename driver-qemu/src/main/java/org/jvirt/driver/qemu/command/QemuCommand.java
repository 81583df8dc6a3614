package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A QEMU command line built from a domain definition, with what the driver needs to manage the
 * devices it created.
 *
 * @param argv the whole command, binary first
 * @param environment variables QEMU needs (such as {@code TZ} for a guest clock in a time zone)
 * @param cpuset the host CPUs to confine QEMU to ({@code <vcpu cpuset=>}), or null
 * @param disks the disks by target name ({@code vda}), with their QEMU ids
 * @param interfaces the network interfaces by MAC address, with their QEMU ids
 * @param charDevices the character devices' chardev ids, by {@code kind + index} ({@code serial0})
 * @param vncAutoport whether QEMU picks the VNC port (to be read back with {@code query-vnc})
 */
public record QemuCommand(List<String> argv, Map<String, String> environment, String cpuset,
                          Map<String, DiskIds> disks, Map<String, NicIds> interfaces,
                          Map<String, String> charDevices, boolean vncAutoport) {
    public QemuCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        disks = Map.copyOf(disks);
        interfaces = Map.copyOf(interfaces);
        charDevices = Map.copyOf(charDevices);
    }

    /**
     * QEMU's names for one disk.
     *
     * @param device the {@code -device} id ({@code virtio-disk0})
     * @param node the block node the device uses, or null for an empty CD-ROM
     * @param fileNode the protocol node under it, or null
     */
    public record DiskIds(String device, String node, String fileNode) {
        public DiskIds {
            Objects.requireNonNull(device, "device");
        }
    }

    /**
     * QEMU's names for one network interface.
     *
     * @param device the {@code -device} id ({@code net0})
     * @param netdev the {@code -netdev} id ({@code hostnet0})
     */
    public record NicIds(String device, String netdev) {
    }

    /** The command as a shell would show it, arguments quoted where needed. */
    public String toShellString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(environment).entrySet()) {
            sb.append(e.getKey()).append('=').append(quote(e.getValue())).append(' ');
        }
        if (cpuset != null) {
            sb.append("taskset -c ").append(quote(cpuset)).append(' ');
        }
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                sb.append(i > 0 && argv.get(i).startsWith("-") ? " \\\n" : " ");
            }
            sb.append(quote(argv.get(i)));
        }
        return sb.append('\n').toString();
    }

    /** Quotes a word for a POSIX shell when it needs it. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
