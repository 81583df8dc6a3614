package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.Unknowns;
import org.jvirt.model.xml.XmlElement;

/**
 * The settings of an interface the model keeps as unparsed XML and the command line honours: the
 * socket of a {@code client}, {@code server}, {@code mcast} or {@code udp} interface
 * ({@code <source address port>}, {@code <local>}), a virtio NIC's {@code <driver>} tuning and
 * offloads, and the PCI ROM ({@code <rom>}), as libvirt's qemuBuildNicDevProps and
 * qemuBuildRomProps write them. Stateless.
 */
final class InterfaceOptions {
    /** The interface types whose host side is a QEMU socket netdev, and the netdev property of each. */
    static final Map<String, String> SOCKET_TYPES = Map.of("client", "connect", "server", "listen", "mcast", "mcast",
            "udp", "udp");

    /**
     * The on/off {@code <driver>} attributes every virtio device has and QEMU's property for each, which
     * libvirt writes first (qemuBuildVirtioDevProps).
     */
    private static final String[][] VIRTIO_SWITCHES = {{"iommu", "iommu_platform"}, {"ats", "ats"},
        {"packed", "packed"}, {"page_per_vq", "page-per-vq"}};
    /** The NIC's own on/off {@code <driver>} attributes, written after {@code tx} (same names in QEMU). */
    private static final String[] QUEUE_SWITCHES = {"ioeventfd", "event_idx"};
    /** {@code <driver><host>} attributes and QEMU's property for each. */
    private static final String[][] HOST_OFFLOADS = {{"csum", "csum"}, {"gso", "gso"}, {"tso4", "host_tso4"},
        {"tso6", "host_tso6"}, {"ecn", "host_ecn"}, {"ufo", "host_ufo"}, {"mrg_rxbuf", "mrg_rxbuf"}};
    /** {@code <driver><guest>} attributes and QEMU's property for each. */
    private static final String[][] GUEST_OFFLOADS = {{"csum", "guest_csum"}, {"tso4", "guest_tso4"},
        {"tso6", "guest_tso6"}, {"ecn", "guest_ecn"}, {"ufo", "guest_ufo"}};
    /** {@code <driver>} attributes honoured besides the switches. */
    private static final Set<String> DRIVER_VALUES = Set.of("queues", "rx_queue_size", "tx_queue_size", "rss",
            "rss_hash_report", "txmode");
    private static final Set<String> ROM_ATTRIBUTES = Set.of("enabled", "bar", "file");

    private InterfaceOptions() {
    }

    /** The socket netdev properties of a socket-type interface ({@link #SOCKET_TYPES}), after {@code type}. */
    static void socket(Map<String, Object> netdev, InterfaceDevice nic) {
        Map<String, String> source = nic.unknowns().attributesAt("source");
        netdev.put(SOCKET_TYPES.get(nic.type()), source.getOrDefault("address", "") + ":" + source.get("port"));
        XmlElement local = sourceChild(nic, "local");
        if (local != null) {
            netdev.put("localaddr", local.attribute("address") + ":" + local.attribute("port"));
        }
    }

    /** The virtio tuning, right after the device's {@code driver} (the NIC a virtio one). */
    static void virtio(Map<String, Object> dev, InterfaceDevice nic) {
        XmlElement driver = element(nic.unknowns(), "driver");
        if (driver == null) {
            return;
        }
        for (String[] s : VIRTIO_SWITCHES) {
            if (driver.attribute(s[0]) != null) {
                dev.put(s[1], driver.attribute(s[0]).equals("on"));
            }
        }
        if (driver.attribute("txmode") != null) {
            dev.put("tx", driver.attribute("txmode").equals("iothread") ? "bh" : "timer");
        }
        for (String s : QUEUE_SWITCHES) {
            if (driver.attribute(s) != null) {
                dev.put(s, driver.attribute(s).equals("on"));
            }
        }
        offloads(dev, driver.child("host"), HOST_OFFLOADS);
        offloads(dev, driver.child("guest"), GUEST_OFFLOADS);
        int queues = driver.attribute("queues") == null ? 0 : Integer.parseInt(driver.attribute("queues"));
        if (queues > 1) {
            dev.put("mq", true);
            dev.put("vectors", 2 * queues + 2);
        }
        for (String size : new String[] {"rx_queue_size", "tx_queue_size"}) {
            if (driver.attribute(size) != null) {
                dev.put(size, Integer.parseInt(driver.attribute(size)));
            }
        }
        if (driver.attribute("rss") != null) {
            dev.put("rss", driver.attribute("rss").equals("on"));
        }
        if (driver.attribute("rss_hash_report") != null) {
            dev.put("hash", driver.attribute("rss_hash_report").equals("on"));
        }
    }

    /** The PCI ROM, after the address: none ({@code romfile=""}), its BAR on or off, another image. */
    static void rom(Map<String, Object> dev, InterfaceDevice nic) {
        XmlElement rom = element(nic.unknowns(), "rom");
        if (rom == null) {
            return;
        }
        if ("no".equals(rom.attribute("enabled"))) {
            dev.put("romfile", "");
            return;
        }
        if (rom.attribute("bar") != null) {
            dev.put("rombar", rom.attribute("bar").equals("on") ? 1 : 0);
        }
        if (rom.attribute("file") != null) {
            dev.put("romfile", rom.attribute("file"));
        }
    }

    /**
     * Refuses what has no meaning for the interface: a socket type without a port, tuning of a NIC that
     * is not virtio, a ROM of a NIC not on PCI.
     *
     * @param where how errors name the interface
     */
    static void validate(String domain, String where, InterfaceDevice nic, String model) {
        if (SOCKET_TYPES.containsKey(nic.type())) {
            String port = nic.unknowns().attributesAt("source").get("port");
            if (port == null || !port.matches("[0-9]{1,5}")) {
                throw Unsupported.invalid(domain, where + ": a " + nic.type() + " interface needs"
                        + " <source address= port=> with a port number");
            }
            XmlElement local = sourceChild(nic, "local");
            if (nic.type().equals("udp") && (local == null || local.attribute("port") == null)) {
                throw Unsupported.invalid(domain, where + ": a udp interface needs <source><local address= port=>");
            }
        }
        XmlElement driver = element(nic.unknowns(), "driver");
        if (driver != null && !model.equals("virtio")) {
            throw Unsupported.config(domain, where + ": <driver> tuning is for virtio NICs only, not '" + model + "'");
        }
        if (driver != null) {
            for (String size : new String[] {"queues", "rx_queue_size", "tx_queue_size"}) {
                String v = driver.attribute(size);
                if (v != null && !v.matches("[0-9]{1,5}")) {
                    throw Unsupported.invalid(domain, where + ": <driver " + size + "> '" + v + "' is not a number");
                }
            }
        }
        if (element(nic.unknowns(), "rom") != null && "usb-net".equals(model)) {
            throw Unsupported.config(domain, where + ": ROM tuning is only supported for PCI devices");
        }
    }

    /**
     * {@code nic} without what this class reads, so that only what the command line cannot honour
     * remains unmodelled: a socket type's source address, port and {@code <local>}, a {@code <driver>}
     * of known attributes and offloads, a {@code <rom>}.
     */
    static InterfaceDevice strip(InterfaceDevice nic) {
        Unknowns u = nic.unknowns();
        if (u.isEmpty()) {
            return nic;
        }
        Unknowns kept = u;
        if (SOCKET_TYPES.containsKey(nic.type())) {
            kept = kept.withoutAttribute("source", "address").withoutAttribute("source", "port");
            List<XmlElement> atSource = new ArrayList<>(kept.elementsAt("source"));
            if (atSource.removeIf(e -> e.name().equals("local"))) {
                kept = kept.withElementsAt("source", atSource);
            }
        }
        List<XmlElement> top = new ArrayList<>(kept.elementsAt(""));
        if (top.removeIf(e -> e.name().equals("driver") && honouredDriver(e)
                || e.name().equals("rom") && e.children().isEmpty()
                && ROM_ATTRIBUTES.containsAll(e.attributes().keySet()))) {
            kept = kept.withElementsAt("", top);
        }
        return kept.equals(u) ? nic : nic.toBuilder().unknowns(kept).build();
    }

    private static boolean honouredDriver(XmlElement driver) {
        for (String a : driver.attributes().keySet()) {
            if (!DRIVER_VALUES.contains(a) && !a.equals("name") && !Set.of(QUEUE_SWITCHES).contains(a)
                    && java.util.Arrays.stream(VIRTIO_SWITCHES).noneMatch(s -> s[0].equals(a))) {
                return false;
            }
        }
        if (driver.attribute("name") != null && !driver.attribute("name").equals("qemu")) {
            return false; // vhost: the driver does not open /dev/vhost-net
        }
        for (XmlElement c : driver.children()) {
            String[][] known = c.name().equals("host") ? HOST_OFFLOADS : c.name().equals("guest") ? GUEST_OFFLOADS : null;
            if (known == null || !c.children().isEmpty() || !c.attributes().keySet().stream()
                    .allMatch(a -> java.util.Arrays.stream(known).anyMatch(k -> k[0].equals(a)))) {
                return false;
            }
        }
        return true;
    }

    private static void offloads(Map<String, Object> dev, XmlElement e, String[][] names) {
        if (e == null) {
            return;
        }
        for (String[] n : names) {
            if (e.attribute(n[0]) != null) {
                dev.put(n[1], e.attribute(n[0]).equals("on"));
            }
        }
    }

    private static XmlElement sourceChild(InterfaceDevice nic, String name) {
        for (XmlElement e : nic.unknowns().elementsAt("source")) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static XmlElement element(Unknowns u, String name) {
        for (XmlElement e : u.elementsAt("")) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
