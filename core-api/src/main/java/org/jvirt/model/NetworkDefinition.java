package org.jvirt.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The definition of a virtual network, as libvirt's network XML describes it: a host bridge,
 * how it reaches the outside ({@code <forward>}), and its addresses with DHCP.
 *
 * <p>Immutable, safe to share between threads, equal by value. Build one with
 * {@link #builder()}, read and write XML with {@link NetworkXml}. What the model does not
 * understand is kept in {@link #unknowns()} and the {@link NetworkIp#unknowns()}, and listed by
 * {@link #unmodelled()}. Accessors never return null unless they say so.
 *
 * @since 1.0
 */
public final class NetworkDefinition {
    private final String name;
    private final UUID uuid;
    private final String forwardMode;
    private final String forwardDev;
    private final String bridgeName;
    private final boolean stp;
    private final long delay;
    private final String mac;
    private final String domainName;
    private final List<NetworkIp> ips;
    private final Unknowns unknowns;

    private NetworkDefinition(Builder b) {
        name = b.name;
        uuid = b.uuid;
        forwardMode = b.forwardMode;
        forwardDev = b.forwardDev;
        bridgeName = b.bridgeName;
        stp = b.stp;
        delay = b.delay;
        mac = b.mac;
        domainName = b.domainName;
        ips = List.copyOf(b.ips);
        unknowns = b.unknowns;
    }

    /** A builder for an isolated network (no forward), with STP on and no forward delay. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every value of this definition. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).uuid(uuid).forward(forwardMode, forwardDev)
                .bridge(bridgeName, stp, delay).mac(mac).domainName(domainName).unknowns(unknowns);
        b.ips.addAll(ips);
        return b;
    }

    public String name() {
        return name;
    }

    /** The UUID, or null when the definition has none (the driver then assigns one). */
    public UUID uuid() {
        return uuid;
    }

    /** {@code <forward mode=>}: {@code nat}, {@code route}, {@code bridge}, {@code open}...; null for an isolated network. */
    public String forwardMode() {
        return forwardMode;
    }

    /** {@code <forward dev=>}, the host interface traffic leaves by, or null for any. */
    public String forwardDev() {
        return forwardDev;
    }

    /** The host bridge's name, or null to let the driver choose. */
    public String bridgeName() {
        return bridgeName;
    }

    /** Whether the bridge runs the spanning tree protocol ({@code stp='on'}, the default). */
    public boolean stp() {
        return stp;
    }

    /** The bridge's forward delay in seconds. */
    public long delay() {
        return delay;
    }

    /** The bridge's MAC address, or null. */
    public String mac() {
        return mac;
    }

    /** The DNS domain of the guests ({@code <domain name=>}), or null. */
    public String domainName() {
        return domainName;
    }

    /** The {@code <ip>} blocks in order. */
    public List<NetworkIp> ips() {
        return ips;
    }

    /**
     * What the model does not understand at network level (locations {@code ""},
     * {@code forward}, {@code bridge}, {@code mac}, {@code domain}...).
     */
    public Unknowns unknowns() {
        return unknowns;
    }

    /** Human-readable paths of everything kept but not understood ({@code dns}, {@code ip/tftp}...); each once. */
    public List<String> unmodelled() {
        Set<String> paths = new LinkedHashSet<>(unknowns.paths(""));
        for (NetworkIp ip : ips) {
            paths.addAll(ip.unknowns().paths("ip"));
        }
        return List.copyOf(paths);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkDefinition n && stp == n.stp && delay == n.delay
                && name.equals(n.name) && Objects.equals(uuid, n.uuid)
                && Objects.equals(forwardMode, n.forwardMode) && Objects.equals(forwardDev, n.forwardDev)
                && Objects.equals(bridgeName, n.bridgeName) && Objects.equals(mac, n.mac)
                && Objects.equals(domainName, n.domainName) && ips.equals(n.ips)
                && unknowns.equals(n.unknowns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, uuid, forwardMode, forwardDev, bridgeName, stp, delay, mac,
                domainName, ips, unknowns);
    }

    /** The XML, as {@link NetworkXml#format} writes it. */
    @Override
    public String toString() {
        return NetworkXml.format(this);
    }

    /** Collects a {@link NetworkDefinition}; the name is required. Not thread-safe. */
    public static final class Builder {
        private String name;
        private UUID uuid;
        private String forwardMode;
        private String forwardDev;
        private String bridgeName;
        private boolean stp = true;
        private long delay;
        private String mac;
        private String domainName;
        private final List<NetworkIp> ips = new ArrayList<>();
        private Unknowns unknowns = Unknowns.NONE;

        private Builder() {
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder uuid(UUID value) {
            this.uuid = value;
            return this;
        }

        /** Sets {@code <forward mode= dev=>}; a null mode makes the network isolated. */
        public Builder forward(String mode, String dev) {
            this.forwardMode = mode;
            this.forwardDev = dev;
            return this;
        }

        /** Sets {@code <bridge name= stp= delay=>}. */
        public Builder bridge(String bridge, boolean spanningTree, long forwardDelay) {
            this.bridgeName = bridge;
            this.stp = spanningTree;
            this.delay = forwardDelay;
            return this;
        }

        public Builder mac(String value) {
            this.mac = value;
            return this;
        }

        public Builder domainName(String value) {
            this.domainName = value;
            return this;
        }

        /** Replaces the {@code <ip>} blocks. */
        public Builder ips(List<NetworkIp> value) {
            ips.clear();
            ips.addAll(value);
            return this;
        }

        public Builder addIp(NetworkIp value) {
            ips.add(Objects.requireNonNull(value, "ip"));
            return this;
        }

        public Builder unknowns(Unknowns value) {
            this.unknowns = value;
            return this;
        }

        /**
         * @throws VirtException NO_NAME when the name is missing or empty; INVALID_ARG when
         *                       the delay is negative or the unknowns are null
         */
        public NetworkDefinition build() {
            if (name == null || name.isEmpty()) {
                throw new VirtException(ErrorCode.NO_NAME, ErrorDomain.NETWORK, "missing network name");
            }
            if (delay < 0 || unknowns == null) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NETWORK, "network '" + name
                        + "': the bridge delay cannot be negative and unknowns cannot be null");
            }
            return new NetworkDefinition(this);
        }
    }
}
