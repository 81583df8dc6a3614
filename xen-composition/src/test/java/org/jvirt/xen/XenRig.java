package org.jvirt.xen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.driver.hypercall.SimulatedHypercall;
import org.jvirt.driver.hypercall.privcmd.SimulatedXen;
import org.jvirt.driver.xend.XendDriverProvider;
import org.jvirt.driver.xend.testxend.TestXend;
import org.jvirt.driver.xend.testxend.TestXendOps;
import org.jvirt.driver.xenstore.XenstoreDriverProvider;
import org.jvirt.driver.xenstore.testing.Guest;
import org.jvirt.driver.xenstore.testing.RealXenstored;
import org.jvirt.driver.xenstore.testing.Toolstack;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.jvirt.driver.xm.XmDriverProvider;

/**
 * A Xen host for the composition's tests, every part of it the real driver's peer where one runs here:
 * the project's test xend (xend itself no longer exists), Debian's C xenstored behind the project's shim,
 * a simulated hypervisor (no Xen runs here; the real one is issue 17's), and a directory of xm files.
 * xend is the toolstack: what it runs appears in the hypervisor and in XenStore, and goes when it stops.
 */
final class XenRig implements AutoCloseable {
    final TestXend xend;
    final RealXenstored xenstored;
    final SimulatedXen xen = SimulatedXen.xen417();
    final Path xmDir;
    /** dom0's files the hypervisor driver reads statistics from: the back ends the toolstack makes. */
    final Path dom0Root;
    private final XenstoreClient store;
    private final Toolstack toolstack;
    private final Map<Integer, Guest> guests = new HashMap<>();
    private final int format;

    XenRig(Path dir, int xendConfigFormat) throws IOException {
        this.format = xendConfigFormat;
        this.xmDir = Files.createDirectories(dir.resolve("xen"));
        this.dom0Root = Files.createDirectories(dir.resolve("dom0"));
        Files.createDirectories(dom0Root.resolve("proc/net"));
        Files.writeString(dom0Root.resolve("proc/net/dev"), "Inter-| Receive | Transmit\n face |bytes packets |bytes\n");
        this.xenstored = RealXenstored.start(Files.createDirectories(dir.resolve("xenstored")));
        this.store = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(10));
        this.toolstack = new Toolstack(store);
        toolstack.dom0();
        this.xend = TestXend.onUnixSocket(dir.resolve("xend-socket"), xendConfigFormat);
        xend.ops().connect(new TestXendOps.Toolstack() {
            @Override
            public void running(TestXendOps.RunningDomain d) {
                if (d.domid() == 0) {
                    return;
                }
                SimulatedXen.Dom dom = xen.domain(d.domid());
                if (dom == null) {
                    dom = run(d.domid(), d.name(), uuid(d.uuid()), d.memoryMiB(), d.maxMemoryMiB(), d.vcpus());
                    backEnds(d);
                }
                dom.paused(d.state() == 'p');
                dom.pages(d.memoryMiB() * 256, d.maxMemoryMiB() * 256);
                dom.online(d.onlineVcpus());
                SimulatedXen.Dom pinned = dom;
                d.pins().forEach(pinned::pin);
            }

            @Override
            public void gone(int domid) {
                xen.removeDomain(domid);
                Guest g = guests.remove(domid);
                if (g != null) {
                    toolstack.destroy(g);
                }
            }
        });
    }

    /** The block back ends' statistics and the vifs' lines of /proc/net/dev a started domain gets. */
    private void backEnds(TestXendOps.RunningDomain d) {
        try {
            for (String disk : d.disks()) {
                Path stats = Files.createDirectories(dom0Root.resolve("sys/devices/xen-backend/vbd-" + d.domid() + "-"
                        + diskNumber(disk) + "/statistics"));
                for (String counter : List.of("rd_req", "rd_sect", "wr_req", "wr_sect", "oo_req")) {
                    Files.writeString(stats.resolve(counter), "0\n");
                }
            }
            StringBuilder lines = new StringBuilder();
            for (int n = 0; n < d.interfaces(); n++) {
                lines.append("vif").append(d.domid()).append('.').append(n)
                        .append(": 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
            }
            Files.writeString(dom0Root.resolve("proc/net/dev"), lines, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Xen's number of an xvd disk (the only kind the rig's guests have): major 202, 16 minors a disk. */
    private static int diskNumber(String disk) {
        return 202 << 8 | (disk.charAt(3) - 'a') << 4;
    }

    /** xend wrote UUIDs with or without dashes. */
    static UUID uuid(String text) {
        String hex = text.replace("-", "");
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /** xen:/// as the four drivers and the composition serve it. */
    Connection open() {
        return open(false);
    }

    Connection open(boolean readOnly) {
        ProviderRegistry registry = ProviderRegistry.of(List.of(SimulatedHypercall.provider(xen, dom0Root),
                new XendDriverProvider(), new XenstoreDriverProvider(), new XmDriverProvider()),
                List.of(new XenCompositionProvider().composition()));
        return Jvirt.builder().providers(registry).uri(uri()).readOnly(readOnly).open();
    }

    /**
     * xen:/// as Xen 4.5 and later serve it: the hypervisor, XenStore and the xm files, no xend (the rig's
     * xend runs on, unasked). Guests come from {@link #xlCreate}.
     */
    Connection openWithoutXend() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(SimulatedHypercall.provider(xen, dom0Root),
                new XenstoreDriverProvider(), new XmDriverProvider()),
                List.of(new XenCompositionProvider().composition()));
        return Jvirt.builder().providers(registry).uri("xen:///?xenstored_path=" + xenstored.socket()
                + "&xm_config_dir=" + xmDir).open();
    }

    /** A guest started as {@code xl create} starts one, behind the drivers' backs: in the hypervisor and XenStore. */
    void xlCreate(int domid, String name, UUID uuid, int memoryMiB, int vcpus) {
        run(domid, name, uuid, memoryMiB, memoryMiB, vcpus);
    }

    /** A running PV guest in the simulated hypervisor and in XenStore, as a toolstack makes one. */
    private SimulatedXen.Dom run(int domid, String name, UUID uuid, long memoryMiB, long maxMemoryMiB, int vcpus) {
        SimulatedXen.Dom dom = xen.addDomain(domid, uuid, false, memoryMiB * 256, vcpus);
        Guest g = new Guest(domid, name, uuid, "linux", memoryMiB << 10, maxMemoryMiB << 10, vcpus,
                "/dev/pts/" + (20 + domid), -1, List.of(), List.of(), true);
        guests.put(domid, g);
        toolstack.create(g);
        return dom;
    }

    String uri() {
        return "xen:///?xend_socket=" + xend.socketPath() + "&xenstored_path=" + xenstored.socket()
                + "&xm_config_dir=" + xmDir + "&xend_config_version=" + format;
    }

    @Override
    public void close() throws Exception {
        try (xenstored; xend; store) {
            // closed in reverse order of opening
        }
    }
}
