package org.jvirt.driver.qemu.command;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * TPMs ({@code <tpm>}): not yet on the command line, but refused naming what is missing, before QEMU
 * is asked anything. A {@code passthrough} TPM needs the host's TPM device, which libvirt opens itself
 * (and refuses in the words kept here when it is not there); an {@code emulator} TPM needs
 * {@code swtpm}, which libvirt starts before QEMU. The model keeps {@code <tpm>} as an element:
 * {@link #honoured} says which ones {@link #validate} can speak of. Stateless.
 */
final class TpmCommand {
    /** libvirt's TPM device when a passthrough backend names none. */
    static final String DEFAULT_DEVICE = "/dev/tpm0";

    private TpmCommand() {
    }

    /** Whether a {@code <tpm>} has a {@code model} and a {@code <backend>} of a type this class speaks of. */
    static boolean honoured(XmlElement tpm) {
        XmlElement backend = tpm.child("backend");
        return ElementDevices.only(tpm, Set.of("model"), Set.of("backend", "address")) && backend != null
                && Set.of("passthrough", "emulator").contains(backend.attribute("type"));
    }

    /**
     * Refuses every TPM: with libvirt's SYSTEM_ERROR when the host has not the device or program the TPM
     * needs, else with CONFIG_UNSUPPORTED, the driver not building TPMs.
     */
    static void validate(Guest g) {
        for (XmlElement tpm : ElementDevices.named(g.def(), "tpm")) {
            XmlElement backend = tpm.child("backend");
            String type = backend.attribute("type");
            if (type.equals("passthrough")) {
                XmlElement device = backend.child("device");
                String path = device == null || device.attribute("path") == null ? DEFAULT_DEVICE
                        : device.attribute("path");
                if (!Files.exists(Path.of(path))) {
                    throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "Could not open TPM device "
                            + path + ": No such file or directory", g.name());
                }
            } else if (!onPath("swtpm")) {
                throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU,
                        "Unable to find 'swtpm' binary in $PATH: No such file or directory", g.name());
            }
            throw Unsupported.config(g.name(), "TPM backend type '" + type + "' is not supported by the QEMU driver");
        }
    }

    /** Whether an executable {@code name} is on the driver's PATH. */
    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
