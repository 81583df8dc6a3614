package org.jvirt.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jvirt.model.XmlProps.Flag;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's iothreads as libvirt reads, completes, writes and checks them: {@code <iothreads>},
 * {@code <iothreadids>} and {@code <defaultiothread>} (virDomainDefParseIOThreads and
 * virDomainIOThreadIDDefArrayInit; virDomainDefIOThreadsFormat and virDomainDefaultIOThreadDefFormat;
 * virDomainDefValidateIOThreads). The iothreads listed come first, then as many more as the count
 * asks for, numbered from 1 with the ids not listed. Those filled in are only made when a pin or
 * scheduler of {@code <cputune>} names them ({@link CputunePostParse}), or when they are written.
 * One instance holds one definition's iothreads while {@link TunablesPostParse} completes it.
 */
final class IothreadsPostParse {
    /** jvirt's own bound on the iothreads listed one by one in {@code <iothreadids>}. */
    static final long MAX_LISTED_IOTHREADS = 65536;

    /** One iothread of {@code <iothreadids>} (or filled in): its pool, and the pin and scheduler of cputune. */
    static final class IoThread {
        final long id;
        final int poolMin;
        final int poolMax;
        BitSet pin;
        ThreadSched sched;

        IoThread(long id, int poolMin, int poolMax) {
            this.id = id;
            this.poolMin = poolMin;
            this.poolMax = poolMax;
        }
    }

    private final long count;
    private final List<IoThread> listed = new ArrayList<>();
    private final Map<Long, IoThread> listedById = new HashMap<>();
    private final TreeMap<Long, IoThread> filled = new TreeMap<>();
    private int defaultMin = -1;
    private int defaultMax = -1;

    private IothreadsPostParse(long count) {
        this.count = count;
    }

    /**
     * virDomainDefParseIOThreads over the top-level {@code <iothreads>}, {@code <iothreadids>} and
     * {@code <defaultiothread>} elements, each list in document order.
     */
    static IothreadsPostParse parse(List<XmlElement> counts, List<XmlElement> idLists, List<XmlElement> defaults) {
        String text = counts.isEmpty() ? null : Elements.value(counts.get(0));
        long count = 0;
        if (text != null) {
            Long v = CNumbers.strToUip(text);
            if (v == null) {
                throw DomainErrors.xml("invalid iothreads count '" + text + "'");
            }
            count = v;
        }
        int defaultMin = -1;
        int defaultMax = -1;
        if (!defaults.isEmpty()) {
            defaultMin = poolSize(defaults.get(0), "thread_pool_min");
            defaultMax = poolSize(defaults.get(0), "thread_pool_max");
        }
        List<XmlElement> ids = Elements.named(Elements.childrenOf(idLists), "iothread");
        IothreadsPostParse io = new IothreadsPostParse(Math.max(count, ids.size()));
        io.defaultMin = defaultMin;
        io.defaultMax = defaultMax;
        for (XmlElement e : ids) {
            long id = XmlProps.uint(e, "id", Flag.REQUIRED, Flag.NONZERO);
            IoThread t = new IoThread(id, poolSize(e, "thread_pool_min"), poolSize(e, "thread_pool_max"));
            if (io.listedById.putIfAbsent(id, t) != null) {
                throw DomainErrors.xml("duplicate iothread id '" + id + "' found");
            }
            io.listed.add(t);
        }
        // The bitmap of free ids has count + 1 bits, which wraps to none at UINT_MAX.
        if (io.count == CNumbers.UINT_MAX && io.listed.size() < io.count) {
            throw DomainErrors.internal("failed to populate iothreadids");
        }
        return io;
    }

    /** A thread pool's size; -1 when absent. */
    private static int poolSize(XmlElement e, String attribute) {
        Integer n = XmlProps.integer(e, attribute, Flag.NONNEGATIVE);
        return n == null ? -1 : n;
    }

    private long filledCount() {
        return count - listed.size();
    }

    /** Whether {@code id} is one of those filled in: free and among the first filledCount() free ids. */
    private boolean isFilled(long id) {
        if (id < 1 || id > count || listedById.containsKey(id)) {
            return false;
        }
        long listedBelow = 0;
        for (IoThread t : listed) {
            if (t.id < id) {
                listedBelow++;
            }
        }
        return id - listedBelow <= filledCount();
    }

    /** virDomainIOThreadIDFind; null when there is no such iothread. */
    IoThread find(long id) {
        IoThread t = listedById.get(id);
        if (t == null && isFilled(id)) {
            t = filled.computeIfAbsent(id, k -> new IoThread(k, -1, -1));
        }
        return t;
    }

    /** The iothreads that have a pin or scheduler, in libvirt's order: those listed, then those filled in. */
    List<IoThread> inOrder() {
        List<IoThread> order = new ArrayList<>(listed);
        order.addAll(filled.values());
        return order;
    }

    XmlElement countElement() {
        return count == 0 ? null : Elements.textElement("iothreads", Long.toUnsignedString(count));
    }

    /** {@code <iothreadids>}, written (every iothread) when any was listed (virDomainDefIothreadShouldFormat). */
    XmlElement idsElement() {
        if (listed.isEmpty()) {
            return null;
        }
        if (count > MAX_LISTED_IOTHREADS) {
            throw DomainErrors.unsupported("too many iothreads to list in <iothreadids>: " + count
                    + " (jvirt lists at most " + MAX_LISTED_IOTHREADS + ")");
        }
        XmlElement.Builder b = XmlElement.builder("iothreadids");
        for (IoThread t : listed) {
            b.child(iothread(t.id, t.poolMin, t.poolMax));
        }
        long toFill = filledCount();
        for (long id = 1; toFill > 0; id++) {
            if (!listedById.containsKey(id)) {
                b.child(iothread(id, -1, -1));
                toFill--;
            }
        }
        return b.build();
    }

    private static XmlElement iothread(long id, int poolMin, int poolMax) {
        XmlElement.Builder b = XmlElement.builder("iothread").attribute("id", Long.toUnsignedString(id));
        pool(b, poolMin, poolMax);
        return b.build();
    }

    private static void pool(XmlElement.Builder b, int poolMin, int poolMax) {
        if (poolMin >= 0) {
            b.attribute("thread_pool_min", Integer.toString(poolMin));
        }
        if (poolMax >= 0) {
            b.attribute("thread_pool_max", Integer.toString(poolMax));
        }
    }

    /** virDomainDefaultIOThreadDefFormat; libvirt keeps none when neither size is given. */
    XmlElement defaultElement() {
        if (defaultMin < 0 && defaultMax < 0) {
            return null;
        }
        XmlElement.Builder b = XmlElement.builder("defaultiothread");
        pool(b, defaultMin, defaultMax);
        return b.build();
    }

    /** virDomainDefValidateIOThreads: an absent maximum (-1) is below any minimum given. */
    void validate() {
        for (IoThread t : listed) {
            validatePool(t.poolMin, t.poolMax);
        }
        if (defaultMin >= 0 || defaultMax >= 0) {
            validatePool(defaultMin, defaultMax);
        }
    }

    private static void validatePool(int min, int max) {
        if (max == 0) {
            throw DomainErrors.unsupported("thread_pool_max must be a positive integer");
        }
        if (min > max) {
            throw DomainErrors.unsupported("thread_pool_min must be smaller or equal to thread_pool_max");
        }
    }
}
