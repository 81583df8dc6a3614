package org.jvirt.model;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * A network {@code <interface>}. Drivers match interfaces by {@link #mac()} (for detach).
 *
 * @param type {@code network}, {@code bridge}, {@code user}, {@code ethernet}, {@code direct}...;
 *             null takes libvirt's default, {@code user}; never null after construction
 * @param mac the MAC address in libvirt's canonical lower-case form, or null when the
 *            hypervisor is to choose one
 * @param sourceNetwork {@code <source network=>}, the libvirt network to join, or null
 * @param sourceBridge {@code <source bridge=>}, the host bridge to join, or null
 * @param targetDev {@code <target dev=>}, the host-side device name, or null
 * @param model {@code <model type=>} ({@code virtio}, {@code e1000}...), or null
 * @param script {@code <script path=>}, Xen's vif script, or null
 * @param ip {@code <ip address=>}, the guest's address for routed set-ups, or null
 * @param address the device address, or null
 * @param unknowns what the model does not understand inside the element; null means none
 * @throws VirtException INVALID_ARG when {@code mac} is not a MAC address
 *
 * @since 1.0
 */
public record InterfaceDevice(String type, String mac, String sourceNetwork, String sourceBridge,
                              String targetDev, String model, String script, String ip,
                              DeviceAddress address, Unknowns unknowns) implements Device {

    public InterfaceDevice {
        type = type == null ? "user" : type;
        if (mac != null) {
            try {
                mac = XmlValues.mac(mac, ErrorDomain.DOMAIN);
            } catch (VirtException e) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                        "invalid MAC address '" + mac + "'");
            }
        }
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this interface's values. */
    public Builder toBuilder() {
        return new Builder().type(type).mac(mac).sourceNetwork(sourceNetwork).sourceBridge(sourceBridge)
                .targetDev(targetDev).model(model).script(script).ip(ip).address(address)
                .unknowns(unknowns);
    }

    @Override
    public String elementName() {
        return "interface";
    }

    /** Builds an {@link InterfaceDevice}; not thread-safe. */
    public static final class Builder {
        private String type;
        private String mac;
        private String sourceNetwork;
        private String sourceBridge;
        private String targetDev;
        private String model;
        private String script;
        private String ip;
        private DeviceAddress address;
        private Unknowns unknowns = Unknowns.NONE;

        private Builder() {
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder mac(String value) {
            this.mac = value;
            return this;
        }

        public Builder sourceNetwork(String value) {
            this.sourceNetwork = value;
            return this;
        }

        public Builder sourceBridge(String value) {
            this.sourceBridge = value;
            return this;
        }

        public Builder targetDev(String value) {
            this.targetDev = value;
            return this;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder script(String value) {
            this.script = value;
            return this;
        }

        public Builder ip(String value) {
            this.ip = value;
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

        /** @throws VirtException INVALID_ARG when the MAC address is malformed */
        public InterfaceDevice build() {
            return new InterfaceDevice(type, mac, sourceNetwork, sourceBridge, targetDev, model,
                    script, ip, address, unknowns);
        }
    }
}
