package org.jvirt.core.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Flag;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.spi.Composition;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.Driver;
import org.jvirt.spi.FlaggedBinding;
import org.jvirt.spi.OperationBinding;

/**
 * The gate every call of a connection passes: refuses calls on a closed connection, mutations on a
 * read-only one, operations no driver declares (NO_SUPPORT, raised here — the driver is never
 * reached) and flags no driver honours (INVALID_ARG, as libvirt's {@code virCheckFlags}); then
 * serves the call as the connection's {@link Composition} says — by default the first driver that
 * does not decline, starting with the one that owns the object the call is about.
 *
 * <p>Calls name their operation by its {@link OperationBinding}, so the interface a driver is cast
 * to is the one that declares the operation. Thread-safe; the routes are fixed when the connection
 * opens.
 */
public final class Router {
    private final List<Driver> drivers;
    private final Route[] routes;
    private final boolean readOnly;
    private final String uri;
    private volatile boolean closed;

    /**
     * @param drivers the drivers that accepted the connection, in probing order
     * @param composition how they serve the scheme together, or null: every operation first-that-handles
     *     in probing order, calls on an object to its owner first
     * @param readOnly whether mutations are refused
     * @param uri the connection's URI, for messages
     */
    public Router(List<Driver> drivers, Composition composition, boolean readOnly, String uri) {
        this.drivers = List.copyOf(drivers);
        this.readOnly = readOnly;
        this.uri = uri;
        Map<String, Driver> byName = new HashMap<>();
        for (Driver d : this.drivers) {
            byName.put(d.name(), d);
        }
        Operation[] ops = Operation.values();
        this.routes = new Route[ops.length];
        for (Operation op : ops) {
            routes[op.ordinal()] = composition == null
                    ? Route.inProbingOrder(op, this.drivers)
                    : Route.composed(op, composition, byName);
        }
    }

    // ---- first-that-handles -------------------------------------------------------------------

    /** Calls {@code call} on the first driver serving {@code op} that handles it, and returns its answer. */
    public <I, R> R call(OperationBinding<I> op, Function<? super I, ? extends R> call) {
        return route(op, null, call).value();
    }

    /** As {@link #call(OperationBinding, Function)}, on an object {@code owner} owns (null: unknown). */
    public <I, R> R call(OperationBinding<I> op, Driver owner, Function<? super I, ? extends R> call) {
        return route(op, owner, call).value();
    }

    /** As {@link #call(OperationBinding, Driver, Function)} for operations without an answer. */
    public <I> void run(OperationBinding<I> op, Driver owner, Consumer<? super I> action) {
        route(op, owner, driver -> {
            action.accept(driver);
            return null;
        });
    }

    /** As {@link #call(OperationBinding, Driver, Function)}, also saying which driver answered. */
    public <I, R> Routed<R> route(OperationBinding<I> op, Driver owner, Function<? super I, ? extends R> call) {
        return invoke(op, owner, null, (driver, none) -> call.apply(driver), null);
    }

    /**
     * Calls {@code call} with {@code flags} on the first driver serving {@code op} that honours them
     * and handles the call; INVALID_ARG, as libvirt's {@code virCheckFlags}, when none honours them.
     */
    public <I, F extends Enum<F> & Flag, R> Routed<R> route(FlaggedBinding<I, F> op, Driver owner, Set<F> flags,
                                                           BiFunction<? super I, Set<F>, ? extends R> call) {
        return invoke(op, owner, flags, call, null);
    }

    /** As {@link #route(FlaggedBinding, Driver, Set, BiFunction)}, returning the answer alone. */
    public <I, F extends Enum<F> & Flag, R> R call(FlaggedBinding<I, F> op, Driver owner, Set<F> flags,
                                                  BiFunction<? super I, Set<F>, ? extends R> call) {
        return invoke(op, owner, flags, call, null).value();
    }

    /** As {@link #call(FlaggedBinding, Driver, Set, BiFunction)} for operations without an answer. */
    public <I, F extends Enum<F> & Flag> void run(FlaggedBinding<I, F> op, Driver owner, Set<F> flags,
                                                 BiConsumer<? super I, Set<F>> action) {
        invoke(op, owner, flags, (driver, f) -> {
            action.accept(driver, f);
            return null;
        }, null);
    }

    /**
     * As {@link #run(FlaggedBinding, Driver, Set, BiConsumer)} for an operation the composition may
     * serve across drivers: where the route holds a cross-driver step, {@code across} performs it.
     */
    public <I, F extends Enum<F> & Flag> void run(FlaggedBinding<I, F> op, Driver owner, Set<F> flags,
                                                 BiConsumer<? super I, Set<F>> action, CrossDriverCall<F> across) {
        invoke(op, owner, flags, (driver, f) -> {
            action.accept(driver, f);
            return null;
        }, across);
    }

    /** Performs a cross-driver step: {@code source} holds the definition, {@code actor} acts. */
    @FunctionalInterface
    public interface CrossDriverCall<F> {
        void perform(Driver source, Driver actor, Set<F> flags);
    }

    private <I, F, R> Routed<R> invoke(OperationBinding<I> op, Driver owner, Set<F> flags,
                                       BiFunction<? super I, Set<F>, ? extends R> call, CrossDriverCall<F> across) {
        Route route = admit(op.operation());
        Step[] steps = route.steps;
        int first = route.ownerFirst && owner != null ? route.indexOf(owner) : -1;
        boolean checkFlags = flags != null && !flags.isEmpty();
        DeclinedException declined = null;
        Driver decliner = null;
        for (int i = first < 0 ? 0 : -1; i < steps.length; i++) {
            if (i == first) {
                continue;
            }
            Step step = steps[i < 0 ? first : i];
            if (checkFlags && !step.honoured().containsAll(flags)) {
                continue;
            }
            try {
                R value;
                if (step.actor == null) {
                    value = call.apply(op.declaredBy().cast(step.driver), flags);
                } else {
                    across.perform(step.driver, step.actor, flags);
                    value = null;
                }
                return new Routed<>(value, step.driver);
            } catch (DeclinedException e) {
                declined = e;
                decliner = step.driver;
            } catch (VirtException e) {
                throw e.attributedTo((step.actor == null ? step.driver : step.actor).name());
            }
        }
        if (declined != null) {
            throw declined.ifNobodyHandles().attributedTo(decliner.name());
        }
        throw unsupportedFlags(op.operation(), steps, flags);
    }

    // ---- gather -------------------------------------------------------------------------------

    /** Whether the composition gathers {@code op} from every member rather than asking the first. */
    public boolean gathers(Operation op) {
        return routes[op.ordinal()].mode == Composition.Mode.GATHER;
    }

    /**
     * The answers of every driver serving the gathered listing {@code asked}, in its order, each with
     * its driver; a driver that declines contributes nothing, an error fails the whole call. Every
     * listing of an area is gathered from the members' list-all answers: {@code answeredBy} is the
     * area's list-all binding.
     */
    public <I, R> List<Routed<R>> gather(Operation asked, OperationBinding<I> answeredBy,
                                         Function<? super I, ? extends R> call) {
        if (gatheredFrom(asked) != answeredBy.operation()) {
            throw new IllegalArgumentException(asked + " is gathered from " + gatheredFrom(asked));
        }
        Route route = admit(asked);
        List<Routed<R>> answers = new ArrayList<>(route.steps.length);
        for (Step step : route.steps) {
            if (step.actor != null) {
                continue;
            }
            try {
                answers.add(new Routed<>(call.apply(answeredBy.declaredBy().cast(step.driver)), step.driver));
            } catch (DeclinedException e) {
                // not this member's: it contributes nothing
            } catch (VirtException e) {
                throw e.attributedTo(step.driver.name());
            }
        }
        return answers;
    }

    /**
     * The drivers serving {@code op}, in the order they are asked, after the same checks as
     * {@link #call}: for operations whose driver depends on an argument (a native format, say).
     */
    public <I> List<I> serving(OperationBinding<I> op) {
        Route route = admit(op.operation());
        List<I> serving = new ArrayList<>(route.steps.length);
        for (Step step : route.steps) {
            if (step.actor == null) {
                serving.add(op.declaredBy().cast(step.driver));
            }
        }
        return serving;
    }

    // ---- what the connection declares ---------------------------------------------------------

    /** Whether some driver serves {@code op}. */
    public boolean supports(Operation op) {
        return routes[op.ordinal()].steps.length > 0;
    }

    /** The flags of {@code op} some driver serving it honours, plus those the core implements; empty when unsupported. */
    public <F extends Enum<F> & Flag> Set<F> supportedFlags(Operation op, Class<F> type) {
        if (op.flagType() != type) {
            throw new IllegalArgumentException(op + " takes " + op.flagType() + " flags, not " + type);
        }
        Route route = routes[op.ordinal()];
        EnumSet<F> flags = EnumSet.noneOf(type);
        if (route.steps.length == 0) {
            return flags;
        }
        for (Step step : route.steps) {
            for (Enum<?> flag : step.honoured()) {
                flags.add(type.cast(flag));
            }
        }
        FlaggedBinding<?, ?> binding = (FlaggedBinding<?, ?>) DeclaredOperations.bindingOf(op);
        for (Enum<?> flag : binding.implementedByCore()) {
            flags.add(type.cast(flag));
        }
        return Collections.unmodifiableSet(flags);
    }

    /** The union of what the drivers serve. */
    public Set<Operation> supported() {
        EnumSet<Operation> all = EnumSet.noneOf(Operation.class);
        for (Operation op : Operation.values()) {
            if (supports(op)) {
                all.add(op);
            }
        }
        return all;
    }

    /** The connection's drivers, in probing order. */
    public List<Driver> drivers() {
        return drivers;
    }

    /** Whether mutations are refused. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Refuses every later call; returns whether this call was the one that closed. */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /**
     * Fails as {@link #call} would before reaching a driver (closed, read-only, NO_SUPPORT); lets
     * the core refuse a call before doing its own work, such as parsing XML.
     */
    public void check(Operation op) {
        admit(op);
    }

    private Route admit(Operation op) {
        if (closed) {
            throw VirtException.of(ErrorCode.INVALID_CONN, errorDomainOf(op), op.libvirtName(), uri);
        }
        if (readOnly && op.isMutating()) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, errorDomainOf(op),
                    "read only access prevents " + op.libvirtName(), uri);
        }
        Route route = routes[op.ordinal()];
        if (route.steps.length == 0) {
            String names = drivers.stream().map(Driver::name).collect(Collectors.joining(", "));
            throw VirtException.of(ErrorCode.NO_SUPPORT, errorDomainOf(op),
                    op.libvirtName() + " (not declared by the drivers of " + uri + ": " + names + ")", uri);
        }
        return route;
    }

    /**
     * libvirt's {@code virCheckFlags} error, raised for the first driver of the route: "unsupported
     * flags (0x4) in function testDomainUndefineFlags", naming the bits no driver honours (or, when
     * each is honoured by some driver but none honours them all, those the first does not).
     */
    private static VirtException unsupportedFlags(Operation op, Step[] steps, Set<?> flags) {
        Set<Object> honouredBySome = new java.util.HashSet<>();
        for (Step step : steps) {
            honouredBySome.addAll(step.honoured());
        }
        Step first = steps[0];
        int bits = 0;
        for (Object flag : flags) {
            if (!honouredBySome.contains(flag) || honouredBySome.containsAll(flags) && !first.honoured().contains(flag)) {
                bits |= ((Flag) flag).bit();
            }
        }
        Driver driver = first.actor == null ? first.driver : first.actor;
        String function = driver.name() + op.flagsFunction().substring("vir".length());
        return new VirtException(ErrorCode.INVALID_ARG, driver.errorDomain(),
                "unsupported flags (0x" + Integer.toHexString(bits) + ") in function " + function, driver.name(),
                null, null);
    }

    /** The list-all operation a gathered listing is computed from (see {@link Composition.Mode#GATHER}). */
    static Operation gatheredFrom(Operation listing) {
        String name = listing.name();
        return name.endsWith("_NETWORKS") ? Operation.CONNECT_LIST_ALL_NETWORKS : Operation.CONNECT_LIST_ALL_DOMAINS;
    }

    /** Which libvirt error domain the core reports in, as libvirt's libvirt-domain.c / libvirt-network.c do. */
    static ErrorDomain errorDomainOf(Operation op) {
        String name = op.name();
        if (name.startsWith("DOMAIN_")) {
            return ErrorDomain.DOMAIN;
        }
        if (name.startsWith("NETWORK_") || name.contains("NETWORKS")) {
            return ErrorDomain.NETWORK;
        }
        return ErrorDomain.NONE;
    }

    /**
     * An answer and the driver that gave it (for a cross-driver step, the member holding the
     * definition: the object stays its).
     */
    public record Routed<R>(R value, Driver driver) {
    }

    /** How one operation is served: its steps in order, its mode, and whether the owner goes first. */
    private static final class Route {
        static final Step[] NONE = new Step[0];

        final Step[] steps;
        final Composition.Mode mode;
        final boolean ownerFirst;

        Route(Step[] steps, Composition.Mode mode, boolean ownerFirst) {
            this.steps = steps;
            this.mode = mode;
            this.ownerFirst = ownerFirst;
        }

        static Route inProbingOrder(Operation op, List<Driver> drivers) {
            List<Step> steps = new ArrayList<>(drivers.size());
            for (Driver d : drivers) {
                if (DeclaredOperations.of(d.getClass()).contains(op)) {
                    steps.add(Step.direct(op, d));
                }
            }
            return new Route(steps.toArray(NONE), Composition.Mode.FIRST_THAT_HANDLES, true);
        }

        static Route composed(Operation op, Composition composition, Map<String, Driver> accepted) {
            Composition.CrossDriver cross = composition.crossDriver(op).orElse(null);
            // A gathered listing is served by the members that can list all (see gather()).
            Operation declared = composition.mode(op) == Composition.Mode.GATHER ? gatheredFrom(op) : op;
            List<Step> steps = new ArrayList<>();
            for (String member : composition.order(op)) {
                Driver d = accepted.get(member);
                if (d == null) {
                    continue; // an optional member that is absent or declined
                }
                if (cross != null && member.equals(cross.definitionFrom())) {
                    Driver actor = accepted.get(cross.actionBy());
                    if (actor != null && CrossDriverRecipes.possible(op, d, actor)) {
                        steps.add(Step.across(op, d, actor));
                    }
                } else if (DeclaredOperations.of(d.getClass()).contains(declared)) {
                    steps.add(Step.direct(declared, d));
                }
            }
            return new Route(steps.toArray(NONE), composition.mode(op), composition.ownerFirst(op));
        }

        int indexOf(Driver owner) {
            for (int i = 0; i < steps.length; i++) {
                if (steps[i].driver == owner) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** One driver's turn in a route: itself, or a cross-driver step (source's definition, actor's action). */
    private static final class Step {
        final Driver driver;
        final Driver actor;
        /** The operation whose flags this step honours: the route's, or the actor's of a cross-driver step. */
        private final Operation flagsOf;
        /** The flags this step honours, read from the driver's declaration when a call first needs them. */
        private volatile Set<Enum<?>> honoured;

        private Step(Driver driver, Driver actor, Operation flagsOf) {
            this.driver = driver;
            this.actor = actor;
            this.flagsOf = flagsOf;
        }

        static Step direct(Operation op, Driver driver) {
            return new Step(driver, null, op);
        }

        static Step across(Operation op, Driver source, Driver actor) {
            return new Step(source, actor, CrossDriverRecipes.actorOperation(op));
        }

        /** Empty for an operation without flags; the declaration is read once (drivers promise it is fixed). */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Set<Enum<?>> honoured() {
            Set<Enum<?>> known = honoured;
            if (known == null) {
                Driver declaring = actor == null ? driver : actor;
                if (DeclaredOperations.bindingOf(flagsOf) instanceof FlaggedBinding binding) {
                    try {
                        known = Set.copyOf((Set<Enum<?>>) binding.honouredBy(declaring));
                    } catch (RuntimeException e) {
                        throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                                ErrorCode.INTERNAL_ERROR.format("driver '" + declaring.name()
                                        + "' failed to declare the flags it honours: " + e.getMessage()),
                                declaring.name(), null, e);
                    }
                } else {
                    known = Set.of();
                }
                honoured = known;
            }
            return known;
        }
    }
}
