package org.jvirt.driver.test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jvirt.api.ErrorCode;

/** Reads a range of a domain's disk image, as libvirt's block peek does: the whole range or an error. */
final class DiskPeek {
    private DiskPeek() {
    }

    static byte[] read(Path image, long offset, int size, String domain) {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            if (offset + size > ch.size()) {
                throw TestErrors.invalidArg("block peek of " + size + " bytes at " + offset + " is beyond the end of '"
                        + image + "' (" + ch.size() + " bytes)", domain);
            }
            ByteBuffer buf = ByteBuffer.allocate(size);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            throw TestErrors.error(ErrorCode.SYSTEM_ERROR, "cannot open disk image '" + image
                    + "' of domain '" + domain + "': No such file or directory", domain);
        } catch (IOException e) {
            throw TestErrors.error(ErrorCode.SYSTEM_ERROR, "cannot read disk image '" + image + "' of domain '"
                    + domain + "': " + e.getMessage(), domain);
        }
    }
}
