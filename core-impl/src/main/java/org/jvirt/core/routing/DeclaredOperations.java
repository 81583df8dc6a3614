package org.jvirt.core.routing;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.api.Operation;
import org.jvirt.spi.Declares;
import org.jvirt.spi.DriverOperations;

/**
 * Derives what a driver declares from the {@link DriverOperations} interfaces its class implements:
 * the single source of truth for routing, {@code supports()} and the support matrix.
 */
public final class DeclaredOperations {
    private static final Map<Operation, Class<?>> INTERFACE_OF = interfacesByOperation();
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
        return Set.of(DriverOperations.class.getClasses());
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
            Declares declares = c.isInterface() && c.getEnclosingClass() == DriverOperations.class
                    ? c.getAnnotation(Declares.class) : null;
            if (declares != null) {
                Collections.addAll(declared, declares.value());
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            Collections.addAll(todo, c.getInterfaces());
        }
        return Collections.unmodifiableSet(declared);
    }

    private static Map<Operation, Class<?>> interfacesByOperation() {
        Map<Operation, Class<?>> map = new EnumMap<>(Operation.class);
        for (Class<?> iface : DriverOperations.class.getClasses()) {
            Declares declares = iface.getAnnotation(Declares.class);
            if (declares == null) {
                throw new IllegalStateException(iface.getName() + " lacks @Declares");
            }
            for (Operation op : declares.value()) {
                Class<?> earlier = map.put(op, iface);
                if (earlier != null) {
                    throw new IllegalStateException(op + " is declared by both " + earlier.getName()
                            + " and " + iface.getName());
                }
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
