package org.jvirt.proxy.daemon.dispatch;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * The procedures jvirtd serves and what it does for each: filled once by the {@link ProcedureGroup}s
 * when the daemon starts, read by the {@link Dispatcher} from then on. A procedure registered twice
 * is a programming error, reported at start-up.
 */
public final class HandlerTable {
    private final Map<Integer, Handler<?>> byNumber = new HashMap<>();

    /**
     * Registers {@code handler} for {@code procedure}. The handler's argument type must be the
     * procedure's {@code _args} record (or {@link Void}); the dispatcher passes what the procedure's
     * codec decodes.
     *
     * @throws IllegalStateException when the procedure already has a handler
     */
    public <A> HandlerTable on(RemoteProcedure procedure, Handler<A> handler) {
        if (byNumber.putIfAbsent(procedure.number(), handler) != null) {
            throw new IllegalStateException(procedure.constantName() + " has two handlers");
        }
        return this;
    }

    /** The handler of procedure {@code number}, if jvirtd serves it. */
    Optional<Handler<?>> handlerOf(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** The numbers of the procedures jvirtd serves. */
    public Map<Integer, Handler<?>> all() {
        return Collections.unmodifiableMap(byNumber);
    }
}
