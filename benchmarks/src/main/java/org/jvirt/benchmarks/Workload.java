package org.jvirt.benchmarks;

import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;

/**
 * What the benchmarks, the heap probe and {@code libvirt_testdriver_bench.py} all do the same way:
 * the URI, the domain every per-call operation touches, and the small domain XML that is defined.
 * Keep {@link #smallDomain} identical to {@code SMALL_DOMAIN} in the Python helper, so that both
 * sides parse the same document.
 */
public final class Workload {
    /** libvirt's built-in test node; its state is shared by every connection of one JVM. */
    public static final String URI = "test:///default";
    /** The running domain {@code test:///default} starts with. */
    public static final String TEST_DOMAIN = "test";
    /** Name and UUID of the domain that the redefine benchmark defines over and over. */
    public static final String REDEFINED_NAME = "bench-redefined";
    public static final UUID REDEFINED_UUID = UUID.fromString("0f3c6c6e-3a4b-4f0e-9b1a-6d2b5c7e8f90");

    private static final String HEAD = "<domain type='test'>\n  <name>";
    private static final String TAIL = "</name>\n"
            + "  <memory unit='KiB'>65536</memory>\n"
            + "  <vcpu>1</vcpu>\n"
            + "  <os>\n"
            + "    <type arch='i686'>hvm</type>\n"
            + "  </os>\n"
            + "</domain>\n";
    private static final String TAIL_WITH_UUID_HEAD = "</name>\n  <uuid>";
    private static final String TAIL_WITH_UUID = "</uuid>\n"
            + "  <memory unit='KiB'>65536</memory>\n"
            + "  <vcpu>1</vcpu>\n"
            + "  <os>\n"
            + "    <type arch='i686'>hvm</type>\n"
            + "  </os>\n"
            + "</domain>\n";

    private Workload() {
    }

    /** A small inactive domain called {@code name}; the driver picks its UUID. */
    public static String smallDomain(String name) {
        return HEAD + name + TAIL;
    }

    /** A small inactive domain called {@code name} with a fixed UUID (defining it again redefines it). */
    public static String smallDomain(String name, UUID uuid) {
        return HEAD + name + TAIL_WITH_UUID_HEAD + uuid + TAIL_WITH_UUID;
    }

    /** Opens {@link #URI} read-write. */
    public static Connection open() {
        return Jvirt.open(URI);
    }

    /** Defines {@code count} small domains {@code prefix0 .. prefix(count-1)}. */
    public static void defineMany(Connection connection, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            connection.defineDomain(smallDomain(prefix + i));
        }
    }
}
