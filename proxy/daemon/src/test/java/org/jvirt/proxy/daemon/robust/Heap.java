package org.jvirt.proxy.daemon.robust;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The JVM's heap in use, measured after full collections so that it counts what is still reachable. */
final class Heap {
    private Heap() {
    }

    /** Bytes of heap in use after collecting garbage (three full collections: finalizable and weakly held objects go too). */
    static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
