package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * A character device: {@code <serial>}, {@code <console>}, {@code <parallel>} or
 * {@code <channel>}, backed on the host by a pty, file, socket and so on.
 *
 * @param kind the element name: {@code serial}, {@code console}, {@code parallel} or {@code channel}
 * @param type the host side: {@code pty}, {@code file}, {@code unix}, {@code tcp}, {@code udp},
 *             {@code null}, {@code stdio}, {@code pipe}, {@code dev}, {@code vc}...; null takes
 *             libvirt's default, {@code pty}; never null after construction
 * @param tty the {@code tty=} attribute, the allocated pty of a running domain, or null
 * @param sources the {@code <source>} elements in order; never null, unmodifiable
 * @param protocol {@code <protocol type=>} of a TCP device ({@code raw}, {@code telnet}...), or null
 * @param targetType {@code <target type=>} ({@code serial}, {@code virtio}, {@code isa-serial}...), or null
 * @param targetPort {@code <target port=>}, or null
 * @param address the device address, or null
 * @param unknowns what the model does not understand inside the element; null means none
 * @throws VirtException INVALID_ARG when {@code kind} is not one of the four
 *
 * @since 1.0
 */
public record CharDevice(String kind, String type, String tty, List<CharSource> sources,
                         String protocol, String targetType, Integer targetPort,
                         DeviceAddress address, Unknowns unknowns) implements Device {

    /** The element names of character devices. */
    public static final Set<String> KINDS = Set.of("serial", "console", "parallel", "channel");

    public CharDevice {
        if (!KINDS.contains(kind)) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                    "not a character device kind: '" + kind + "', expecting one of " + KINDS);
        }
        type = type == null ? "pty" : type;
        sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** A new builder for a device of this kind. */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** A builder holding this device's values. */
    public Builder toBuilder() {
        return new Builder(kind).type(type).tty(tty).sources(sources).protocol(protocol)
                .target(targetType, targetPort).address(address).unknowns(unknowns);
    }

    @Override
    public String elementName() {
        return kind;
    }

    /** Builds a {@link CharDevice}; not thread-safe. */
    public static final class Builder {
        private final String kind;
        private String type;
        private String tty;
        private List<CharSource> sources = List.of();
        private String protocol;
        private String targetType;
        private Integer targetPort;
        private DeviceAddress address;
        private Unknowns unknowns = Unknowns.NONE;

        private Builder(String kind) {
            this.kind = kind;
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder tty(String value) {
            this.tty = value;
            return this;
        }

        public Builder sources(List<CharSource> value) {
            this.sources = value;
            return this;
        }

        /** Replaces the sources with this one. */
        public Builder source(CharSource value) {
            this.sources = List.of(value);
            return this;
        }

        public Builder protocol(String value) {
            this.protocol = value;
            return this;
        }

        /** Sets {@code <target type= port=>}; either may be null. */
        public Builder target(String targetTypeValue, Integer port) {
            this.targetType = targetTypeValue;
            this.targetPort = port;
            return this;
        }

        public Builder address(DeviceAddress value) {
            this.address = value;
            return this;
        }

        public Builder unknowns(Unknowns value) {
            this.unknowns = value;
            return this;
        }

        /** @throws VirtException INVALID_ARG when the kind is not a character device */
        public CharDevice build() {
            return new CharDevice(kind, type, tty, sources, protocol, targetType, targetPort,
                    address, unknowns);
        }
    }
}
