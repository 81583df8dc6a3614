package org.jvirt.driver.xm.domain;

import java.util.Objects;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.VideoDevice;

/**
 * The video adapter libvirt 9's Xen driver makes of one that says little
 * ({@code libxlDomainDeviceDefPostParse}): the model Xen emulates ({@code xen} for a paravirtual
 * guest's framebuffer, {@code cirrus} for an HVM guest), and in an HVM guest the video memory its
 * device model gives that model — less with Xen's traditional {@code qemu-dm} than with upstream
 * QEMU. Stateless.
 */
final class XenVideo {
    private XenVideo() {
    }

    static VideoDevice withDefaults(VideoDevice video, DomainDefinition def) {
        boolean hvm = XmRules.hvm(def);
        String model = video.modelType() != null ? video.modelType() : hvm ? "cirrus" : "xen";
        Long vram = video.vram();
        if (hvm && (vram == null || vram == 0)) {
            boolean traditional = traditional(def.emulator());
            vram = switch (model) {
                case "vga", "xen" -> traditional ? 8 * 1024L : 16 * 1024L;
                case "cirrus" -> traditional ? 4 * 1024L : 8 * 1024L;
                case "qxl" -> 128 * 1024L;
                default -> vram;
            };
        }
        if (model.equals(video.modelType()) && Objects.equals(vram, video.vram())) {
            return video;
        }
        return video.with(model, video.ram(), vram, video.heads(), video.primary());
    }

    /**
     * Whether the emulator is Xen's traditional device model, which libvirt recognises by running
     * it ({@code libxlDomainGetEmulatorType}); the rules run nothing and go by its name.
     */
    private static boolean traditional(String emulator) {
        return emulator != null && emulator.substring(emulator.lastIndexOf('/') + 1).equals("qemu-dm");
    }
}
