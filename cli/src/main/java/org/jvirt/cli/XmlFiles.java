package org.jvirt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Reads the XML files {@code define} and {@code create} take, with the limit and the messages of
 * libvirt's {@code virFileReadAll}: "Failed to open file 'F': No such file or directory", "Failed to
 * read file 'F': Is a directory", and so on.
 */
final class XmlFiles {
    /** virsh's VSH_MAX_XML_FILE. */
    static final int MAX_XML_FILE = 10 * 1024 * 1024;

    private XmlFiles() {
    }

    /** {@code file} as the session reads it: relative to its directory ({@code cd}). */
    static String read(Session session, String file) {
        return read(session.resolve(file), file);
    }

    /** @throws CommandError worded as libvirt's when the file cannot be read */
    static String read(String file) {
        return read(Path.of(file), file);
    }

    /** Reads {@code path}; messages name it as {@code file}, as the user wrote it. */
    static String read(Path path, String file) {
        if (Files.isDirectory(path)) {
            // open(2) succeeds on a directory; read(2) is what fails.
            throw new CommandError("Failed to read file '" + file + "': Is a directory");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] data = in.readNBytes(MAX_XML_FILE + 1);
            if (data.length > MAX_XML_FILE) {
                throw new CommandError("Failed to read file '" + file + "': Value too large for defined data type");
            }
            return new String(data, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandError("Failed to open file '" + file + "': " + strerror(e));
        }
    }

    /** The C library's wording of the failure {@code e} stands for. */
    static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "Too many levels of symbolic links";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
