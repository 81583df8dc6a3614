package org.jvirt.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;
import org.jvirt.api.Connection;

/**
 * How much heap one defined domain costs on {@code test:///default}: defines N small inactive
 * domains ({@link Workload#smallDomain}), forces full collections until the used heap settles,
 * and divides the growth by N. Target: under 4 KiB per domain.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.jvirt.benchmarks.HeapPerDomain [N]}
 * (N defaults to 100,000). The last line is machine-readable:
 * {@code RESULT heap_bytes_per_domain=<bytes> domains=<N>}.
 */
public final class HeapPerDomain {
    private static final int DEFAULT_DOMAINS = 100_000;

    private HeapPerDomain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : DEFAULT_DOMAINS;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Connection connection = Workload.open()) {
            // Warm the parser, driver and core once so class loading and caches are in the baseline.
            Workload.defineMany(connection, "heap-warm-", 1);
            connection.domainByName("heap-warm-0").undefine();

            long before = settledUsedHeap(memory);
            Workload.defineMany(connection, "heap-", n);
            long after = settledUsedHeap(memory);
            int count = connection.listAllDomains().size();
            double perDomain = (after - before) / (double) n;
            System.out.printf(Locale.ROOT, "defined %,d domains (node now holds %,d); used heap %,d -> %,d bytes%n",
                    n, count, before, after);
            System.out.printf(Locale.ROOT, "heap per defined domain: %.0f bytes (%.2f KiB)%n", perDomain,
                    perDomain / 1024);
            System.out.printf(Locale.ROOT, "RESULT heap_bytes_per_domain=%.0f domains=%d%n", perDomain, n);
            Reference.reachabilityFence(connection);
        }
    }

    /** Full collections until two readings in a row agree within 64 KiB (at most 10). */
    static long settledUsedHeap(MemoryMXBean memory) throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            memory.gc();
            Thread.sleep(50);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - previous) < 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
