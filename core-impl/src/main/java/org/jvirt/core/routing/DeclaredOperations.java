package org.jvirt.core.routing;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.api.Operation;
import org.jvirt.spi.DriverOperations;

/**
 * Derives what a driver declares from the {@link DriverOperations} interfaces its class implements:
 * the single source of truth for routing, {@code supports()} and the support matrix. What each
 * interface declares comes from its {@code @Declares}, through the {@link DeclarationIndex} the
 * build writes.
 */
public final class DeclaredOperations {
    private static final Map<Class<?>, Set<Operation>> DECLARED_BY = DeclarationIndex.read();
    private static final Map<Operation, Class<?>> INTERFACE_OF = DeclarationIndex.byOperation(DECLARED_BY);
    private static final Map<Class<?>, Set<Operation>> CACHE = new ConcurrentHashMap<>();

    private DeclaredOperations() {
    }

    /** The operations instances of {@code driverClass} declare. */
    public static Set<Operation> of(Class<?> driverClass) {
        return CACHE.computeIfAbsent(driverClass, DeclaredOperations::compute);
    }

    /** The SPI interface that declares {@code operation}. */
    public static Class<?> interfaceOf(Operation operation) {
        return INTERFACE_OF.get(operation);
    }

    /** Every operation interface of the SPI. */
    public static Set<Class<?>> operationInterfaces() {
        return DECLARED_BY.keySet();
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
