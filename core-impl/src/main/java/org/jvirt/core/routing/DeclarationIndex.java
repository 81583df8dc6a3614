package org.jvirt.core.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.Operation;
import org.jvirt.spi.Declares;
import org.jvirt.spi.DriverOperations;

/**
 * The {@link Declares} annotations of the SPI's interfaces, written down at build time.
 *
 * <p>Reading annotations makes the JVM generate a proxy class per annotation type and a reflective
 * accessor: about 10 ms of a fresh process, a sixth of a whole {@code jvirsh list}. The build runs
 * {@link #main} after compiling this module (exec-maven-plugin, process-classes) to write
 * {@value #RESOURCE} from the annotations, and the core reads that file instead. The annotations
 * stay the only thing anyone writes; DeclarationIndexTest fails if the file and they disagree.
 */
public final class DeclarationIndex {
    /** Where the index lives, beside this class. */
    public static final String RESOURCE = "declarations.txt";

    private DeclarationIndex() {
    }

    /**
     * Writes the index from the annotations.
     *
     * @param args the directory of this module's compiled classes
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0], DeclarationIndex.class.getPackageName().replace('.', '/'), RESOURCE);
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(RESOURCE + ".tmp");
        Files.writeString(temporary, format(fromAnnotations()), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Each SPI interface and the operations its {@code @Declares} names, read reflectively. */
    static Map<Class<?>, Set<Operation>> fromAnnotations() {
        Map<Class<?>, Set<Operation>> index = new HashMap<>();
        for (Class<?> iface : DriverOperations.class.getClasses()) {
            Declares declares = iface.getAnnotation(Declares.class);
            if (declares == null) {
                throw new IllegalStateException(iface.getName() + " lacks @Declares");
            }
            index.put(iface, Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(declares.value()))));
        }
        return index;
    }

    /** One line per interface, sorted: {@code SimpleName OPERATION OPERATION...}. */
    static String format(Map<Class<?>, Set<Operation>> index) {
        List<Class<?>> interfaces = new ArrayList<>(index.keySet());
        interfaces.sort(Comparator.comparing(Class::getSimpleName));
        StringBuilder text = new StringBuilder();
        for (Class<?> iface : interfaces) {
            text.append(iface.getSimpleName());
            for (Operation op : index.get(iface)) {
                text.append(' ').append(op.name());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * The index the build wrote.
     *
     * @throws IllegalStateException when the file is missing or names an unknown interface or
     *     operation: the classes were not built by this project's Maven build, or are out of date
     */
    static Map<Class<?>, Set<Operation>> read() {
        try (InputStream in = DeclarationIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the SPI declaration index " + RESOURCE + " is missing beside "
                        + DeclarationIndex.class.getName() + ": build jvirt-core-impl with Maven, which writes it");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SPI declaration index " + RESOURCE, e);
        }
    }

    /** Parses an index as {@link #format} writes it; the same exceptions as {@link #read()}. */
    static Map<Class<?>, Set<Operation>> parse(String text) {
        Map<Class<?>, Set<Operation>> index = new HashMap<>();
        ClassLoader loader = DriverOperations.class.getClassLoader();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split(" ");
            Class<?> iface;
            EnumSet<Operation> operations = EnumSet.noneOf(Operation.class);
            try {
                iface = Class.forName(DriverOperations.class.getName() + '$' + words[0], false, loader);
                for (int i = 1; i < words.length; i++) {
                    operations.add(Operation.valueOf(words[i]));
                }
            } catch (ClassNotFoundException | IllegalArgumentException e) {
                throw new IllegalStateException("the SPI declaration index " + RESOURCE + " is stale (" + e.getMessage()
                        + "): rebuild jvirt-core-impl against this jvirt-core-api", e);
            }
            if (index.put(iface, Collections.unmodifiableSet(operations)) != null) {
                throw new IllegalStateException("the SPI declaration index " + RESOURCE + " names "
                        + words[0] + " twice");
            }
        }
        for (Class<?> iface : DriverOperations.class.getClasses()) {
            if (!index.containsKey(iface)) {
                throw new IllegalStateException("the SPI declaration index " + RESOURCE + " lacks "
                        + iface.getSimpleName() + ": rebuild jvirt-core-impl against this jvirt-core-api");
            }
        }
        return Map.copyOf(index);
    }

    /** The inverse of an index: the interface declaring each operation. */
    static Map<Operation, Class<?>> byOperation(Map<Class<?>, Set<Operation>> index) {
        Map<Operation, Class<?>> map = new EnumMap<>(Operation.class);
        for (Map.Entry<Class<?>, Set<Operation>> entry : index.entrySet()) {
            for (Operation op : entry.getValue()) {
                Class<?> earlier = map.put(op, entry.getKey());
                if (earlier != null) {
                    throw new IllegalStateException(op + " is declared by both " + earlier.getName()
                            + " and " + entry.getKey().getName());
                }
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
