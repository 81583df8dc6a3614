package org.jvirt.driver.qemu.domain;

import java.util.List;
import org.jvirt.model.Device;
import org.jvirt.model.GraphicsDevice;

/**
 * The audio backend libvirt's QEMU driver gives a definition without one
 * (qemuDomainDefSuggestDefaultAudioBackend), with qemu.conf's defaults (no host audio for VNC
 * or for a guest without graphics) and without {@code QEMU_AUDIO_DRV} in the environment: the last
 * graphics decide — VNC has none, SPICE carries the sound, SDL would play on the host, which
 * without {@code QEMU_AUDIO_DRV} means no backend at all; a guest without graphics has none.
 * Stateless.
 */
final class DefaultAudio {
    private DefaultAudio() {
    }

    /** The {@code <audio type=>} to add, or null to add none. */
    static String backend(List<Device> devices) {
        boolean graphics = false;
        String backend = "none";
        boolean hostAudio = false;
        for (Device d : devices) {
            if (d instanceof GraphicsDevice g) {
                graphics = true;
                switch (g.type()) {
                    case "vnc" -> {
                        backend = "none";
                        hostAudio = false;
                    }
                    case "spice" -> {
                        backend = "spice";
                        hostAudio = false;
                    }
                    case "sdl" -> hostAudio = true;
                    default -> {
                        // rdp, desktop, egl-headless, dbus choose nothing
                    }
                }
            }
        }
        if (!graphics) {
            return "none";
        }
        boolean chosen = devices.stream().anyMatch(d -> d instanceof GraphicsDevice g
                && (g.type().equals("vnc") || g.type().equals("spice") || g.type().equals("sdl")));
        if (!chosen || hostAudio) {
            // Host audio without QEMU_AUDIO_DRV: libvirt adds no backend.
            return null;
        }
        return backend;
    }
}
