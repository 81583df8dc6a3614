package org.jvirt.driver.qemu.oracle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.Peers;
import org.jvirt.driver.qemu.QemuGuests;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figure (e): every QEMU test input libvirt 9's QEMU driver defines, for an architecture whose
 * emulator is installed here (x86_64, i686, aarch64, armv7l), starts under TCG to a running guest and is
 * destroyed cleanly. The host resources an input names — disk images, kernels — are replaced by
 * scratch files of the same format; an input that needs what this machine cannot lend (host
 * networking, network storage, a host device, a serial line, an X display, an OpenGL render node, an
 * address of another host to listen on) is not applicable, and counted as such with the reason; a character device's log in a directory that is not here is written to a scratch one. The inputs that do not start yet are listed, with jvirt's error, in
 * {@code oracle/qemu-start-differences.txt}, a ratchet like the comparison's.
 */
class CorpusGuestsStartTest {
    private static final Set<String> ARCHES = Set.of("x86_64", "i686", "aarch64", "armv7l");
    private static final Set<String> HOST_NETWORKS = Set.of("network", "bridge", "direct", "hostdev", "vhostuser",
            "ethernet", "vdpa");

    @TempDir
    Path dir;

    @Test
    void acceptedInputsStartUnderTcgAndAreDestroyedCleanly() throws Exception {
        Peers.x86();
        Peers.qemu("aarch64");
        Peers.qemu("arm");
        Map<String, String> documents = QemuOracle.corpusDocuments("starting the corpus's guests");
        QemuOracle libvirt = QemuOracle.ask(documents);
        Map<String, String> notApplicable = new TreeMap<>();
        Map<String, String> failed = new TreeMap<>();
        Map<String, String> failedDocuments = new TreeMap<>();
        int applicable = 0;
        int started = 0;
        Path root = dir.resolve("root");
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        try (Connection conn = QemuGuests.open(root)) {
            for (Map.Entry<String, String> e : documents.entrySet()) {
                QemuOracle.Answer theirs = libvirt.answers.get(e.getKey());
                if (theirs.refused()) {
                    continue;
                }
                XmlElement domain = XmlReader.parse(theirs.xml());
                String arch = domain.child("os").child("type").attribute("arch");
                if (!ARCHES.contains(arch)) {
                    notApplicable.put(e.getKey(), "no emulator for " + arch + " here");
                    continue;
                }
                Set<String> needs = new LinkedHashSet<>();
                XmlElement runnable = withScratchResources(XmlReader.parse(e.getValue()), scratch.resolve(e.getKey()),
                        needs);
                if (!needs.isEmpty()) {
                    notApplicable.put(e.getKey(), String.join("; ", needs));
                    continue;
                }
                applicable++;
                String outcome = startAndDestroy(conn, runnable.toString());
                if (outcome == null) {
                    started++;
                } else {
                    failed.put(e.getKey(), outcome);
                    failedDocuments.put(e.getKey(), runnable.toString());
                }
            }
            libvirtVerdicts(failed, failedDocuments);
        } finally {
            QemuGuests.killAll(root);
            libvirt.delete();
        }
        System.out.printf("CorpusGuestsStartTest: (e) of %d inputs libvirt defines that can run here, %d start under TCG"
                + " and are destroyed cleanly (%.1f%%); %d not applicable%n", applicable, started,
                100.0 * started / Math.max(1, applicable), notApplicable.size());
        notApplicable.forEach((name, why) -> System.out.println("  not applicable: " + name + ": " + why));
        QemuOracle.ratchet("oracle/qemu-start-differences.txt", "CorpusGuestsStartTest", failed);
    }

    /**
     * Asks libvirt's own QEMU driver to start the inputs jvirt does not start, the same documents with the
     * same scratch files, and adds its verdict to each: whether jvirt lacks something libvirt does, or
     * libvirt cannot start the input either. Prints the inputs libvirt starts.
     */
    private void libvirtVerdicts(Map<String, String> failed, Map<String, String> documents) throws Exception {
        if (documents.isEmpty()) {
            return;
        }
        // libvirt runs as nobody (when the tests run as root): it must reach the scratch files and write the disks
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> all = Files.walk(dir.resolve("scratch"))) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx"
                        : "rw-rw-rw-"));
            }
        }
        Map<String, String> verdicts = QemuOracle.startsAsLibvirt(documents);
        List<String> libvirtStarts = new ArrayList<>();
        for (Map.Entry<String, String> f : failed.entrySet()) {
            String theirs = verdicts.get(f.getKey());
            if (theirs == null) {
                libvirtStarts.add(f.getKey());
            }
            f.setValue(f.getValue() + (theirs == null ? "  [libvirt starts it]"
                    : "  [libvirt does not start it either: " + theirs.replace('\n', ' ') + "]"));
        }
        System.out.printf("CorpusGuestsStartTest: of the %d inputs jvirt does not start, libvirt's QEMU driver starts %d:"
                + " %s%n", failed.size(), libvirtStarts.size(), libvirtStarts);
    }

    /** Null when the guest ran and was destroyed cleanly, else what went wrong. */
    private static String startAndDestroy(Connection conn, String xml) throws InterruptedException {
        Domain d;
        try {
            d = conn.createDomain(xml);
        } catch (VirtException ex) {
            return "start: " + ex.code().number() + ": " + ex.getMessage();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (d.state().state() != DomainState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        DomainState state = d.state().state();
        try {
            d.destroy();
        } catch (VirtException ex) {
            return "destroy: " + ex.getMessage();
        }
        if (state != DomainState.RUNNING) {
            return "the guest did not reach running (" + state + ")";
        }
        return conn.listAllDomains().stream().anyMatch(x -> x.name().equals(d.name()))
                ? "the transient guest is still listed after destroy" : null;
    }

    /**
     * The input with each disk image and boot file it names replaced by a scratch file of the same
     * format under {@code scratch}; what the machine cannot lend is added to {@code needs}.
     */
    static XmlElement withScratchResources(XmlElement domain, Path scratch, Set<String> needs) throws IOException {
        HostResources.check(domain, needs);
        XmlElement.Builder b = copyWithout(domain);
        for (XmlElement child : domain.children()) {
            if (child.name().equals("os")) {
                b.child(os(child, scratch, needs));
            } else if (child.name().equals("devices")) {
                b.child(devices(child, scratch, needs));
            } else {
                b.child(child);
            }
        }
        return b.build();
    }

    private static XmlElement os(XmlElement os, Path scratch, Set<String> needs) throws IOException {
        XmlElement.Builder b = copyWithout(os);
        for (XmlElement c : os.children()) {
            if (c.name().equals("dtb") && !Files.exists(Path.of(c.text().trim()))) {
                XmlElement type = os.child("type");
                Path dtb = boardDeviceTree(scratch, type.attribute("arch"), type.attribute("machine"));
                if (dtb == null) {
                    needs.add("needs the device tree " + c.text().trim() + " of its board");
                    b.child(c);
                } else {
                    b.child(XmlElement.builder("dtb").text(dtb.toString()).build());
                }
            } else if (Set.of("kernel", "initrd").contains(c.name()) && !Files.exists(Path.of(c.text().trim()))) {
                Path file = scratchFile(scratch, c.name(), "raw");
                XmlElement type = os.child("type");
                if (c.name().equals("kernel") && Set.of("x86_64", "i686").contains(type.attribute("arch"))) {
                    linuxBootHeader(file);
                }
                b.child(XmlElement.builder(c.name()).text(file.toString()).build());
            } else if (Set.of("loader", "nvram").contains(c.name()) && !c.text().isBlank()
                    && !Files.exists(Path.of(c.text().trim()))) {
                needs.add("needs firmware " + c.text().trim());
                b.child(c);
            } else {
                b.child(c);
            }
        }
        return b.build();
    }

    private static XmlElement devices(XmlElement devices, Path scratch, Set<String> needs) throws IOException {
        XmlElement.Builder b = copyWithout(devices);
        int n = 0;
        for (XmlElement d : devices.children()) {
            switch (d.name()) {
                case "disk" -> b.child(disk(d, scratch.resolveSibling(scratch.getFileName() + "-disk" + n++), needs));
                case "interface" -> {
                    if (HOST_NETWORKS.contains(d.attribute("type"))) {
                        needs.add("needs host networking (interface type '" + d.attribute("type") + "')");
                    }
                    b.child(d);
                }
                case "hostdev" -> {
                    needs.add("needs a host device");
                    b.child(d);
                }
                case "filesystem" -> {
                    needs.add("needs a host directory to share");
                    b.child(d);
                }
                case "tpm", "vsock", "smartcard", "input" -> {
                    hostDevice(d).ifPresent(needs::add);
                    b.child(d);
                }
                case "serial", "parallel", "console", "channel" -> b.child(charDevice(d, scratch, needs));
                case "graphics" -> {
                    graphics(d, needs);
                    b.child(d);
                }
                default -> b.child(d);
            }
        }
        return b.build();
    }

    /** Whether a {@code <vsock>} asks the host to choose its CID ({@code <cid auto='yes'>}). */
    private static boolean autoCid(XmlElement vsock) {
        XmlElement cid = vsock.child("cid");
        return cid != null && "yes".equals(cid.attribute("auto"));
    }

    /**
     * What a device needs of this host that is not here: {@code /dev/vhost-vsock} for a vsock of a
     * given CID, the NSS database of an emulated smartcard, the event device an input passes through.
     * Only real host resources, with which the driver would run the device: what the driver lacks (a
     * TPM, a CID the host chooses) is its failure, not this.
     */
    static java.util.Optional<String> hostDevice(XmlElement d) {
        String missing = switch (d.name()) {
            // a vsock whose CID the host is to choose the driver refuses on any host: no resource makes it run
            case "vsock" -> Files.exists(Path.of("/dev/vhost-vsock")) || autoCid(d) ? null : "/dev/vhost-vsock";
            case "smartcard" -> {
                String mode = d.attribute("mode");
                XmlElement db = d.child("database");
                String path = db == null || db.text().isBlank() ? "/etc/pki/nssdb" : db.text().strip();
                yield ("host".equals(mode) || "host-certificates".equals(mode)) && !Files.isDirectory(Path.of(path))
                        ? "the smartcard NSS database " + path : null;
            }
            case "input" -> {
                XmlElement source = d.child("source");
                String evdev = source == null ? null : source.attribute("evdev");
                yield "passthrough".equals(d.attribute("type")) && evdev != null && !Files.exists(Path.of(evdev))
                        ? "the host input device " + evdev : null;
            }
            default -> null;
        };
        return java.util.Optional.ofNullable(missing).map(m -> "needs " + m + ", which this host has not");
    }

    /**
     * What a graphics console needs of the host: a libvirt network or an address of this host to listen
     * on. (SDL and OpenGL consoles the driver refuses whatever the host has: they are listed, not
     * excused.)
     */
    private static void graphics(XmlElement g, Set<String> needs) throws IOException {
        List<String> addresses = new ArrayList<>();
        if (g.attribute("listen") != null) {
            addresses.add(g.attribute("listen"));
        }
        for (XmlElement l : g.children()) {
            if (l.name().equals("listen") && "network".equals(l.attribute("type"))) {
                needs.add("needs libvirt network '" + l.attribute("network") + "' to listen on");
            } else if (l.name().equals("listen") && l.attribute("address") != null) {
                addresses.add(l.attribute("address"));
            }
        }
        for (String a : addresses) {
            if (!a.matches("[0-9A-Fa-f:.]+")) {
                continue;
            }
            InetAddress address = InetAddress.getByName(a);
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                needs.add("needs host address " + a + " to listen on");
            }
        }
    }

    /**
     * A character device whose log file is in a directory this machine does not have, with a scratch
     * log instead; one backed by a host device that is not here (a serial line) is not applicable.
     */
    private static XmlElement charDevice(XmlElement chr, Path scratch, Set<String> needs) throws IOException {
        XmlElement source = chr.child("source");
        if ("dev".equals(chr.attribute("type")) && source != null && source.attribute("path") != null
                && !Files.exists(Path.of(source.attribute("path")))) {
            needs.add("needs host device " + source.attribute("path"));
        }
        XmlElement log = chr.child("log");
        if (log == null || log.attribute("file") == null || Files.isDirectory(Path.of(log.attribute("file")).getParent())) {
            return chr;
        }
        Files.createDirectories(scratch);
        XmlElement.Builder b = copyWithout(chr);
        for (XmlElement c : chr.children()) {
            if (c == log) {
                XmlElement.Builder l = copyWithout(c);
                l.attribute("file", scratch.resolve(Path.of(log.attribute("file")).getFileName()).toString());
                b.child(l.build());
            } else {
                b.child(c);
            }
        }
        return b.build();
    }

    private static XmlElement disk(XmlElement disk, Path image, Set<String> needs) throws IOException {
        String type = disk.attribute("type");
        XmlElement source = disk.child("source");
        if (source == null) {
            return disk;
        }
        if (!"file".equals(type) && !"block".equals(type)) {
            needs.add("needs " + type + " storage");
            return disk;
        }
        if ("lun".equals(disk.attribute("device"))) {
            // SCSI passthrough: the guest talks SCSI to the host's device itself, which no image stands for
            needs.add("needs a host SCSI device (disk device='lun')");
            return disk;
        }
        XmlElement driver = disk.child("driver");
        String format = driver == null || driver.attribute("type") == null ? "raw" : driver.attribute("type");
        Path file = scratchFile(image.getParent(), image.getFileName().toString(), format);
        XmlElement.Builder b = copyWithout(disk).attribute("type", "file");
        for (XmlElement c : disk.children()) {
            if (c.name().equals("source")) {
                XmlElement.Builder s = XmlElement.builder("source").attribute("file", file.toString());
                c.children().forEach(s::child);
                b.child(s.build());
            } else if (!c.name().equals("backingStore")) {
                b.child(c);
            }
        }
        return b.build();
    }

    /**
     * The device tree QEMU generates for an Arm board ({@code -machine BOARD,dumpdtb=FILE}), in place of
     * one the input names; null for a board that generates none (its device tree comes with the kernel).
     */
    private static Path boardDeviceTree(Path dir, String arch, String machine) throws IOException {
        String emulator = "aarch64".equals(arch) ? "qemu-system-aarch64" : "armv7l".equals(arch) ? "qemu-system-arm" : null;
        // only the virt board makes its device tree; the others take the one that comes with their kernel
        if (emulator == null || machine == null || !machine.startsWith("virt")) {
            return null;
        }
        Files.createDirectories(dir);
        Path dtb = dir.resolve("board.dtb");
        Process p = new ProcessBuilder(emulator, "-machine", machine + ",dumpdtb=" + dtb, "-nodefaults", "-display",
                "none", "-S").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return p.exitValue() == 0 && Files.isRegularFile(dtb) && Files.size(dtb) > 0 ? dtb : null;
    }

    /**
     * Writes into a scratch x86 kernel the boot protocol header QEMU's Linux loader reads (boot protocol
     * 2.12, setup, an initrd ceiling and a command line size), so that it takes the file for a kernel
     * that can have an initrd and a command line, as the input's real one could; what runs after is no
     * matter to a test that only asks for a running guest.
     */
    private static void linuxBootHeader(Path kernel) throws IOException {
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(0x240).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put(0x1f1, (byte) 4);                      // setup_sects
        h.putShort(0x1fe, (short) 0xaa55);           // boot_flag
        h.put(0x202, "HdrS".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putShort(0x206, (short) 0x020c);           // protocol version
        h.put(0x211, (byte) 0x01);                   // loadflags: LOADED_HIGH
        h.putInt(0x22c, 0x37ffffff);                 // initrd_addr_max
        h.putInt(0x238, 2048);                       // cmdline_size
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(kernel,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(h, 0);
        }
    }

    /** A 1 MiB image of {@code format} made by qemu-img (an empty file for raw). */
    private static Path scratchFile(Path dir, String name, String format) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "." + format);
        if (format.equals("raw")) {
            Files.write(file, new byte[1 << 20]);
            return file;
        }
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", format, file.toString(), "1M")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("qemu-img cannot make a " + format + " image: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return file;
    }

    /** An element with the same name and attributes as {@code e} and no children (text kept when it has none). */
    private static XmlElement.Builder copyWithout(XmlElement e) {
        XmlElement.Builder b = XmlElement.builder(e.name());
        e.attributes().forEach(b::attribute);
        if (e.children().isEmpty()) {
            b.text(e.text());
        }
        return b;
    }
}
