package org.jvirt.proxy.remote.uri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What libvirt's client looks at on its own machine to choose a daemon's socket: whether it runs as root, the
 * user's runtime directory, and which sockets exist.
 *
 * @param root whether the process's effective user is root
 * @param userRuntimeDir libvirt's {@code virGetUserRuntimeDirectory()}: {@code $XDG_RUNTIME_DIR/libvirt}, else
 *     {@code $XDG_CACHE_HOME/libvirt}, else {@code ~/.cache/libvirt} (GLib's {@code g_get_user_runtime_dir})
 * @param exists whether a file is there (libvirt's {@code virFileExists})
 */
public record LocalHost(boolean root, Path userRuntimeDir, Predicate<Path> exists) {
    public LocalHost {
        Objects.requireNonNull(userRuntimeDir, "userRuntimeDir");
        Objects.requireNonNull(exists, "exists");
    }

    /** This process's machine and user. */
    public static LocalHost current() {
        return new LocalHost(effectiveUid() == 0, runtimeDir(), Files::exists);
    }

    private static long effectiveUid() {
        try {
            // /proc/self belongs to the process's effective user
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : -1;
        }
    }

    private static Path runtimeDir() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) {
            return Path.of(runtime, "libvirt");
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        if (cache != null && !cache.isEmpty()) {
            return Path.of(cache, "libvirt");
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".cache", "libvirt");
    }
}
