package org.jvirt.driver.xend;

import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.core.Jvirt;
import org.jvirt.driver.xend.testxend.TestXend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir
    Path dir;

    @Test
    void scratch() throws Exception {
        try (TestXend xend = TestXend.onUnixSocket(dir.resolve("s"), 4);
             Connection conn = Jvirt.builder().uri("xen:///?xend_socket=" + dir.resolve("s")).open()) {
            Domain d = conn.createDomain(XendDriverConformanceTest.DOMAIN.replace("{name}", "x").replace("{uuid}", "0b7e3c2a-5d1f-4e8a-9c6b-2f4d8a1e7c30"));
            String live = d.xmlDesc();
            System.out.println("LIVE1\n" + live);
            System.out.println("CONFIG\n" + xend.ops().configOf("x"));
            d.destroy();
            Domain again = conn.createDomain(live);
            System.out.println("LIVE2\n" + again.xmlDesc());
            System.out.println("CONFIG2\n" + xend.ops().configOf("x"));
        }
    }
}
