package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.time.Duration;
import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QEMU driver runs the whole conformance kit on real QEMU, through {@code qemu:///embed}.
 * Guests are diskless TCG guests (SeaBIOS idles), which do not obey ACPI shutdown; the attached
 * disk is a SCSI one, which leaves at once on detach (a PCI device would wait for the guest).
 */
class QemuDriverConformanceTest extends DriverConformanceKit {
    /** What libvirt's and the QEMU driver's rules complete: machine, emulator, IDE controller, console, video, balloon. */
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

    @TempDir
    static Path root;

    @org.junit.jupiter.api.AfterAll
    static void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }


    @BeforeAll
    static void needQemu() {
        Peers.x86();
    }

    @Override
    protected TckTarget target() {
        return TckTarget.forUri("qemu:///embed?root=" + root)
                .description("jvirt QEMU driver, diskless TCG guests on " + Peers.x86())
                .domainXml(DOMAIN)
                .fullDomainXml(FULL_DOMAIN)
                .diskXml(DISK)
                .guestHonoursShutdown(false)
                .stateChangeTimeout(Duration.ofSeconds(30))
                .concurrency(4, 4)
                .build();
    }
}
