package org.jvirt.driver.xenstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.jvirt.driver.xenstore.wire.XenstoreException;

/**
 * What XenStore tells of running domains, read as libvirt 0.4.4's {@code xs_internal.c} read it. The
 * toolstack writes each domain's nodes under {@code /local/domain/ID} (ID being the domain id): its
 * {@code name}, its {@code vm} path ({@code /vm/UUID}, where {@code image/ostype} is), {@code memory/target}
 * and {@code memory/static-max} in KiB, one {@code cpu/N} per vCPU, {@code console/tty} and
 * {@code console/vnc-port}; dom0's backends list the devices under
 * {@code /local/domain/0/backend/KIND/ID/DEVID}. Nothing here writes.
 *
 * <p>Every method asks xenstored afresh (nothing is cached) and answers empty for a domain the store does
 * not list. Failures of the store itself are {@link XenstoreException}s. Thread-safe.
 */
public final class XenstoreDomains {
    /** Where running domains are listed, one directory per domain id. */
    public static final String DOMAINS = "/local/domain";
    /**
     * dom0's UUID when the store gives none: what the hypervisor reports for it (Xen's
     * {@code xen-init-dom0} writes dom0's {@code name} and {@code domid} only).
     */
    public static final UUID DOM0_UUID = new UUID(0, 0);
    private static final System.Logger LOG = System.getLogger(XenstoreDomains.class.getName());
    /** Backends whose {@code dev} names a disk: libvirt's vbd and blktap, and libxl's QEMU backend. */
    private static final List<String> DISK_BACKENDS = List.of("vbd", "tap", "qdisk");

    private final XenstoreClient store;
    /** Entries of /local/domain already reported as no domain id, so that each is logged once. */
    private final Set<String> strangers = ConcurrentHashMap.newKeySet();

    /** Reads through {@code store}, which stays the caller's to close. */
    public XenstoreDomains(XenstoreClient store) {
        this.store = store;
    }

    /** The ids of the running domains: the entries of {@code /local/domain}, in xenstored's order. */
    public int[] ids() {
        List<String> entries;
        try {
            entries = store.directory(DOMAINS);
        } catch (XenstoreException e) {
            if (e.isErrno("ENOENT")) {
                return new int[0]; // a store no toolstack has written to yet
            }
            throw e;
        }
        int[] ids = new int[entries.size()];
        int n = 0;
        for (String entry : entries) {
            int id = domainId(entry);
            if (id >= 0) {
                ids[n++] = id;
            } else if (strangers.add(entry)) {
                LOG.log(System.Logger.Level.WARNING, "{0}/{1} is no domain id; it is not listed as a domain",
                        DOMAINS, entry);
            }
        }
        return Arrays.copyOf(ids, n);
    }

    /** The domain's name ({@code /local/domain/ID/name}). */
    public Optional<String> name(int domid) {
        return store.readIfPresent(path(domid, "name"));
    }

    /**
     * The domain's UUID: the last part of its {@code vm} path ({@code /vm/UUID}, as libvirt read it), else
     * the {@code uuid} node under that path; {@link #DOM0_UUID} for a dom0 without a {@code vm} path.
     */
    public Optional<UUID> uuid(int domid) {
        Optional<String> vm = store.readIfPresent(path(domid, "vm"));
        if (vm.isEmpty()) {
            return domid == 0 && name(0).isPresent() ? Optional.of(DOM0_UUID) : Optional.empty();
        }
        String v = vm.get();
        Optional<UUID> fromPath = parseUuid(v.substring(v.lastIndexOf('/') + 1));
        if (fromPath.isPresent()) {
            return fromPath;
        }
        return store.readIfPresent(v + "/uuid").flatMap(XenstoreDomains::parseUuid);
    }

    /**
     * The guest's OS type as the toolstack wrote it ({@code linux} for paravirtualised guests, {@code hvm}):
     * {@code VM/image/ostype} under the domain's {@code vm} path, as libvirt read it, else
     * {@code /local/domain/ID/image/ostype}.
     */
    public Optional<String> osType(int domid) {
        Optional<String> vm = store.readIfPresent(path(domid, "vm"));
        if (vm.isPresent()) {
            Optional<String> os = store.readIfPresent(vm.get() + "/image/ostype");
            if (os.isPresent()) {
                return os;
            }
        }
        return store.readIfPresent(path(domid, "image/ostype"));
    }

    /**
     * The domain's state and resources as far as the store tells them, read in one transaction (one
     * consistent view): RUNNING when {@code running} begins with {@code 1}, else NOSTATE (libvirt's
     * rule: the store does not know whether a domain is paused or blocked); memory {@code memory/target};
     * maximum memory {@code memory/static-max}, else the target (libvirt 0.4.4 read the target for both);
     * vCPUs the entries of {@code cpu} (0 when there are none); CPU time unknown, 0.
     */
    public Optional<DomainInfo> info(int domid) {
        return store.transaction(tx -> {
            if (tx.readIfPresent(path(domid, "name")).isEmpty()) {
                return Optional.empty();
            }
            DomainState state = tx.readIfPresent(path(domid, "running")).filter(r -> r.startsWith("1")).isPresent()
                    ? DomainState.RUNNING : DomainState.NOSTATE;
            long target = kib(domid, "memory/target", tx.readIfPresent(path(domid, "memory/target")));
            long max = kib(domid, "memory/static-max", tx.readIfPresent(path(domid, "memory/static-max")));
            int vcpus;
            try {
                vcpus = tx.directory(path(domid, "cpu")).size();
            } catch (XenstoreException e) {
                if (!e.isErrno("ENOENT")) {
                    throw e;
                }
                vcpus = 0;
            }
            return Optional.of(new DomainInfo(state, max > 0 ? max : target, target, vcpus, 0));
        });
    }

    /** The TCP port of the domain's VNC server ({@code console/vnc-port}), when it has one. */
    public OptionalInt vncPort(int domid) {
        Optional<String> v = store.readIfPresent(path(domid, "console/vnc-port"));
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        long port = leadingNumber(v.get().trim());
        return port < 0 || port > 65535 ? OptionalInt.empty() : OptionalInt.of((int) port);
    }

    /** The pty of the domain's serial console ({@code console/tty}), e.g. {@code /dev/pts/5}. */
    public Optional<String> consoleTty(int domid) {
        return store.readIfPresent(path(domid, "console/tty"));
    }

    /**
     * The device id of the domain's network interface with MAC address {@code mac} (libvirt's
     * {@code xenStoreDomainGetNetworkID}): the entry under {@code /local/domain/0/backend/vif/ID} whose
     * {@code mac} is the same address (compared as addresses: {@code 0:16:3e:...} is {@code 00:16:3E:...}).
     * The interface's backend is {@code /local/domain/0/backend/vif/ID/DEVID}.
     */
    public Optional<String> interfaceDeviceId(int domid, String mac) {
        byte[] wanted = parseMac(mac);
        if (wanted == null) {
            return Optional.empty();
        }
        String dir = "/local/domain/0/backend/vif/" + domid;
        for (String devid : children(dir)) {
            Optional<String> m = store.readIfPresent(dir + "/" + devid + "/mac");
            if (m.isPresent() && Arrays.equals(wanted, parseMac(m.get()))) {
                return Optional.of(devid);
            }
        }
        return Optional.empty();
    }

    /**
     * The device id of the domain's disk whose guest device is {@code target}, e.g. {@code xvda}
     * (libvirt's {@code xenStoreDomainGetDiskID}): the entry under
     * {@code /local/domain/0/backend/KIND/ID} whose {@code dev} is {@code target}, KIND being {@code vbd},
     * {@code tap} (as libvirt looked) or {@code qdisk} (libxl's QEMU backend), in that order.
     */
    public Optional<String> diskDeviceId(int domid, String target) {
        if (target.isEmpty()) {
            return Optional.empty();
        }
        for (String kind : DISK_BACKENDS) {
            String dir = "/local/domain/0/backend/" + kind + "/" + domid;
            for (String devid : children(dir)) {
                if (store.readIfPresent(dir + "/" + devid + "/dev").filter(target::equals).isPresent()) {
                    return Optional.of(devid);
                }
            }
        }
        return Optional.empty();
    }

    // ---- for the driver --------------------------------------------------------------------------

    /** The domain with id {@code domid}, when the store lists it with a name and a UUID. */
    Optional<StoreDomain> byId(int domid) {
        Optional<String> name = name(domid);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return uuid(domid).map(u -> new StoreDomain(domid, name.get(), u));
    }

    /** Every listed domain with a name and a UUID, and the ids of those without (being written, or damaged). */
    Listing list() {
        List<StoreDomain> complete = new ArrayList<>();
        List<Integer> incomplete = new ArrayList<>();
        for (int id : ids()) {
            Optional<StoreDomain> d = byId(id);
            if (d.isPresent()) {
                complete.add(d.get());
            } else {
                incomplete.add(id);
            }
        }
        return new Listing(complete, incomplete);
    }

    /** What {@link #list()} found. */
    record Listing(List<StoreDomain> complete, List<Integer> incomplete) {
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String path(int domid, String relative) {
        return DOMAINS + "/" + domid + "/" + relative;
    }

    private List<String> children(String dir) {
        try {
            return store.directory(dir);
        } catch (XenstoreException e) {
            if (e.isErrno("ENOENT")) {
                return List.of();
            }
            throw e;
        }
    }

    /** A domain id as a directory entry: decimal digits, nothing else; -1 otherwise. */
    static int domainId(String entry) {
        if (entry.isEmpty() || entry.length() > 9) {
            return -1;
        }
        for (int i = 0; i < entry.length(); i++) {
            if (entry.charAt(i) < '0' || entry.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(entry);
    }

    /** A UUID as libvirt parses one: 32 hex digits, dashes anywhere between them ignored. */
    static Optional<UUID> parseUuid(String text) {
        String hex = text.trim().replace("-", "");
        if (hex.length() != 32) {
            return Optional.empty();
        }
        try {
            byte[] b = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (b[i] & 0xff);
                lo = lo << 8 | (b[i + 8] & 0xff);
            }
            return Optional.of(new UUID(hi, lo));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A MAC address of six hex octets of one or two digits separated by colons, or null. */
    static byte[] parseMac(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 6) {
            return null;
        }
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            mac[i] = (byte) Integer.parseInt(p, 16);
        }
        return mac;
    }

    /** The digits at the start of {@code text} as a number, as C's strtol reads them; -1 when none. */
    private static long leadingNumber(String text) {
        int end = 0;
        while (end < text.length() && end < 18 && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Long.parseLong(text.substring(0, end));
    }

    /** KiB from a node, as libvirt's atol read it; a value that is no number counts as 0, and is logged. */
    private static long kib(int domid, String node, Optional<String> value) {
        if (value.isEmpty()) {
            return 0;
        }
        long n = leadingNumber(value.get().trim());
        if (n < 0) {
            LOG.log(System.Logger.Level.WARNING, "domain {0}: {1} is ''{2}'', no number of KiB; counted as 0",
                    domid, node, value.get());
            return 0;
        }
        return n;
    }
}
