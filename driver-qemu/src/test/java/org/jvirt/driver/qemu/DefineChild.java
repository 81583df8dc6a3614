package org.jvirt.driver.qemu;

import java.nio.file.Path;
import org.jvirt.api.Connection;

/**
 * A separate jvirt process for {@link QemuDefinitionsCrashTest}: defines, redefines and undefines on an
 * embedded driver whose journal never checkpoints on its own (the test starts it so), says READY, and
 * on any input dies abruptly (no close, as a crash would).
 */
public final class DefineChild {
    private DefineChild() {
    }

    public static void main(String[] args) throws Exception {
        Connection conn = QemuGuests.open(Path.of(args[0]));
        String kept = QemuGuests.diskless("kept").replace("</name>",
                "</name><uuid>0b7e3c2a-5d1f-4e8a-9c6b-2f4d8a1e7c30</uuid>");
        conn.defineDomain(kept);
        conn.defineDomain(kept.replace("<memory unit='MiB'>64</memory>", "<memory unit='MiB'>96</memory>"));
        conn.defineDomain(QemuGuests.diskless("dropped"));
        conn.domainByName("dropped").undefine();
        System.out.println("READY");
        System.out.flush();
        System.in.read();
        Runtime.getRuntime().halt(0);
    }
}
