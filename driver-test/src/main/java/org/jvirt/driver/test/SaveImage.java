package org.jvirt.driver.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.jvirt.api.ErrorCode;
import org.jvirt.spi.AtomicFiles;

/**
 * The test driver's save image, byte-compatible with libvirt's: the 15 bytes
 * {@code "TestGuestMagic\0"}, the XML's length as a little-endian 32-bit integer, the domain XML.
 * Written atomically; read with every length checked before anything is allocated.
 */
final class SaveImage {
    static final byte[] MAGIC = "TestGuestMagic\0".getBytes(StandardCharsets.US_ASCII);
    /** Far beyond any real domain XML; a larger length means a corrupt or hostile file. */
    static final int MAX_XML_BYTES = 10 * 1024 * 1024;

    private SaveImage() {
    }

    static void write(Path file, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        ByteBuffer image = ByteBuffer.allocate(MAGIC.length + 4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        image.put(MAGIC).putInt(body.length).put(body);
        AtomicFiles.write(file, image.array());
    }

    /** A core dump of a test guest: only the magic, as libvirt's test driver writes. */
    static void writeDump(Path file) throws IOException {
        AtomicFiles.write(file, MAGIC.clone());
    }

    /**
     * @return the domain XML the image holds
     * @throws org.jvirt.api.VirtException SYSTEM_ERROR when unreadable; INTERNAL_ERROR when not a test save image
     */
    static String read(Path file) {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw TestErrors.internal("mismatched header magic", name);
            }
            byte[] lengthBytes = in.readNBytes(4);
            if (lengthBytes.length < 4) {
                throw TestErrors.internal("incomplete save header in '" + name + "'", name);
            }
            int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (length <= 0 || length > MAX_XML_BYTES) {
                throw TestErrors.internal("length of saved XML sanity check failed (" + Integer.toUnsignedLong(length)
                        + " bytes) in '" + name + "'", name);
            }
            byte[] xml = in.readNBytes(length);
            if (xml.length < length) {
                throw TestErrors.internal("incomplete metadata in '" + name + "': " + xml.length + " of " + length
                        + " bytes", name);
            }
            return new String(xml, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw TestErrors.error(ErrorCode.SYSTEM_ERROR, "cannot read domain image '" + name
                    + "': No such file or directory", name);
        } catch (IOException e) {
            throw TestErrors.error(ErrorCode.SYSTEM_ERROR, "cannot read domain image '" + name + "': " + e.getMessage(),
                    name);
        }
    }
}
