package org.jvirt.driver.hypercall;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.api.BlockStats;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.VirtException;

/**
 * A running domain's disk and interface statistics, read as libvirt 0.4.4 read them in dom0 (the
 * hypervisor driver's "hypervisor only" operations, though no hypercall answers them): a disk's from its
 * block back end's {@code /sys/devices/xen-backend/vbd-DOMID-DEV/statistics} (or {@code tap-...} for
 * blktap), an interface's from dom0's {@code /proc/net/dev} line of {@code vifDOMID.N}, received and sent
 * swapped (dom0 receives what the guest sends). {@code root} is dom0's file system root: {@code /}, or a
 * test's directory. Stateless.
 */
final class BackendStatistics {
    private static final Pattern VIF = Pattern.compile("vif([0-9]+)\\.([0-9]+)");
    private static final long SECTOR = 512;

    private final Path root;

    BackendStatistics(Path root) {
        this.root = root;
    }

    BlockStats block(int domid, String domain, String disk) {
        int device = XenDiskIds.of(disk);
        if (device < 0) {
            throw error(ErrorCode.INVALID_ARG, "'" + disk + "' names no disk of domain '" + domain + "' Xen numbers",
                    domain);
        }
        for (String backend : new String[] {"vbd", "tap"}) {
            Path stats = root.resolve("sys/devices/xen-backend/" + backend + "-" + domid + "-" + device + "/statistics");
            if (Files.isDirectory(stats)) {
                return new BlockStats(counter(stats, "rd_req"), counter(stats, "rd_sect") * SECTOR,
                        counter(stats, "wr_req"), counter(stats, "wr_sect") * SECTOR, counter(stats, "oo_req"));
            }
        }
        throw error(ErrorCode.OPERATION_FAILED, "no statistics for disk '" + disk + "' of domain '" + domain
                + "': no back end vbd-" + domid + "-" + device + " in " + root.resolve("sys/devices/xen-backend"),
                domain);
    }

    InterfaceStats iface(int domid, String domain, String path) {
        Matcher m = VIF.matcher(path);
        if (!m.matches() || Integer.parseInt(m.group(1)) != domid) {
            throw error(ErrorCode.INVALID_ARG, "'" + path + "' names no interface of domain '" + domain
                    + "' (vif" + domid + ".N)", domain);
        }
        Path dev = root.resolve("proc/net/dev");
        try {
            for (String line : Files.readAllLines(dev)) {
                int colon = line.indexOf(':');
                if (colon < 0 || !line.substring(0, colon).trim().equals(path)) {
                    continue;
                }
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                if (f.length < 12) {
                    break;
                }
                // The guest sends what dom0's end receives: dom0's receive columns are its transmit ones.
                return new InterfaceStats(n(f[8]), n(f[9]), n(f[10]), n(f[11]), n(f[0]), n(f[1]), n(f[2]), n(f[3]));
            }
        } catch (IOException | NumberFormatException e) {
            throw error(ErrorCode.OPERATION_FAILED, "cannot read " + dev + " for interface '" + path + "' of domain '"
                    + domain + "': " + e.getMessage(), domain);
        }
        throw error(ErrorCode.OPERATION_FAILED, "no statistics for interface '" + path + "' of domain '" + domain
                + "' in " + dev, domain);
    }

    private static long counter(Path dir, String name) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(name)).trim());
        } catch (IOException | NumberFormatException e) {
            throw error(ErrorCode.OPERATION_FAILED, "cannot read the counter " + dir.resolve(name) + ": "
                    + e.getMessage(), null);
        }
    }

    private static long n(String s) {
        return Long.parseLong(s);
    }

    private static VirtException error(ErrorCode code, String detail, String domain) {
        return new VirtException(code, ErrorDomain.XEN, code.format(detail), HypercallDriverProvider.NAME, domain, null);
    }
}
