package org.jvirt.driver.qemu;

import java.nio.file.Path;
import org.jvirt.api.Connection;

/**
 * A separate jvirt process for {@link QemuReconnectTest}: starts guests on an embedded driver,
 * says READY, and on any input dies abruptly (no close, as a crash would).
 */
public final class ReconnectChild {
    private ReconnectChild() {
    }

    public static void main(String[] args) throws Exception {
        Connection conn = QemuGuests.open(Path.of(args[0]));
        conn.defineDomain(QemuGuests.diskless("keep")).start();
        conn.defineDomain(QemuGuests.diskless("dies")).start();
        conn.createDomain(QemuGuests.diskless("doomed"));
        conn.domainByName("keep").suspend();
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        System.in.read();
        Runtime.getRuntime().halt(0);
    }
}
