package org.jvirt.driver.hypercall.privcmd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's count of this process's locked memory ({@code VmLck} of {@code /proc/self/status}), in KiB. */
final class LockedMemory {
    private LockedMemory() {
    }

    static long kib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmLck:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("/proc/self/status has no VmLck line");
    }
}
