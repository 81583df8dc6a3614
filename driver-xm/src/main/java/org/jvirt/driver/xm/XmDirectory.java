package org.jvirt.driver.xm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.config.XmConfig;
import org.jvirt.model.DomainDefinition;
import org.jvirt.spi.AtomicFiles;

/**
 * The xm configuration files of a directory ({@code /etc/xen}) as domains, as libvirt 0.4.4's
 * {@code xm_internal.c} kept them: every regular file that reads as a domain is one (xend's own files,
 * backups, hidden files and the {@code auto/} and {@code scripts/} directories are not looked at); a
 * file that does not read is skipped and logged, never rewritten. The cache is checked against the
 * directory on every use — a file added, changed (size or modification time) or removed by someone else
 * is noticed at once. New definitions are written atomically as {@code NAME.cfg}; a changed definition
 * rewrites its own file, keeping the user's comments, order and unknown settings. Thread-safe (one lock).
 */
final class XmDirectory {
    private static final System.Logger LOG = System.getLogger(XmDirectory.class.getName());

    /** One configuration file read as a domain, and what it was read from. */
    record Entry(Path file, FileTime modified, long size, XmConfigFile config, DomainDefinition definition) {
    }

    private final Path dir;
    private final int xendConfigVersion;
    private final XmConfig conversions = new XmConfig();
    /** By file name: the entries of the files that read as domains. */
    private final Map<String, Entry> entries = new HashMap<>();
    /** By file name: files that did not read, with what they were when they did not (to log once). */
    private final Map<String, FileTime> unreadable = new HashMap<>();

    XmDirectory(Path dir, int xendConfigVersion) {
        this.dir = dir;
        this.xendConfigVersion = xendConfigVersion;
    }

    Path directory() {
        return dir;
    }

    int xendConfigVersion() {
        return xendConfigVersion;
    }

    XmConfig conversions() {
        return conversions;
    }

    /** Every domain of the directory now, in file-name order. */
    synchronized List<Entry> all() {
        refresh();
        List<Entry> out = new ArrayList<>(entries.values());
        out.sort((a, b) -> a.file().getFileName().toString().compareTo(b.file().getFileName().toString()));
        return out;
    }

    synchronized Optional<Entry> byName(String name) {
        refresh();
        return entries.values().stream().filter(e -> e.definition().name().equals(name)).findFirst();
    }

    synchronized Optional<Entry> byUuid(UUID uuid) {
        refresh();
        return entries.values().stream().filter(e -> uuid.equals(e.definition().uuid())).findFirst();
    }

    /**
     * Defines {@code def}: its own file rewritten (kept comments and unknown settings) when the name is
     * defined with the same UUID, else a new {@code NAME.cfg}. Another domain of that name or UUID, or a
     * {@code NAME.cfg} that is not this domain's, is refused; nothing is written then.
     */
    synchronized Entry define(DomainDefinition def) {
        refresh();
        Optional<Entry> sameName = entries.values().stream().filter(e -> e.definition().name().equals(def.name()))
                .findFirst();
        if (sameName.isPresent() && def.uuid() != null && !def.uuid().equals(sameName.get().definition().uuid())) {
            throw XmDriverErrors.worded(ErrorCode.OPERATION_FAILED, "domain '" + def.name() + "' already exists with uuid "
                    + sameName.get().definition().uuid(), def.name());
        }
        if (sameName.isEmpty() && def.uuid() != null) {
            entries.values().stream().filter(e -> def.uuid().equals(e.definition().uuid())).findFirst().ifPresent(e -> {
                throw XmDriverErrors.worded(ErrorCode.OPERATION_FAILED, "domain '" + e.definition().name()
                        + "' is already defined with uuid " + def.uuid(), def.name());
            });
        }
        Path file;
        XmConfigFile config;
        if (sameName.isPresent()) {
            file = sameName.get().file();
            config = conversions.update(sameName.get().config(), def, xendConfigVersion);
        } else {
            file = dir.resolve(def.name() + ".cfg");
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw XmDriverErrors.worded(ErrorCode.OPERATION_FAILED, "cannot define domain '" + def.name() + "': "
                        + file + " exists and is not its definition", def.name());
            }
            config = conversions.toConfig(def, xendConfigVersion);
        }
        write(file, config, def.name());
        return read(file).orElseThrow(() -> XmDriverErrors.worded(ErrorCode.INTERNAL_ERROR, "the definition of domain '"
                + def.name() + "' written to " + file + " does not read back", def.name()));
    }

    /** Removes the domain's file and its autostart link. */
    synchronized void undefine(Entry entry) {
        try {
            Files.deleteIfExists(autostartLink(entry));
            Files.deleteIfExists(entry.file());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.XENXM, "cannot remove the definition of domain '"
                    + entry.definition().name() + "' (" + entry.file() + "): " + e.getMessage(), "xm",
                    entry.definition().name(), e);
        }
        entries.remove(entry.file().getFileName().toString());
    }

    /** xendomains' link {@code auto/FILE}, which starts the domain with the host. */
    Path autostartLink(Entry entry) {
        return dir.resolve("auto").resolve(entry.file().getFileName());
    }

    synchronized boolean autostart(Entry entry) {
        return Files.exists(autostartLink(entry), LinkOption.NOFOLLOW_LINKS);
    }

    synchronized void setAutostart(Entry entry, boolean on) {
        Path link = autostartLink(entry);
        try {
            if (on) {
                Files.createDirectories(link.getParent());
                if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of("..").resolve(entry.file().getFileName()));
                }
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.XENXM, "cannot " + (on ? "create" : "remove")
                    + " the autostart link " + link + " of domain '" + entry.definition().name() + "': "
                    + e.getMessage(), "xm", entry.definition().name(), e);
        }
    }

    private void write(Path file, XmConfigFile config, String domain) {
        try {
            AtomicFiles.write(file, config.bytes());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.XENXM, "cannot write the definition of domain '"
                    + domain + "' to " + file + ": " + e.getMessage(), "xm", domain, e);
        }
    }

    /** Brings the cache in line with the directory: new, changed and removed files. */
    private void refresh() {
        Map<String, Path> present = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                if (!ignored(name)) {
                    present.put(name, f);
                }
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.XENXM, "cannot read the xm configuration"
                    + " directory " + dir + ": " + e.getMessage(), "xm", null, e);
        }
        entries.keySet().removeIf(name -> !present.containsKey(name));
        unreadable.keySet().removeIf(name -> !present.containsKey(name));
        for (Map.Entry<String, Path> p : present.entrySet()) {
            Entry cached = entries.get(p.getKey());
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(p.getValue(), BasicFileAttributes.class);
            } catch (IOException e) {
                entries.remove(p.getKey());
                continue;
            }
            if (!attrs.isRegularFile()) {
                continue;
            }
            if (cached != null && cached.modified().equals(attrs.lastModifiedTime()) && cached.size() == attrs.size()) {
                continue;
            }
            if (cached == null && attrs.lastModifiedTime().equals(unreadable.get(p.getKey()))) {
                continue;
            }
            Optional<Entry> read = read(p.getValue());
            if (read.isPresent()) {
                entries.put(p.getKey(), read.get());
                unreadable.remove(p.getKey());
            } else {
                entries.remove(p.getKey());
                unreadable.put(p.getKey(), attrs.lastModifiedTime());
            }
        }
    }

    /** The file as a domain; empty (and logged) when it does not read as one. */
    private Optional<Entry> read(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            XmConfigFile cfg = XmConfigFile.read(file);
            DomainDefinition def = conversions.toDomain(cfg, xendConfigVersion);
            Entry e = new Entry(file, attrs.lastModifiedTime(), attrs.size(), cfg, def);
            entries.put(file.getFileName().toString(), e);
            return Optional.of(e);
        } catch (IOException | VirtException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping {0}: it does not read as a domain: {1}", file,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Files of the directory that are not domains: xend's own, scripts, backups, hidden files. */
    static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".rpmnew") || name.endsWith(".rpmsave")
                || name.endsWith(".rpmorig") || name.endsWith(".dpkg-old") || name.endsWith(".dpkg-new")
                || name.endsWith(".dpkg-dist") || name.endsWith(".sxp") || name.startsWith("xmexample")
                || name.equals("auto") || name.equals("scripts") || name.equals("xl.conf") || name.equals("xm.conf")
                || name.startsWith("xend-") || name.endsWith(".tmp") || name.equals("README");
    }
}
