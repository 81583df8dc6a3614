package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * A {@code <graphics>} console: VNC, SDL or SPICE. The password is secret:
 * {@link DomainXml#format} writes it only when asked for secure output.
 *
 * @param type {@code vnc}, {@code sdl}, {@code spice}, {@code rdp}...; never null
 * @param port the TCP port, {@code -1} for "choose one", or null
 * @param autoport whether the hypervisor chooses the port ({@code autoport='yes'}), or null when not said
 * @param listen the {@code listen=} address, or null; libvirt mirrors the first address listen here
 * @param listens the {@code <listen>} elements in order; never null, unmodifiable
 * @param keymap the keyboard layout ({@code en-us}, {@code ja}...), or null
 * @param passwd the console password, or null
 * @param address the device address, or null
 * @param unknowns what the model does not understand inside the element; null means none
 * @throws VirtException INVALID_ARG when {@code type} is null
 *
 * @since 1.0
 */
public record GraphicsDevice(String type, Integer port, Boolean autoport, String listen,
                             List<GraphicsListen> listens, String keymap, String passwd, DeviceAddress address,
                             Unknowns unknowns)
        implements Device {

    public GraphicsDevice {
        if (type == null) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, "a graphics device needs a type");
        }
        listens = List.copyOf(Objects.requireNonNull(listens, "listens"));
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** A new builder for a console of this type ({@code vnc}, {@code sdl}, {@code spice}). */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** A builder holding this console's values. */
    public Builder toBuilder() {
        return new Builder(type).port(port).autoport(autoport).listen(listen).listens(listens).keymap(keymap)
                .passwd(passwd).address(address).unknowns(unknowns);
    }

    @Override
    public String elementName() {
        return "graphics";
    }

    @Override
    public String toString() {
        // Keep the password out of logs.
        return "GraphicsDevice[type=" + type + ", port=" + port + ", autoport=" + autoport
                + ", listen=" + listen + ", listens=" + listens + ", keymap=" + keymap + ", passwd="
                + (passwd == null ? "null" : "***") + ", address=" + address + ", unknowns="
                + unknowns + "]";
    }

    /** Builds a {@link GraphicsDevice}; not thread-safe. */
    public static final class Builder {
        private final String type;
        private Integer port;
        private Boolean autoport;
        private String listen;
        private List<GraphicsListen> listens = List.of();
        private String keymap;
        private String passwd;
        private DeviceAddress address;
        private Unknowns unknowns = Unknowns.NONE;

        private Builder(String type) {
            this.type = type;
        }

        public Builder port(Integer value) {
            this.port = value;
            return this;
        }

        public Builder autoport(Boolean value) {
            this.autoport = value;
            return this;
        }

        public Builder listen(String value) {
            this.listen = value;
            return this;
        }

        public Builder listens(List<GraphicsListen> value) {
            this.listens = value;
            return this;
        }

        public Builder keymap(String value) {
            this.keymap = value;
            return this;
        }

        public Builder passwd(String value) {
            this.passwd = value;
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

        public GraphicsDevice build() {
            return new GraphicsDevice(type, port, autoport, listen, listens, keymap, passwd, address, unknowns);
        }
    }
}
