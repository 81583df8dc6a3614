package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.state.StateLayout;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.JournaledDirectory;

/**
 * The persistent domains of a state directory: one XML file each under {@code etc/qemu}, written
 * through the directory's journal (a change costs the caller one write to it; the file follows within a
 * flush of the disk, and neither a crash of the process nor one of the machine leaves it torn), and an
 * autostart link beside; defining, undefining and loading them at open. A damaged file is skipped at load,
 * never overwritten.
 */
final class QemuDefinitions {
    private static final System.Logger LOG = System.getLogger(QemuDefinitions.class.getName());
    /** The largest definition or live XML file read back. */
    private static final int MAX_XML_BYTES = 4 << 20;

    private final StateLayout layout;
    private final QemuDomainList domains;
    private final QemuNode node;
    private final JournaledDirectory files;

    /** Opens the definitions' directory, replaying its journal after a crash of the machine. */
    QemuDefinitions(QemuNode node) {
        this.node = node;
        this.layout = node.layout;
        this.domains = node.domains;
        try {
            this.files = JournaledDirectory.open(layout.configDir());
        } catch (IOException e) {
            throw QemuErrors.system("cannot open the definitions in " + layout.configDir() + ": " + e.getMessage(),
                    null, e);
        }
    }

    /** Flushes the definitions and closes their journal; the node is closing. */
    void close() {
        try {
            files.close();
        } catch (IOException e) {
            // Nothing is lost: the journal keeps what the files may lack, and the next open replays it.
            LOG.log(System.Logger.Level.WARNING, "cannot flush the definitions in {0}: {1}", layout.configDir(),
                    e.getMessage());
        }
    }

    /**
     * Defines {@code def}, which the core completed with the node's rules. What the driver cannot run
     * yet is defined and kept all the same, as libvirt keeps it: starting refuses it, naming it.
     */
    DomainRef define(DomainDefinition def) {
        synchronized (domains) {
            QemuDomain d = domains.existingFor(def);
            if (d == null) {
                d = new QemuDomain(def.name(), def.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
            }
            synchronized (d) {
                write(def);
                DomainEventDetail detail = d.isPersistent() ? DomainEventDetail.DEFINED_UPDATED
                        : DomainEventDetail.DEFINED_ADDED;
                d.persistent = def;
                domains.register(d);
                node.emit(d.ref(), detail);
                return d.ref();
            }
        }
    }

    void undefine(DomainRef ref) {
        QemuDomain d = domains.find(ref);
        synchronized (domains) {
            synchronized (d) {
                if (!d.isPersistent()) {
                    throw QemuErrors.operationInvalid("cannot undefine transient domain", d.name);
                }
                try {
                    Files.deleteIfExists(layout.autostartLink(d.name));
                    files.delete(layout.definition(d.name).getFileName().toString());
                } catch (IOException e) {
                    throw QemuErrors.system("cannot remove the definition of domain '" + d.name + "': "
                            + e.getMessage(), d.name, e);
                }
                d.persistent = null;
                d.autostart = false;
                node.emit(d.ref(), DomainEventDetail.UNDEFINED_REMOVED);
                if (!d.isActive()) {
                    domains.unregister(d);
                }
            }
        }
    }

    boolean autostart(DomainRef ref) {
        QemuDomain d = domains.find(ref);
        synchronized (d) {
            return d.autostart;
        }
    }

    void setAutostart(DomainRef ref, boolean on) {
        QemuDomain d = domains.find(ref);
        synchronized (d) {
            if (!d.isPersistent()) {
                throw QemuErrors.operationInvalid("cannot set autostart for transient domain", d.name);
            }
            Path link = layout.autostartLink(d.name);
            try {
                if (on) {
                    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, layout.definition(d.name));
                    }
                } else {
                    Files.deleteIfExists(link);
                }
            } catch (IOException e) {
                throw QemuErrors.system("cannot " + (on ? "create" : "remove") + " autostart link " + link + ": "
                        + e.getMessage(), d.name, e);
            }
            d.autostart = on;
        }
    }

    /** Replaces a domain's persistent definition, on disk first; the caller holds the domain's monitor. */
    void persist(QemuDomain d, DomainDefinition def) {
        if (!d.isPersistent()) {
            throw QemuErrors.operationInvalid("transient domains do not have any persistent config", d.name);
        }
        write(def);
        d.persistent = def;
    }

    private void write(DomainDefinition def) {
        Path file = layout.definition(def.name());
        try {
            files.write(file.getFileName().toString(), DomainXml.format(def, -1, true).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw QemuErrors.system("cannot write the definition of domain '" + def.name() + "' to " + file + ": "
                    + e.getMessage(), def.name(), e);
        }
    }

    /** Registers every definition of the directory; a file that does not read back is skipped and logged. */
    void loadAll() {
        if (!Files.isDirectory(layout.configDir())) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.configDir(), "*.xml")) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                name = name.substring(0, name.length() - 4);
                try {
                    DomainDefinition def = DomainXml.parse(readLimited(f));
                    if (!def.name().equals(name) || def.uuid() == null) {
                        LOG.log(System.Logger.Level.WARNING, "skipping {0}: it defines domain ''{1}''", f,
                                def.name());
                        continue;
                    }
                    QemuDomain d = new QemuDomain(def.name(), def.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
                    d.persistent = def;
                    d.autostart = Files.exists(layout.autostartLink(name), LinkOption.NOFOLLOW_LINKS);
                    domains.registerIfFree(d);
                } catch (IOException | VirtException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping the damaged definition {0}: {1}", f,
                            e.getMessage());
                }
            }
        } catch (IOException e) {
            throw QemuErrors.system("cannot read " + layout.configDir() + ": " + e.getMessage(), null, e);
        }
    }

    /** A domain XML file of the state directory, refused when larger than any definition should be. */
    static String readLimited(Path f) throws IOException {
        if (Files.size(f) > MAX_XML_BYTES) {
            throw new IOException(f + " is larger than " + MAX_XML_BYTES + " bytes");
        }
        return Files.readString(f, StandardCharsets.UTF_8);
    }
}
