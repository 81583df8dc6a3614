package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.xml.XmlElement;

/**
 * How the guest boots. {@code builder = 'hvm'} makes it a fully virtualised guest: {@code kernel}
 * is then its firmware (hvmloader, {@code <loader>}) and {@code boot} the devices it boots from,
 * one letter each ({@code a} floppy, {@code c} disk, {@code d} CD-ROM, {@code n} network; an
 * unknown letter is the disk, at most four, {@code c} when not set). Any other guest is
 * paravirtual: {@code bootloader} (pygrub) with {@code bootargs}, or {@code kernel} with
 * {@code ramdisk}, {@code extra} (its command line) and {@code root} (its root device). As libvirt
 * 0.4.4 wrote such a guest, it has an {@code <os>} only when it has a kernel (or no bootloader
 * either). Stateless.
 */
final class Boot {
    private static final int MAX_BOOT_DEVICES = 4;

    private Boot() {
    }

    /** Whether the file describes a fully virtualised guest. */
    static boolean hvm(XmSettings s) {
        return "hvm".equals(s.string("builder"));
    }

    static List<XmlElement> read(XmSettings s, boolean hvm) {
        return hvm ? List.of(hvmOs(s)) : paravirtual(s);
    }

    private static XmlElement hvmOs(XmSettings s) {
        XmlElement.Builder os = Xml.element("os").child(Xml.text("type", "hvm"));
        String loader = s.string("kernel");
        if (loader != null) {
            os.child(Xml.text("loader", loader));
        }
        String boot = s.string("boot");
        boot = boot == null ? "c" : boot;
        for (int i = 0; i < Math.min(boot.length(), MAX_BOOT_DEVICES); i++) {
            os.child(Xml.empty("boot", "dev", switch (boot.charAt(i)) {
                case 'a' -> "fd";
                case 'd' -> "cdrom";
                case 'n' -> "network";
                default -> "hd";
            }));
        }
        return os.build();
    }

    private static List<XmlElement> paravirtual(XmSettings s) {
        List<XmlElement> out = new ArrayList<>();
        String bootloader = s.string("bootloader");
        if (bootloader != null) {
            out.add(Xml.text("bootloader", bootloader));
        }
        String args = s.string("bootargs");
        if (args != null) {
            out.add(Xml.text("bootloader_args", args));
        }
        String kernel = s.string("kernel");
        if (kernel != null || bootloader == null) {
            XmlElement.Builder os = Xml.element("os").child(Xml.text("type", "linux"));
            if (kernel != null) {
                os.child(Xml.text("kernel", kernel));
                optional(os, "initrd", s.string("ramdisk"));
                optional(os, "cmdline", s.string("extra"));
                optional(os, "root", s.string("root"));
            }
            out.add(os.build());
        }
        return out;
    }

    private static void optional(XmlElement.Builder parent, String name, String text) {
        if (text != null) {
            parent.child(Xml.text(name, text));
        }
    }

    static void write(DomainDefinition def, boolean hvm, Map<String, XmValue> out) {
        DomainOs os = def.os();
        if (hvm) {
            out.put("builder", XmValue.of("hvm"));
            put(out, "kernel", os.loader());
            StringBuilder boot = new StringBuilder();
            for (String dev : os.bootDevices()) {
                boot.append(switch (dev) {
                    case "fd" -> 'a';
                    case "cdrom" -> 'd';
                    case "network" -> 'n';
                    default -> 'c';
                });
            }
            out.put("boot", XmValue.of(boot.length() == 0 ? "c" : boot.toString()));
            return;
        }
        put(out, "bootloader", def.bootloader());
        put(out, "bootargs", def.bootloaderArgs());
        if (os != null) {
            put(out, "kernel", os.kernel());
            put(out, "ramdisk", os.initrd());
            put(out, "extra", os.cmdline());
            put(out, "root", os.root());
        }
    }

    static void put(Map<String, XmValue> out, String key, String value) {
        if (value != null) {
            out.put(key, XmValue.of(value));
        }
    }
}
