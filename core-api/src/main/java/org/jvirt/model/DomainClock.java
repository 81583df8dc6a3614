package org.jvirt.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jvirt.model.xml.XmlElement;

/**
 * A domain's {@code <clock>}: how the guest's clock relates to the host's.
 *
 * @param offset {@code utc}, {@code localtime}, {@code timezone} or {@code variable}; never null
 * @param attributes the other attributes verbatim, in order ({@code timezone=},
 *                   {@code adjustment=}, {@code basis=}...); never null, unmodifiable
 * @param timers the child elements ({@code <timer>}s) verbatim; never null, unmodifiable
 *
 * @since 1.0
 */
public record DomainClock(String offset, Map<String, String> attributes, List<XmlElement> timers) {
    /** libvirt's default: the guest clock is UTC, no timers. */
    public static final DomainClock UTC = of("utc");

    public DomainClock {
        Objects.requireNonNull(offset, "offset");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(attributes, "attributes")));
        timers = List.copyOf(Objects.requireNonNull(timers, "timers"));
    }

    /** A clock with this offset and nothing else. */
    public static DomainClock of(String offset) {
        return new DomainClock(offset, Map.of(), List.of());
    }
}
