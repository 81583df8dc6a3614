package org.jvirt.proxy.protocol;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** libvirt's .x files, where the build read them (the build itself fails without them). */
final class Corpus {
    private Corpus() {
    }

    static Path rpc() {
        String dir = System.getProperty("jvirt.libvirtRpc");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            fail("libvirt's RPC definitions are not at " + dir + " (set jvirt.libvirtRpc)");
        }
        return Path.of(dir);
    }

    static String remoteProtocol() throws IOException {
        return Files.readString(rpc().resolve("remote_protocol.x"));
    }
}
