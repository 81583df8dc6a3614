package org.jvirt.driver.qemu.state;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where one QEMU driver instance keeps its files, as libvirt lays them out.
 *
 * @param root the state root, identifying the instance (one lock, one set of domains)
 * @param configDir persistent definitions ({@code NAME.xml}) and {@code autostart/}
 * @param runDir running domains: pid files, live XML, status, monitor sockets, the lock
 * @param libDir saved state and other long-lived data
 * @param cacheDir probe results
 * @param logDir one QEMU log per domain
 */
public record StateLayout(Path root, Path configDir, Path runDir, Path libDir, Path cacheDir, Path logDir) {
    public StateLayout {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(libDir, "libDir");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(logDir, "logDir");
    }

    /** {@code qemu:///system}: {@code /etc/jvirt/qemu}, {@code /run/jvirt/qemu}, {@code /var/lib/jvirt/qemu}... */
    public static StateLayout system() {
        return new StateLayout(Path.of("/"), Path.of("/etc/jvirt/qemu"), Path.of("/run/jvirt/qemu"),
                Path.of("/var/lib/jvirt/qemu"), Path.of("/var/cache/jvirt/qemu"), Path.of("/var/log/jvirt/qemu"));
    }

    /**
     * {@code qemu:///session}: the XDG base directories of the user ({@code $XDG_CONFIG_HOME},
     * {@code $XDG_RUNTIME_DIR}, {@code $XDG_DATA_HOME}, {@code $XDG_CACHE_HOME}) with their defaults.
     */
    public static StateLayout session(Map<String, String> env, Path home) {
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        Path data = xdg(env, "XDG_DATA_HOME", home.resolve(".local/share"));
        Path cache = xdg(env, "XDG_CACHE_HOME", home.resolve(".cache"));
        Path runtime = xdg(env, "XDG_RUNTIME_DIR", cache.resolve("jvirt-run"));
        return new StateLayout(home, config.resolve("jvirt/qemu"), runtime.resolve("jvirt/qemu"),
                data.resolve("jvirt/qemu"), cache.resolve("jvirt/qemu"), cache.resolve("jvirt/qemu/log"));
    }

    /** {@code qemu:///embed?root=DIR}: everything under {@code DIR}. */
    public static StateLayout embed(Path root) {
        return new StateLayout(root, root.resolve("etc/qemu"), root.resolve("run/qemu"), root.resolve("lib/qemu"),
                root.resolve("cache/qemu"), root.resolve("log/qemu"));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v != null && !v.isEmpty() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    public Path autostartDir() {
        return configDir.resolve("autostart");
    }

    /** The persistent definition of a domain. */
    public Path definition(String name) {
        return configDir.resolve(name + ".xml");
    }

    public Path autostartLink(String name) {
        return autostartDir().resolve(name + ".xml");
    }

    public Path pidFile(String name) {
        return runDir.resolve(name + ".pid");
    }

    public Path liveXml(String name) {
        return runDir.resolve(name + ".xml");
    }

    public Path statusFile(String name) {
        return runDir.resolve(name + ".status");
    }

    public Path logFile(String name) {
        return logDir.resolve(name + ".log");
    }

    /**
     * A running domain's private directory, as libvirt names it ({@code lib/qemu/domain-ID-NAME}, the
     * name cut to 20 characters): its monitor socket and master key live there. Id -1 is the one
     * libvirt gives a command line built for {@code domxml-to-native}.
     */
    public Path privateDir(int id, String name) {
        int end = name.offsetByCodePoints(0, Math.min(20, name.codePointCount(0, name.length())));
        return libDir.resolve("domain-" + id + "-" + name.substring(0, end));
    }

    public Path lockFile() {
        return runDir.resolve("driver.lock");
    }
}
