package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.api.Connection;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;

/** Shared fixtures of the real-QEMU tests: connections to an embedded driver, guest XML, events. */
public final class QemuGuests {
    private QemuGuests() {
    }

    /** The private directories ({@code lib/qemu/domain-ID-NAME}) of domain {@code name} under {@code layout}. */
    public static List<Path> privateDirs(org.jvirt.driver.qemu.state.StateLayout layout, String name)
            throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(layout.libDir())) {
            return List.of();
        }
        try (var dirs = java.nio.file.Files.list(layout.libDir())) {
            return dirs.filter(p -> p.getFileName().toString().matches("domain--?\\d+-" + java.util.regex.Pattern.quote(name)))
                    .toList();
        }
    }

    /** A connection to an embedded driver whose state lives under {@code root}. */
    public static Connection open(Path root) {
        return open(root, "");
    }

    static Connection open(Path root, String extraQuery) {
        return Jvirt.builder().providers(ProviderRegistry.of(List.of(new QemuDriverProvider())))
                .uri("qemu:///embed?root=" + root + extraQuery).open();
    }

    /**
     * Ends every QEMU whose command line names {@code root} (its monitor socket lives there): guests
     * outlive connections by design, so a test that fails half-way must not leave them running.
     */
    public static void killAll(Path root) {
        String needle = root.toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(needle)).orElse(false))
                .filter(p -> p.info().command().map(c -> c.contains("qemu-system")).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> p).join();
                });
    }

    /**
     * The node behind a connection to an embedded driver (the provider shares one per state
     * directory), for tests that reach a domain's run directly.
     */
    static QemuNode node(Connection conn) throws Exception {
        java.lang.reflect.Field f = QemuDriverProvider.class.getDeclaredField("NODES");
        f.setAccessible(true);
        Object shared;
        synchronized (f.get(null)) {
            @SuppressWarnings("unchecked")
            java.util.Map<Path, Object> nodes = (java.util.Map<Path, Object>) f.get(null);
            if (nodes.size() != 1) {
                throw new IllegalStateException("expected one open state directory, found " + nodes.keySet());
            }
            shared = nodes.values().iterator().next();
        }
        java.lang.reflect.Field n = shared.getClass().getDeclaredField("node");
        n.setAccessible(true);
        return (QemuNode) n.get(shared);
    }

    /** A diskless x86 guest: SeaBIOS finds nothing to boot and idles. */
    static String diskless(String name) {
        return "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/><apic/></features>"
                + "<devices><serial type='pty'/><console type='pty'><target type='serial' port='0'/></console>"
                + "</devices></domain>";
    }

    static String disklessWith(String name, String devices) {
        return diskless(name).replace("</devices>", devices + "</devices>");
    }

    /** Fails unless {@code condition} holds within 10 s; polls, so that nothing depends on how fast the machine is. */
    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Collects a connection's events. */
    static final class Events {
        final List<DomainEventDetail> seen = new CopyOnWriteArrayList<>();

        Events(Connection conn) {
            conn.onDomainEvent((DomainEvent e) -> seen.add(e.detail()));
        }

        /** Waits until {@code detail} has been seen, at most 10 s. */
        boolean await(DomainEventDetail detail) throws InterruptedException {
            for (int i = 0; i < 1000; i++) {
                if (seen.contains(detail)) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        }
    }
}
