package org.jvirt.core.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.Driver;

/**
 * The gate every call of a connection passes: refuses calls on a closed connection, mutations on a
 * read-only one, and operations no driver declares (NO_SUPPORT, raised here — the driver is
 * never reached); otherwise tries the declaring drivers in priority order until one handles the
 * call. Thread-safe; the chains are fixed when the connection opens.
 */
public final class Router {
    private final List<Driver> drivers;
    private final Driver[][] chains;
    private final boolean readOnly;
    private final String uri;
    private volatile boolean closed;

    /**
     * @param drivers the drivers that accepted the connection, in probing order
     * @param readOnly whether mutations are refused
     * @param uri the connection's URI, for messages
     */
    public Router(List<Driver> drivers, boolean readOnly, String uri) {
        this.drivers = List.copyOf(drivers);
        this.readOnly = readOnly;
        this.uri = uri;
        Operation[] ops = Operation.values();
        this.chains = new Driver[ops.length][];
        for (Operation op : ops) {
            List<Driver> chain = new ArrayList<>();
            for (Driver d : this.drivers) {
                if (DeclaredOperations.of(d.getClass()).contains(op)) {
                    chain.add(d);
                }
            }
            // Stable sort: equal priorities keep probing order.
            chain.sort(Comparator.comparingInt(d -> d.priority(op)));
            chains[op.ordinal()] = chain.toArray(new Driver[0]);
        }
    }

    /** Calls {@code call} on the first declaring driver that handles it, and returns its answer. */
    public <I, R> R call(Operation op, Class<I> iface, Function<? super I, ? extends R> call) {
        Driver[] chain = admit(op);
        DeclinedException declined = null;
        for (Driver driver : chain) {
            try {
                return call.apply(iface.cast(driver));
            } catch (DeclinedException e) {
                declined = e;
            } catch (VirtException e) {
                throw e.attributedTo(driver.name());
            }
        }
        throw declined.ifNobodyHandles().attributedTo(chain[chain.length - 1].name());
    }

    /** As {@link #call} for operations without an answer. */
    public <I> void run(Operation op, Class<I> iface, Consumer<? super I> action) {
        call(op, iface, driver -> {
            action.accept(driver);
            return null;
        });
    }

    /**
     * The drivers declaring {@code op}, in the order they are tried, after the same checks as
     * {@link #call}: for operations whose driver depends on an argument (a native format, say).
     */
    public <I> List<I> declaring(Operation op, Class<I> iface) {
        Driver[] chain = admit(op);
        List<I> drivers = new ArrayList<>(chain.length);
        for (Driver d : chain) {
            drivers.add(iface.cast(d));
        }
        return drivers;
    }

    /** Whether some driver declares {@code op}. */
    public boolean supports(Operation op) {
        return chains[op.ordinal()].length > 0;
    }

    /** The union of what the drivers declare. */
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

    private Driver[] admit(Operation op) {
        if (closed) {
            throw VirtException.of(ErrorCode.INVALID_CONN, errorDomainOf(op), op.libvirtName(), uri);
        }
        if (readOnly && op.isMutating()) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, errorDomainOf(op),
                    "read only access prevents " + op.libvirtName(), uri);
        }
        Driver[] chain = chains[op.ordinal()];
        if (chain.length == 0) {
            String names = drivers.stream().map(Driver::name).collect(Collectors.joining(", "));
            throw VirtException.of(ErrorCode.NO_SUPPORT, errorDomainOf(op),
                    op.libvirtName() + " (not declared by the drivers of " + uri + ": " + names + ")", uri);
        }
        return chain;
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
}
