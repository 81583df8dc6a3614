package org.jvirt.model;

import java.util.Objects;
import org.jvirt.model.xml.XmlElement;

/**
 * A device of a kind the model does not understand ({@code <controller>}, {@code <tpm>},
 * {@code <video>}...), kept verbatim and written back unchanged. Its presence makes the domain
 * {@linkplain DomainDefinition#unmodelled() unmodelled} at {@code devices/<name>}.
 *
 * @param element the whole device element; never null
 *
 * @since 1.0
 */
public record UnknownDevice(XmlElement element) implements Device {

    public UnknownDevice {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String elementName() {
        return element.name();
    }

    /** Always null: the address stays inside {@link #element()}, uninterpreted. */
    @Override
    public DeviceAddress address() {
        return null;
    }

    /** Always empty: the whole device is unknown, see {@link #element()}. */
    @Override
    public Unknowns unknowns() {
        return Unknowns.NONE;
    }
}
