package org.jvirt.api;

import java.util.Objects;

/**
 * A named value, as libvirt's {@code virTypedParameter} (scheduler parameters and the like).
 *
 * @param name the parameter's field name, never null
 * @param value an {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or {@link String}, never null
 *
 * @since 1.0
 */
public record TypedParameter(String name, Object value) {
    public TypedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!(value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("unsupported typed parameter value type " + value.getClass().getName());
        }
    }
}
