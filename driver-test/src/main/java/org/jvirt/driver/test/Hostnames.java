package org.jvirt.driver.test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local host's name, as libvirt's {@code virGetHostname}: the kernel's, without a DNS round trip when possible. */
final class Hostnames {
    private static volatile String cached;

    private Hostnames() {
    }

    static String local() {
        String name = cached;
        if (name == null) {
            name = lookUp();
            cached = name;
        }
        return name;
    }

    private static String lookUp() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | SecurityException e) {
            // Not Linux, or not readable: fall back to the resolver.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
