package org.jvirt.driver.qemu.qmp;

import java.util.Map;
import java.util.Objects;

/**
 * An asynchronous QMP event.
 *
 * @param name the event name, such as {@code STOP} or {@code SHUTDOWN}; never null
 * @param data the event's {@code data} member, empty when it had none; never null
 * @param timestampMicros QEMU's timestamp in microseconds since the epoch, or 0 when absent
 */
public record QmpEvent(String name, Map<String, Object> data, long timestampMicros) {
    public QmpEvent {
        Objects.requireNonNull(name, "name");
        data = Map.copyOf(data == null ? Map.of() : nonNull(data));
    }

    private static Map<String, Object> nonNull(Map<String, Object> data) {
        // Map.copyOf refuses null values; JSON null members are dropped.
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** A string member of the data, or null. */
    public String string(String key) {
        Object v = data.get(key);
        return v instanceof String s ? s : null;
    }

    /** A boolean member of the data, or {@code dflt} when absent. */
    public boolean bool(String key, boolean dflt) {
        Object v = data.get(key);
        return v instanceof Boolean b ? b : dflt;
    }

    /** A number member of the data, or {@code dflt} when absent. */
    public long number(String key, long dflt) {
        Object v = data.get(key);
        return v instanceof Number n ? n.longValue() : dflt;
    }
}
