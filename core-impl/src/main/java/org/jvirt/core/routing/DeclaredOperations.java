package org.jvirt.core.routing;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.api.Operation;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.OperationBinding;

/**
 * Derives what a driver declares from the {@link DriverOperations} interfaces its class implements,
 * through the SPI's binding table: the single source of truth for routing, {@code supports()} and
 * the support matrix. Thread-safe.
 */
public final class DeclaredOperations {
    private static final Map<Operation, OperationBinding<?>> BINDING_OF = new EnumMap<>(Operation.class);
    private static final Map<Class<?>, Set<Operation>> DECLARED_BY = new HashMap<>();
    private static final Map<Class<?>, Set<Operation>> CACHE = new ConcurrentHashMap<>();

    static {
        for (OperationBinding<?> binding : DriverOperations.bindings()) {
            if (BINDING_OF.put(binding.operation(), binding) != null) {
                throw new IllegalStateException("the SPI binds " + binding.operation() + " twice");
            }
            DECLARED_BY.computeIfAbsent(binding.declaredBy(), c -> EnumSet.noneOf(Operation.class))
                    .add(binding.operation());
        }
        for (Operation op : Operation.values()) {
            if (!BINDING_OF.containsKey(op)) {
                throw new IllegalStateException("the SPI binds no interface to " + op);
            }
        }
    }

    private DeclaredOperations() {
    }

    /** The operations instances of {@code driverClass} declare. */
    public static Set<Operation> of(Class<?> driverClass) {
        return CACHE.computeIfAbsent(driverClass, DeclaredOperations::compute);
    }

    /** The binding of {@code operation}: its interface and method. */
    public static OperationBinding<?> bindingOf(Operation operation) {
        return BINDING_OF.get(operation);
    }

    private static Set<Operation> compute(Class<?> driverClass) {
        EnumSet<Operation> declared = EnumSet.noneOf(Operation.class);
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(driverClass);
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            Set<Operation> operations = DECLARED_BY.get(c);
            if (operations != null) {
                declared.addAll(operations);
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            Collections.addAll(todo, c.getInterfaces());
        }
        return Collections.unmodifiableSet(declared);
    }
}
