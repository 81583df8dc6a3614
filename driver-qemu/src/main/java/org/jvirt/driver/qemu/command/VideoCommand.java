package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The video adapters on the command line, as libvirt 9's {@code qemuBuildVideoCommandLine}: one
 * {@code -device} each, in document order, {@code video0} onwards. The primary adapter is its model's
 * VGA-compatible device ({@code VGA}, {@code cirrus-vga}, {@code qxl-vga}, {@code virtio-vga}...), the
 * others the model's plain one ({@code qxl}, {@code virtio-gpu-pci}); the sizes libvirt writes follow:
 * QXL's RAM, VRAM, 64-bit VRAM and VGA memory, the heads of QXL and virtio, VGA's and bochs's memory.
 *
 * <p>Takes what {@link QemuValidate} accepted ({@link VideoValidate}) and refuses nothing. Stateless.
 */
final class VideoCommand {
    private VideoCommand() {
    }

    /** A video adapter's model: its own, else VGA on x86 and virtio elsewhere. */
    static String type(VideoDevice v, Guest g) {
        return v.modelType() == null ? (g.x86() ? "vga" : "virtio") : v.modelType();
    }

    /**
     * The QEMU device of an adapter, as libvirt's qemuDeviceVideoGetModel: null for a model that has
     * none in its place (a secondary VGA, say), which {@link VideoValidate} refuses.
     */
    static String driver(VideoDevice v, Guest g) {
        String type = type(v, g);
        boolean mmio = v.address() != null && "virtio-mmio".equals(v.address().type());
        if (v.primary() && !(type.equals("virtio") && (mmio || !g.emu().hasType("virtio-vga")))) {
            return switch (type) {
                case "vga" -> "VGA";
                case "cirrus" -> "cirrus-vga";
                case "vmvga" -> "vmware-svga";
                case "qxl" -> "qxl-vga";
                case "virtio" -> "virtio-vga";
                case "bochs" -> "bochs-display";
                case "ramfb" -> "ramfb";
                default -> null;
            };
        }
        return switch (type) {
            case "qxl" -> "qxl";
            case "virtio" -> mmio ? "virtio-gpu-device" : "virtio-gpu-pci";
            default -> null;
        };
    }

    /** A size attribute of {@code <model>} the model keeps unparsed ({@code vram64}), in KiB, or 0. */
    static long unparsedSize(VideoDevice v, String attribute) {
        String value = v.unknowns().attributesAt("model").get(attribute);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The adapter's {@code <model><resolution x= y=/>}, or null. */
    static XmlElement resolution(VideoDevice v) {
        for (XmlElement e : v.unknowns().elementsAt("model")) {
            if (e.name().equals("resolution")) {
                return e;
            }
        }
        return null;
    }

    /** The video adapters; without any, a definition with graphics not completed by post-parse gets the default. */
    static void add(Guest g, CommandLine out) {
        List<VideoDevice> videos = g.def().devices(VideoDevice.class);
        if (videos.isEmpty()) {
            if (!g.def().devices(GraphicsDevice.class).isEmpty()) {
                // A definition not completed by QemuRules: the adapter post-parse would have added.
                out.device(Json.object("driver", g.x86() ? "VGA" : "virtio-gpu-pci", "id", "video0"));
            }
            return;
        }
        for (int i = 0; i < videos.size(); i++) {
            VideoDevice v = videos.get(i);
            String type = type(v, g);
            if (type.equals("none")) {
                continue;
            }
            Map<String, Object> p = Json.object("driver", driver(v, g), "id", "video" + i);
            if ((type.equals("qxl") || type.equals("virtio")) && v.heads() != null && v.heads() > 0) {
                p.put("max_outputs", v.heads());
            }
            long vram = v.vram() == null ? 0 : v.vram();
            switch (type) {
                case "qxl" -> {
                    positive(p, "ram_size", (v.ram() == null ? 0 : v.ram()) * 1024);
                    positive(p, "vram_size", vram * 1024);
                    p.put("vram64_size_mb", unparsedSize(v, "vram64") / 1024);
                    p.put("vgamem_mb", (v.vgamem() == null ? 0 : v.vgamem()) / 1024);
                }
                case "vga", "vmvga" -> positive(p, "vgamem_mb", vram / 1024);
                case "bochs" -> positive(p, "vgamem", vram * 1024);
                default -> {
                    // cirrus, virtio and ramfb take no sizes
                }
            }
            XmlElement res = resolution(v);
            if (res != null) {
                positive(p, "xres", Long.parseLong(res.attribute("x")));
                positive(p, "yres", Long.parseLong(res.attribute("y")));
            }
            DeviceProps.address(p, v.address(), g.def());
            out.device(p);
        }
    }

    /** libvirt's {@code p:} properties: written when not 0. */
    private static void positive(Map<String, Object> p, String name, long value) {
        if (value > 0) {
            p.put(name, value);
        }
    }
}
