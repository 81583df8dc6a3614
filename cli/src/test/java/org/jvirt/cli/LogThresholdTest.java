package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** jvirsh logs as virsh does: warnings and up by default, LIBVIRT_DEBUG's levels when it is set. */
class LogThresholdTest {
    private final Level before = Logger.getLogger("").getLevel();
    private final Map<Handler, Level> handlers = new HashMap<>();

    {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            handlers.put(h, h.getLevel());
        }
    }

    @AfterEach
    void restore() {
        Logger.getLogger("").setLevel(before);
        handlers.forEach(Handler::setLevel);
    }

    @Test
    void warningsByDefaultAndLibvirtDebugLevelsOtherwise() {
        Main.logThreshold(null);
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.WARNING);
        assertThat(Logger.getLogger("org.jvirt.driver.qemu.QemuNode").isLoggable(Level.INFO)).isFalse();
        Main.logThreshold("2");
        assertThat(Logger.getLogger("org.jvirt.driver.qemu.QemuNode").isLoggable(Level.INFO)).isTrue();
        Main.logThreshold("1");
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.FINE);
        Main.logThreshold("4");
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.SEVERE);
        Main.logThreshold("bogus");
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.WARNING);
    }
}
