package org.jvirt.driver.xend.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.model.DomainOs;
import org.jvirt.model.xml.XmlElement;

/**
 * How the guest boots. A paravirtualised guest boots a {@code (bootloader)} (pygrub, with
 * {@code (bootloader_args)}) or the {@code (kernel)}, {@code (ramdisk)}, {@code (root)} and
 * {@code (args)} of its {@code (image (linux ...))}. A fully virtualised guest boots xend's
 * hvmloader — named {@code (kernel)} in its {@code (image (hvm ...))}, or {@code (loader)} when the
 * image's kernel is a Linux kernel to boot directly — from the devices of {@code (boot)}:
 * {@code a} floppy, {@code c} disk, {@code d} CD-ROM, {@code n} network.
 */
final class OsSection {
    private static final Map<String, Character> BOOT_LETTERS = Map.of("fd", 'a', "hd", 'c', "cdrom", 'd',
            "network", 'n');
    private static final Map<Character, String> BOOT_DEVICES = Map.of('a', "fd", 'c', "hd", 'd', "cdrom",
            'n', "network");
    /** xend took at most four boot devices (libvirt 0.4.4's {@code char bootorder[5]}). */
    private static final int MAX_BOOT_DEVICES = 4;

    private OsSection() {
    }

    /** A paravirtualised guest's {@code <bootloader>} and {@code <bootloader_args>}; whether it has a bootloader. */
    static boolean readBootloader(SxpGuest g, XmlElement.Builder domain) {
        if (g.hvm) {
            return false;
        }
        Optional<String> bootloader = g.text("domain/bootloader");
        if (bootloader.isEmpty() && !g.root.has("domain/bootloader")) {
            return false;
        }
        domain.child(GuestSection.text("bootloader", bootloader.orElse("")));
        g.text("domain/bootloader_args").ifPresent(a -> domain.child(GuestSection.text("bootloader_args", a)));
        return true;
    }

    /**
     * The {@code <os>} of a guest with an image (domain 0 has none).
     *
     * @throws org.jvirt.api.VirtException INTERNAL_ERROR when an HVM image names no loader, or a
     *         paravirtualised guest has neither kernel nor bootloader
     */
    static void readOs(SxpGuest g, boolean bootloader, XmlElement.Builder domain) {
        if (g.domid == 0 || g.root.lookup("domain/image").isEmpty()) {
            return;
        }
        XmlElement.Builder os = XmlElement.builder("os").child(GuestSection.text("type", g.hvm ? "hvm" : "linux"));
        String loader = null;
        String kernel = null;
        if (g.hvm) {
            loader = g.text(g.image("loader")).orElse(null);
            if (loader == null) {
                // xend before 3.1 named the hvmloader the kernel.
                loader = g.text(g.image("kernel")).orElseThrow(() -> XendErrors.incomplete("HVM loader"));
            } else {
                kernel = g.text(g.image("kernel")).orElse(null);
            }
            os.child(GuestSection.text("loader", loader));
        } else {
            kernel = g.text(g.image("kernel")).orElse(null);
        }
        if (kernel != null && !kernel.equals(loader)) {
            os.child(GuestSection.text("kernel", kernel));
            for (String[] e : new String[][] {{"ramdisk", "initrd"}, {"root", "root"}, {"args", "cmdline"}}) {
                String value = g.nonEmpty(g.image(e[0]));
                if (value != null) {
                    os.child(GuestSection.text(e[1], value));
                }
            }
        } else if (g.hvm) {
            String boot = g.nonEmpty(g.image("boot"));
            for (char c : (boot == null ? "" : boot).toCharArray()) {
                String dev = BOOT_DEVICES.get(c);
                if (dev != null) {
                    os.child(XmlElement.builder("boot").attribute("dev", dev).build());
                }
            }
        } else if (!bootloader) {
            throw XendErrors.incomplete("kernel & bootloader");
        }
        domain.child(os.build());
    }

    /** {@code (bootloader)} and {@code (bootloader_args)}, at the top of the domain. */
    static void writeBootloader(DefGuest w, List<Sexpr> vm) {
        String bootloader = w.def.bootloader();
        if (bootloader == null) {
            return;
        }
        vm.add(bootloader.isEmpty() ? Sexpr.entry("bootloader") : Sexpr.entry("bootloader", bootloader));
        if (w.def.bootloaderArgs() != null) {
            vm.add(Sexpr.entry("bootloader_args", w.def.bootloaderArgs()));
        }
    }

    /**
     * The kernel entries an image starts with, for any guest that boots a kernel directly.
     *
     * @throws org.jvirt.api.VirtException NO_KERNEL for a paravirtualised guest without a kernel
     */
    static void writeKernel(DefGuest w, List<Sexpr> image) {
        DomainOs os = w.def.os();
        if (os.kernel() == null) {
            if (!w.hvm) {
                throw XendErrors.noKernel(w.name());
            }
            return;
        }
        image.add(Sexpr.entry("kernel", os.kernel()));
        if (os.initrd() != null) {
            image.add(Sexpr.entry("ramdisk", os.initrd()));
        }
        if (os.root() != null) {
            image.add(Sexpr.entry("root", os.root()));
        }
        if (os.cmdline() != null) {
            image.add(Sexpr.entry("args", os.cmdline()));
        }
    }

    /**
     * What follows in an HVM image: the hvmloader, the vCPUs, the boot order (xend needs one, even
     * for a guest booting a kernel: {@code c} by default).
     *
     * @throws org.jvirt.api.VirtException XML_ERROR without a loader, with a boot device xend does
     *         not know, or with more than four
     */
    static void writeHvmBoot(DefGuest w, List<Sexpr> image) {
        DomainOs os = w.def.os();
        if (os.loader() == null || os.loader().isEmpty()) {
            throw XendErrors.xml("no HVM domain loader: domain '" + w.name() + "' needs <os><loader>, xend's hvmloader");
        }
        if (os.loaderType() != null && !os.loaderType().equals("rom")) {
            throw XendErrors.unsupported("xend's hvmloader is a ROM, not a <loader type='" + os.loaderType() + "'>");
        }
        // xend before 3.1 took the firmware as the kernel; a guest booting a kernel names it the loader.
        image.add(Sexpr.entry(os.kernel() != null ? "loader" : "kernel", os.loader()));
        image.add(Sexpr.entry("vcpus", Integer.toString(w.def.vcpus())));
        StringBuilder order = new StringBuilder();
        for (String dev : os.bootDevices()) {
            Character letter = BOOT_LETTERS.get(dev);
            if (letter == null) {
                throw XendErrors.xml("xend cannot boot from <boot dev='" + dev + "'>");
            }
            if (order.length() == MAX_BOOT_DEVICES) {
                throw XendErrors.xml("too many boot devices: xend takes at most " + MAX_BOOT_DEVICES);
            }
            order.append(letter);
        }
        image.add(Sexpr.entry("boot", order.length() == 0 ? "c" : order.toString()));
    }

    /** {@code (device_model)}, the guest's emulator, in its image. */
    static void writeDeviceModel(DefGuest w, List<Sexpr> image) {
        if (w.def.emulator() != null) {
            image.add(Sexpr.entry("device_model", w.def.emulator()));
        }
    }
}
