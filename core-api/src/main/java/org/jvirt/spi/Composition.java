package org.jvirt.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jvirt.api.Operation;

/**
 * How several drivers serve one URI scheme together — libvirt's {@code xen_unified.c} as data,
 * readable in one place instead of spread over the drivers. A jar provides it through a
 * {@link CompositionProvider}; the core, which knows no driver by import, follows it. A scheme
 * served by one driver needs none.
 *
 * <p>A composition names its <b>members</b>, each required (the connection fails to open without
 * it) or optional (it may be absent or decline), and says for every {@link Operation}:
 * <ul>
 *   <li>the <b>order</b> in which members serve it — members left out of an operation's order
 *       never serve it, even when they declare it;</li>
 *   <li>its <b>mode</b>: {@link Mode#FIRST_THAT_HANDLES} (the default: the first member that does
 *       not decline answers), {@link Mode#GATHER} (listings: every member answers, the core
 *       merges), or {@link Mode#CROSS_DRIVER} (one member's definition, another's action);</li>
 *   <li>for operations on one domain or network, whether the call goes first to the member that
 *       owns the object (the one whose answer made the handle: the default) or always in order.</li>
 * </ul>
 * A call a member declines ({@link DeclinedException}) goes on to the next member in the order.
 *
 * <p>Immutable and thread-safe; built with {@link #forScheme}, which checks it.
 *
 * @since 1.0
 */
public final class Composition {

    /** How the members serve one operation. */
    public enum Mode {
        /** The members are asked in order until one does not decline; its answer or error is the call's. */
        FIRST_THAT_HANDLES,
        /**
         * Every member in the order is asked and the core merges the answers (only listings:
         * {@link #GATHERABLE}). Domains and networks merge by UUID, the first member's reference
         * winning (and owning the handle); the filters of a list-all call, and whether a listed
         * domain is active or persistent, are then decided by the core through the connection's
         * routing, not by the member that listed it. Every listing of an area is computed from the
         * members' list-all answers ({@code virConnectListAllDomains} / {@code ...AllNetworks}).
         */
        GATHER,
        /**
         * First-that-handles, where the member named by {@link CrossDriver#definitionFrom()} takes
         * its turn through another: the core reads that member's definition and has
         * {@link CrossDriver#actionBy()} act on it (only {@link #CROSS_DRIVER_OPERATIONS}).
         */
        CROSS_DRIVER
    }

    /**
     * A member of the composition.
     *
     * @param driver the provider's {@link DriverProvider#name()}
     * @param required whether the connection fails to open without it
     */
    public record Member(String driver, boolean required) {
        public Member {
            Objects.requireNonNull(driver, "driver");
        }
    }

    /**
     * A cross-driver rule. For {@link Operation#DOMAIN_CREATE} (start a defined domain): the core
     * reads the domain's persistent definition from {@code definitionFrom}
     * ({@code virDomainGetXMLDesc} with INACTIVE and SECURE) and has {@code actionBy} create it
     * ({@code virDomainCreateXML} with the start's flags) — as libvirt starts an xm definition
     * through xend.
     *
     * @param definitionFrom the member holding the definition
     * @param actionBy the member that acts
     */
    public record CrossDriver(String definitionFrom, String actionBy) {
        public CrossDriver {
            Objects.requireNonNull(definitionFrom, "definitionFrom");
            Objects.requireNonNull(actionBy, "actionBy");
        }
    }

    /** The operations that may be gathered: the listings of domains and networks. */
    public static final Set<Operation> GATHERABLE = Collections.unmodifiableSet(EnumSet.of(
            Operation.CONNECT_LIST_ALL_DOMAINS, Operation.CONNECT_LIST_DOMAINS, Operation.CONNECT_NUM_OF_DOMAINS,
            Operation.CONNECT_LIST_DEFINED_DOMAINS, Operation.CONNECT_NUM_OF_DEFINED_DOMAINS,
            Operation.CONNECT_LIST_ALL_NETWORKS, Operation.CONNECT_LIST_NETWORKS, Operation.CONNECT_NUM_OF_NETWORKS,
            Operation.CONNECT_LIST_DEFINED_NETWORKS, Operation.CONNECT_NUM_OF_DEFINED_NETWORKS));

    /** The operations the core knows how to serve across two members (see {@link CrossDriver}). */
    public static final Set<Operation> CROSS_DRIVER_OPERATIONS =
            Collections.unmodifiableSet(EnumSet.of(Operation.DOMAIN_CREATE));

    private final String scheme;
    private final List<Member> members;
    private final Map<Operation, List<String>> orders;
    private final Map<Operation, Mode> modes;
    private final Map<Operation, CrossDriver> crossDrivers;
    private final Set<Operation> inOrder;

    private Composition(Builder b) {
        this.scheme = b.scheme;
        this.members = List.copyOf(b.members.values());
        this.orders = Collections.unmodifiableMap(new EnumMap<>(b.orders));
        this.modes = Collections.unmodifiableMap(new EnumMap<>(b.modes));
        this.crossDrivers = b.crossDrivers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(b.crossDrivers));
        this.inOrder = b.inOrder.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(b.inOrder));
    }

    /** Starts the composition of {@code scheme} (lower case, e.g. {@code xen}). */
    public static Builder forScheme(String scheme) {
        return new Builder(scheme);
    }

    /** The URI scheme this composition serves. */
    public String scheme() {
        return scheme;
    }

    /** The members, in the order they were named (which is the default order). */
    public List<Member> members() {
        return members;
    }

    /** The members serving {@code operation}, in the order they are asked; never null. */
    public List<String> order(Operation operation) {
        return orders.get(operation);
    }

    /** How the members serve {@code operation}. */
    public Mode mode(Operation operation) {
        return modes.getOrDefault(operation, Mode.FIRST_THAT_HANDLES);
    }

    /** The cross-driver rule of {@code operation}, when its mode is {@link Mode#CROSS_DRIVER}. */
    public Optional<CrossDriver> crossDriver(Operation operation) {
        return Optional.ofNullable(crossDrivers.get(operation));
    }

    /**
     * Whether a call of {@code operation} on a domain or network goes first to the member that owns
     * it (true, the default) rather than always in {@link #order} (see {@link Builder#inOrder}).
     */
    public boolean ownerFirst(Operation operation) {
        return !inOrder.contains(operation);
    }

    /** The composition as readable text: members, then each operation that is not served by default. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("composition of ").append(scheme).append(":///: ");
        List<String> named = new ArrayList<>();
        for (Member m : members) {
            named.add(m.driver() + (m.required() ? " (required)" : " (optional)"));
        }
        text.append(String.join(", ", named));
        List<String> defaultOrder = members.stream().map(Member::driver).toList();
        for (Operation op : Operation.values()) {
            List<String> order = order(op);
            Mode mode = mode(op);
            if (order.equals(defaultOrder) && mode == Mode.FIRST_THAT_HANDLES && ownerFirst(op)) {
                continue;
            }
            text.append("\n  ").append(op.libvirtName()).append(": ").append(mode.name().toLowerCase().replace('_', '-'))
                    .append(" over ").append(String.join(", ", order));
            crossDriver(op).ifPresent(c -> text.append(", ").append(c.definitionFrom()).append("'s definitions through ")
                    .append(c.actionBy()));
            if (!ownerFirst(op)) {
                text.append(", in order whoever owns the object");
            }
        }
        return text.toString();
    }

    /**
     * Builds a {@link Composition}. Rules apply in the order they are given, a later one
     * overriding an earlier one for the operations both name. Not thread-safe.
     */
    public static final class Builder {
        private final String scheme;
        private final Map<String, Member> members = new LinkedHashMap<>();
        private final Map<Operation, List<String>> orders = new EnumMap<>(Operation.class);
        private final Map<Operation, Mode> modes = new EnumMap<>(Operation.class);
        private final Map<Operation, CrossDriver> crossDrivers = new EnumMap<>(Operation.class);
        private final Set<Operation> inOrder = EnumSet.noneOf(Operation.class);

        private Builder(String scheme) {
            Objects.requireNonNull(scheme, "scheme");
            if (scheme.isEmpty() || !scheme.equals(scheme.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("a composition's scheme is lower case and not empty: '" + scheme + "'");
            }
            this.scheme = scheme;
        }

        /** Members the connection cannot open without, in the default order. */
        public Builder required(String... drivers) {
            return members(true, drivers);
        }

        /** Members that may be absent or decline, in the default order. */
        public Builder optional(String... drivers) {
            return members(false, drivers);
        }

        private Builder members(boolean required, String... drivers) {
            for (String d : drivers) {
                Objects.requireNonNull(d, "driver");
                if (members.putIfAbsent(d, new Member(d, required)) != null) {
                    throw new IllegalArgumentException("the composition of " + scheme + " names member '" + d + "' twice");
                }
            }
            return this;
        }

        /** Serves the operations {@code which} selects (e.g. {@code Operation::isMutating}) by these members, in this order. */
        public Builder order(Predicate<Operation> which, String... drivers) {
            List<String> order = List.of(drivers);
            for (Operation op : Operation.values()) {
                if (which.test(op)) {
                    orders.put(op, order);
                }
            }
            return this;
        }

        /** Serves {@code operation} by these members, in this order. */
        public Builder order(Operation operation, String... drivers) {
            Objects.requireNonNull(operation, "operation");
            return order(op -> op == operation, drivers);
        }

        /** Gathers the answers of every member in the operation's order (only {@link #GATHERABLE} operations). */
        public Builder gather(Operation... operations) {
            for (Operation op : operations) {
                if (!GATHERABLE.contains(op)) {
                    throw new IllegalArgumentException("the composition of " + scheme + " gathers " + op.libvirtName()
                            + ", which is no listing; gatherable: " + names(GATHERABLE));
                }
                modes.put(op, Mode.GATHER);
            }
            return this;
        }

        /**
         * Serves {@code operation} on the objects of {@code definitionFrom} through
         * {@code actionBy} (only {@link #CROSS_DRIVER_OPERATIONS}): {@code definitionFrom} takes
         * its place in the operation's order (last when the order leaves it out).
         */
        public Builder crossDriver(Operation operation, String definitionFrom, String actionBy) {
            if (!CROSS_DRIVER_OPERATIONS.contains(operation)) {
                throw new IllegalArgumentException("the composition of " + scheme + " serves " + operation.libvirtName()
                        + " across drivers; the core can do so for: " + names(CROSS_DRIVER_OPERATIONS));
            }
            modes.put(operation, Mode.CROSS_DRIVER);
            crossDrivers.put(operation, new CrossDriver(definitionFrom, actionBy));
            return this;
        }

        /**
         * Calls of the operations {@code which} selects go to the members in order even on an object
         * another member owns — for reads that must come from the hypervisor first, say, because the
         * owner of a definition may not know its running state.
         */
        public Builder inOrder(Predicate<Operation> which) {
            for (Operation op : Operation.values()) {
                if (which.test(op)) {
                    inOrder.add(op);
                }
            }
            return this;
        }

        /**
         * The composition.
         *
         * @throws IllegalArgumentException naming the problem when there are no members, a rule names
         *     a driver that is no member, or a cross-driver rule's members are the same
         */
        public Composition build() {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("the composition of " + scheme + " has no members");
            }
            List<String> defaultOrder = List.copyOf(members.keySet());
            for (Operation op : Operation.values()) {
                List<String> order = orders.computeIfAbsent(op, o -> defaultOrder);
                for (String d : order) {
                    requireMember(d, op.libvirtName());
                }
            }
            for (Map.Entry<Operation, CrossDriver> e : crossDrivers.entrySet()) {
                CrossDriver rule = e.getValue();
                requireMember(rule.definitionFrom(), e.getKey().libvirtName());
                requireMember(rule.actionBy(), e.getKey().libvirtName());
                if (rule.definitionFrom().equals(rule.actionBy())) {
                    throw new IllegalArgumentException("the composition of " + scheme + " serves "
                            + e.getKey().libvirtName() + " across drivers with one member, '" + rule.actionBy() + "'");
                }
                if (!orders.get(e.getKey()).contains(rule.definitionFrom())) {
                    List<String> order = new ArrayList<>(orders.get(e.getKey()));
                    order.add(rule.definitionFrom());
                    orders.put(e.getKey(), List.copyOf(order));
                }
            }
            return new Composition(this);
        }

        private void requireMember(String driver, String where) {
            if (!members.containsKey(driver)) {
                throw new IllegalArgumentException("the composition of " + scheme + " names '" + driver + "' for "
                        + where + ", but its members are " + String.join(", ", members.keySet()));
            }
        }

        private static String names(Set<Operation> operations) {
            return String.join(", ", operations.stream().map(Operation::libvirtName).toList());
        }
    }
}
