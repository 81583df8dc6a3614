package org.jvirt.driver.qemu.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.spi.AtomicFiles;

/**
 * Every installed {@code qemu-system-*} binary and what it offers. Each binary is probed at
 * most once per (path, modification time, size): results are kept in memory for the whole JVM
 * and on disk in the cache directory, and a binary that changed is probed again. Thread-safe.
 */
public final class EmulatorCatalog {
    private static final String PREFIX = "qemu-system-";
    private static final int MAX_CACHE_FILE = 8 << 20;
    private static final Map<BinaryVersion, EmulatorInfo> MEMORY = new ConcurrentHashMap<>();

    /** A binary as it was when probed: another modification time or size is another binary. */
    private record BinaryVersion(Path binary, long modifiedMillis, long size) {
    }
    private static final Map<String, Object> PROBE_LOCKS = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> ARCH_BINARIES = Map.ofEntries(
            Map.entry("i686", List.of("i386", "x86_64")),
            Map.entry("i386", List.of("i386", "x86_64")),
            Map.entry("x86_64", List.of("x86_64")),
            Map.entry("aarch64", List.of("aarch64")),
            Map.entry("armv7l", List.of("arm", "aarch64")),
            Map.entry("armv6l", List.of("arm", "aarch64")),
            Map.entry("arm", List.of("arm", "aarch64")),
            Map.entry("ppc64le", List.of("ppc64")),
            Map.entry("ppc64", List.of("ppc64")),
            Map.entry("ppc", List.of("ppc", "ppc64")),
            Map.entry("riscv64", List.of("riscv64")),
            Map.entry("riscv32", List.of("riscv32")),
            Map.entry("s390x", List.of("s390x")),
            Map.entry("mips64el", List.of("mips64el")),
            Map.entry("mipsel", List.of("mipsel")),
            Map.entry("mips", List.of("mips")),
            Map.entry("mips64", List.of("mips64")),
            Map.entry("sparc", List.of("sparc")),
            Map.entry("sparc64", List.of("sparc64")),
            Map.entry("loongarch64", List.of("loongarch64")));

    private final Path cacheDir;
    private final List<Path> searchDirs;
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    /**
     * @param cacheDir where probe results are cached on disk
     * @param searchDirs the directories searched for {@code qemu-system-*}, in order
     */
    public EmulatorCatalog(Path cacheDir, List<Path> searchDirs) {
        this.cacheDir = cacheDir;
        this.searchDirs = List.copyOf(searchDirs);
    }

    /** A catalog searching {@code $PATH} and the usual binary directories. */
    public static EmulatorCatalog system(Path cacheDir) {
        Set<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.add(Path.of("/usr/local/bin"));
        dirs.add(Path.of("/usr/bin"));
        dirs.add(Path.of("/usr/libexec"));
        return new EmulatorCatalog(cacheDir, new ArrayList<>(dirs));
    }

    /** Where probe results are cached. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** The installed binaries, by their file name ({@code qemu-system-x86_64}), first found first. */
    public Map<String, Path> binaries() {
        Map<String, Path> found = new TreeMap<>();
        for (Path dir : searchDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (!found.containsKey(name) && Files.isRegularFile(p) && Files.isExecutable(p)
                            && isTargetName(name.substring(PREFIX.length()))) {
                        found.put(name, p.toAbsolutePath());
                    }
                }
            } catch (IOException e) {
                // an unreadable directory offers nothing
            }
        }
        return found;
    }

    /**
     * The binary to run guests of {@code arch} with, or null when none is installed: the one
     * {@link #binaries()} lists under that name. Each candidate is looked up by name in each
     * directory instead of listing them all, which costs a short process (a define, a KVM check)
     * about 20 ms.
     */
    public Path binaryForArch(String arch) {
        for (String target : ARCH_BINARIES.getOrDefault(arch, List.of(arch))) {
            if (!isTargetName(target)) {
                continue; // an architecture from a document never names a path
            }
            for (Path dir : searchDirs) {
                Path p = dir.resolve(PREFIX + target);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p.toAbsolutePath();
                }
            }
        }
        return null;
    }

    /** Whether {@code target} may follow {@code qemu-system-}: {@code [a-z0-9_]+}. */
    static boolean isTargetName(String target) {
        if (target.isEmpty()) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** What {@code binary} offers, probed or cached. */
    public EmulatorInfo info(Path binary) {
        Path abs = binary.toAbsolutePath().normalize();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                    ErrorCode.OPERATION_FAILED.format("emulator '" + abs + "' is not usable: " + e.getMessage()),
                    null, abs.toString(), e);
        }
        return info(abs, attrs);
    }

    /**
     * What {@code binary} offers, given its attributes as the caller just read them (one look at the file
     * a lookup: a define looks its emulator up several times).
     *
     * @param binary an absolute, normalised path
     */
    public EmulatorInfo info(Path binary, BasicFileAttributes attrs) {
        Path abs = binary;
        BinaryVersion key = new BinaryVersion(abs, attrs.lastModifiedTime().toMillis(), attrs.size());
        EmulatorInfo known = MEMORY.get(key);
        if (known != null) {
            return known;
        }
        synchronized (PROBE_LOCKS.computeIfAbsent(abs.toString(), k -> new Object())) {
            known = MEMORY.get(key);
            if (known != null) {
                return known;
            }
            EmulatorInfo info = readCache(abs, attrs);
            if (info == null) {
                info = EmulatorProber.probe(abs, cacheDir);
                writeCache(info);
            }
            MEMORY.put(key, info);
            problems.remove(abs.toString());
            return info;
        }
    }

    /** Every installed binary that could be probed; the others are listed in {@link #problems()}. */
    public List<EmulatorInfo> all() {
        List<EmulatorInfo> infos = new ArrayList<>();
        for (Path p : binaries().values()) {
            try {
                infos.add(info(p));
            } catch (VirtException e) {
                problems.put(p.toString(), e.getMessage());
            }
        }
        return infos;
    }

    /** Binaries that could not be probed, with the reason. */
    public Map<String, String> problems() {
        return new TreeMap<>(problems);
    }

    /** Forgets what this JVM learnt (tests of the cache). */
    public static void clearMemory() {
        MEMORY.clear();
    }

    /** The cache file of a binary. */
    public Path cacheFile(Path binary) {
        return cacheDir.resolve("capabilities").resolve(cacheName(binary) + ".probe");
    }

    private static String cacheName(Path binary) {
        return binary.toAbsolutePath().normalize().toString().replace('/', '_');
    }

    private EmulatorInfo readCache(Path binary, BasicFileAttributes attrs) {
        Path file = cacheFile(binary);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_CACHE_FILE) {
                return null;
            }
            EmulatorInfo info = EmulatorInfo.fromCache(Files.readString(file, StandardCharsets.UTF_8));
            if (!info.binary().equals(binary.toString()) || info.mtimeMillis() != attrs.lastModifiedTime().toMillis()
                    || info.size() != attrs.size()) {
                return null;
            }
            return info;
        } catch (IOException | RuntimeException e) {
            return null; // a stale or damaged cache is probed again
        }
    }

    private void writeCache(EmulatorInfo info) {
        Path file = cacheFile(Path.of(info.binary()));
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, info.toCache().getBytes(StandardCharsets.UTF_8));
            // The JSON cache of jvirt before format 2, never read again.
            Files.deleteIfExists(file.resolveSibling(cacheName(Path.of(info.binary())) + ".json"));
        } catch (IOException e) {
            // The cache only saves time.
        }
    }
}
