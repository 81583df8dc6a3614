package org.jvirt.spi;

import java.util.Objects;
import org.jvirt.api.VirtException;

/**
 * A provider's answer to {@link DriverProvider#open}: libvirt's {@code VIR_DRV_OPEN_SUCCESS},
 * {@code _DECLINED} and {@code _ERROR}. ACCEPTED joins the connection, DECLINED lets the core
 * ask the next provider, ERROR stops probing and fails the open with that error.
 *
 * @since 1.0
 */
public sealed interface OpenResult {

    /** The driver serves this connection. */
    record Accepted(Driver driver) implements OpenResult {
        public Accepted {
            Objects.requireNonNull(driver, "driver");
        }
    }

    /** Not this provider's URI; {@code reason} says why, for the core's NO_CONNECT message. */
    record Declined(String reason) implements OpenResult {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The URI is this provider's but cannot be opened. */
    record Failed(VirtException error) implements OpenResult {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    static OpenResult accepted(Driver driver) {
        return new Accepted(driver);
    }

    static OpenResult declined(String reason) {
        return new Declined(reason);
    }

    static OpenResult failed(VirtException error) {
        return new Failed(error);
    }
}
