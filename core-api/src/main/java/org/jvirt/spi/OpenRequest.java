package org.jvirt.spi;

import java.util.Objects;

/**
 * What the core hands a provider when asking it to open a connection.
 *
 * @param uri the parsed URI, never null
 * @param readOnly whether the connection was opened read-only (the core enforces it as well)
 * @param events where the opened driver reports lifecycle events, never null
 *
 * @since 1.0
 */
public record OpenRequest(ConnectUri uri, boolean readOnly, DomainEventSink events) {
    public OpenRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(events, "events");
    }
}
