package org.jvirt.proxy.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.tck.TckTarget;

/**
 * The conformance kit over the wire on real QEMU: the remote driver against jvirtd serving jvirt's QEMU
 * driver ({@code qemu:///embed?root=DIR}), configured as driver-qemu's own kit run: diskless TCG guests
 * (which do not obey ACPI shutdown) and a SCSI disk to attach, which leaves at once on detach.
 */
class RemoteJvirtdQemuConformanceTest extends DaemonKit {
    static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    static final String FULL_DOMAIN = """
            <domain type='qemu'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory unit='KiB'>65536</memory>
              <vcpu>1</vcpu>
              <os><type>hvm</type></os>
              <devices>
                <disk type='file' device='cdrom'><target dev='hdc'/><readonly/></disk>
                <interface type='user'/>
                <serial type='pty'/>
                <graphics type='vnc'/>
              </devices>
            </domain>
            """;

    static final String DOMAIN = """
            <domain type='qemu'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory unit='KiB'>65536</memory>
              <currentMemory unit='KiB'>65536</currentMemory>
              <vcpu>2</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <features><acpi/><apic/></features>
              <devices>
                <interface type='user'/>
                <serial type='pty'/>
                <console type='pty'><target type='serial' port='0'/></console>
              </devices>
            </domain>
            """;

    static final String DISK = """
            <disk type='file' device='disk'>
              <driver name='qemu' type='raw'/>
              <source file='{image}'/>
              <target dev='sdt' bus='scsi'/>
            </disk>
            """;

    private static Path dir;
    /** The root of the daemon's {@code qemu:///embed}, and the daemon: for the ssh variant too. */
    static Path root;
    static RunningJvirtd jvirtd;

    @BeforeAll
    static void startJvirtd() throws Exception {
        if (!Files.isExecutable(QEMU)) {
            org.jvirt.proxy.protocol.Libvirtd.require(false, QEMU + " is not installed (Debian: apt-get install"
                    + " qemu-system-x86)");
        }
        dir = Files.createTempDirectory("jvirt-remote-tck-qemu-");
        root = Files.createDirectories(dir.resolve("root"));
        jvirtd = RunningJvirtd.start(dir.resolve("run"));
    }

    @AfterAll
    static void stopJvirtd() throws Exception {
        try {
            if (jvirtd != null) {
                jvirtd.close();
            }
        } finally {
            killGuests(root);
            TestFiles.delete(dir);
        }
    }

    /** Guests outlive connections by design: end every QEMU whose command line names {@code root}. */
    private static void killGuests(Path root) {
        if (root == null) {
            return;
        }
        String needle = root.toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(needle)).orElse(false))
                .filter(p -> p.info().command().map(c -> c.contains("qemu-system")).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> p).join();
                });
    }

    @Override
    protected TckTarget target() {
        return configured(DaemonTargets.through("qemu", "qemu:///embed?root=" + root, jvirtd.socket(),
                jvirtd.readOnlySocket()).description("remote driver -> jvirtd (in-process) -> qemu:///embed"));
    }

    /** The kit's settings for QEMU guests, whatever the way to the daemon. */
    static TckTarget configured(TckTarget.Builder target) {
        return target
                .domainXml(DOMAIN)
                .fullDomainXml(FULL_DOMAIN)
                .diskXml(DISK)
                .guestHonoursShutdown(false)
                .stateChangeTimeout(Duration.ofSeconds(30))
                .concurrency(4, 4)
                .build();
    }
}
