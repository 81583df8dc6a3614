package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Set;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * {@link QemuValidate}'s checks of video adapters, as libvirt's qemuValidateDomainDeviceDefVideo in
 * its words where it refuses too: the model and its device in this QEMU, secondary adapters (QXL and
 * virtio only), heads, QXL's VGA memory, the resolution, acceleration, the address. 3D acceleration is
 * refused up front: it needs a GL display on a host render node ({@code /dev/dri}), which the driver
 * does not build (QEMU would fail to start without). Stateless.
 */
final class VideoValidate {
    /** The models with a QEMU device. */
    static final Set<String> MODELS = Set.of("vga", "cirrus", "vmvga", "qxl", "virtio", "bochs", "ramfb", "none");

    private VideoValidate() {
    }

    static void check(Guest g) {
        String name = g.name();
        List<VideoDevice> videos = g.def().devices(VideoDevice.class);
        for (VideoDevice v : videos) {
            String type = VideoCommand.type(v, g);
            if (!MODELS.contains(type)) {
                throw Unsupported.config(name, "video model '" + type + "' is not supported by the QEMU driver"
                        + " (supported: " + String.join(", ", MODELS.stream().sorted().toList()) + ")");
            }
            if (type.equals("none")) {
                continue;
            }
            boolean multi = type.equals("qxl") || type.equals("virtio");
            if (!multi && !v.primary()) {
                throw Unsupported.config(name, "video type '" + type + "' is only valid as primary video device");
            }
            if (!multi && v.heads() != null && v.heads() != 1) {
                throw Unsupported.config(name, "video type '" + type + "' doesn't support multiple 'heads'");
            }
            String driver = VideoCommand.driver(v, g);
            // an emulator whose types were not probed is not asked
            if (driver == null || !g.emu().deviceTypes().isEmpty() && !g.emu().hasType(driver)) {
                throw Unsupported.config(name, "domain configuration does not support video model '" + type + "'");
            }
            if (type.equals("qxl") && v.vgamem() != null && v.vgamem() != 0
                    && (v.vgamem() < 1024 || Long.bitCount(v.vgamem()) != 1)) {
                throw Unsupported.config(name, v.vgamem() < 1024 ? "value for 'vgamem' must be at least 1 MiB"
                        + " (1024 KiB)" : "value for 'vgamem' must be power of two");
            }
            model(name, v, type);
            address(name, v, type);
        }
    }

    /**
     * What the model keeps unparsed in {@code <model>}: {@code vram64}, {@code <resolution>},
     * {@code <acceleration>}.
     */
    private static void model(String name, VideoDevice v, String type) {
        String vram64 = v.unknowns().attributesAt("model").get("vram64");
        if (vram64 != null && (!type.equals("qxl") || !vram64.matches("[0-9]{1,12}"))) {
            throw Unsupported.config(name, "video: vram64='" + vram64 + "' is supported for qxl only, in KiB");
        }
        XmlElement res = VideoCommand.resolution(v);
        if (res != null) {
            if (!Set.of("vga", "qxl", "virtio", "bochs").contains(type)) {
                throw Unsupported.invalid(name, "model resolution is not supported");
            }
            if (res.attribute("x") == null || res.attribute("y") == null || !res.attribute("x").matches("[0-9]{1,6}")
                    || !res.attribute("y").matches("[0-9]{1,6}") || !res.children().isEmpty()
                    || res.attributes().size() != 2) {
                throw Unsupported.invalid(name, "video <resolution> needs numbers x= and y=");
            }
        }
        XmlElement accel = acceleration(v);
        if (accel != null) {
            if (!Set.of("accel3d", "accel2d").containsAll(accel.attributes().keySet()) || !accel.children().isEmpty()) {
                throw Unsupported.config(name, "video <acceleration> with " + accel.attributes().keySet()
                        + " is not supported (accel3d, accel2d)");
            }
            if ("yes".equals(accel.attribute("accel2d"))) {
                throw Unsupported.config(name, "qemu does not support the accel2d setting");
            }
            if ("yes".equals(accel.attribute("accel3d"))) {
                if (!type.equals("virtio")) {
                    throw Unsupported.config(name, "3d acceleration is supported only with 'virtio' video device");
                }
                throw Unsupported.config(name, "3d acceleration (<acceleration accel3d='yes'>) needs an OpenGL"
                        + " display (egl-headless, or SDL or SPICE with gl) on a host render node, which the QEMU"
                        + " driver does not build");
            }
        }
    }

    private static void address(String name, VideoDevice v, String type) {
        if (v.address() == null) {
            return;
        }
        if (type.equals("ramfb")) {
            throw Unsupported.config(name, "'address' is not supported for 'ramfb' video devices");
        }
        String at = v.address().type();
        if (at.equals("pci")) {
            DeviceValidate.pciAddress(v.address());
        } else if (!(at.equals("virtio-mmio") && type.equals("virtio"))) {
            throw Unsupported.config(name, "video: address type '" + at + "' is not supported, only 'pci'");
        }
    }

    /** The adapter's {@code <model><acceleration>}, or null. */
    static XmlElement acceleration(VideoDevice v) {
        for (XmlElement e : v.unknowns().elementsAt("model")) {
            if (e.name().equals("acceleration")) {
                return e;
            }
        }
        return null;
    }

    /**
     * The adapter without what the command line reads of its unparsed {@code <model>}: {@code vram64},
     * {@code <resolution>}, {@code <acceleration>} (whose values {@link #check} refuses or honours).
     */
    static VideoDevice withoutHonoured(VideoDevice v) {
        if (v.unknowns().isEmpty()) {
            return v;
        }
        var u = v.unknowns().withoutAttribute("model", "vram64");
        List<XmlElement> atModel = u.elementsAt("model");
        if (atModel.stream().anyMatch(e -> Set.of("resolution", "acceleration").contains(e.name()))) {
            u = u.withElementsAt("model", atModel.stream()
                    .filter(e -> !e.name().equals("resolution") && !e.name().equals("acceleration")).toList());
        }
        return u == v.unknowns() ? v
                : new VideoDevice(v.modelType(), v.ram(), v.vram(), v.vgamem(), v.heads(), v.primary(), v.address(), u);
    }
}
