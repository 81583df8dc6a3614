package org.jvirt.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's tunables as libvirt reads and writes them: {@code <blkiotune>}, {@code <memtune>},
 * {@code <iothreads>} with {@code <iothreadids>} and {@code <defaultiothread>}, and {@code <cputune>}
 * (virDomainDefTunablesParse with virDomainDefParseIOThreads; virDomainDefFormatBlkiotune,
 * virDomainMemtuneFormat, virDomainDefIOThreadsFormat and virDomainCputuneDefFormat). The model keeps
 * these as elements; this normalises them: the values libvirt settles (iothread ids filled in up to
 * the count, pins and schedulers per vCPU or iothread, unlimited memory limits not written, sizes in
 * KiB), the children libvirt leaves out, and the order it writes. Repeated elements are read as
 * libvirt's XPath reads them (the first of a value, every pin and device) and written once. Children
 * of {@code <blkiotune>}, {@code <memtune>} and {@code <cputune>} that libvirt does not know are kept,
 * after those it does; their attributes, which libvirt has none of, are not.
 *
 * <p>Refuses what libvirt's parser refuses, with its code and words, and also what libvirt checks
 * only once the definition is complete (virDomainDefCputuneValidate, virDomainDefTunablesValidate,
 * virDomainDefValidateIOThreads): those checks come last here, but before the rest of the pipeline,
 * so a definition with another fault besides may be refused for this one first. Stateless.
 */
final class TunablesPostParse {
    /** libvirt's VIR_DOMAIN_CPUMASK_LEN: CPU, vCPU and iothread bitmaps hold bits 0 to 16383. */
    static final int BITMAP_LENGTH = 16384;
    /** jvirt's own bound on the iothreads listed one by one in {@code <iothreadids>}. */
    static final long MAX_LISTED_IOTHREADS = 65536;

    private static final Set<String> NAMES = Set.of("blkiotune", "memtune", "iothreads", "iothreadids",
            "defaultiothread", "cputune");
    private static final Set<String> BLKIOTUNE = Set.of("weight", "device");
    private static final List<String> MEMTUNE = List.of("hard_limit", "soft_limit", "min_guarantee",
            "swap_hard_limit");
    /** {@code <cputune>}'s numbers in libvirt's order: unsigned periods, signed quotas. */
    private static final List<String> CPUTUNE_NUMBERS = List.of("period", "quota", "global_period", "global_quota",
            "emulator_period", "emulator_quota", "iothread_period", "iothread_quota");
    private static final Set<String> CPUTUNE = Set.of("shares", "period", "quota", "global_period", "global_quota",
            "emulator_period", "emulator_quota", "iothread_period", "iothread_quota", "vcpupin", "emulatorpin",
            "iothreadpin", "vcpusched", "iothreadsched", "emulatorsched", "cachetune", "memorytune");
    /** virProcessSchedPolicy, without {@code none}, which libvirt does not accept in XML. */
    private static final Set<String> POLICIES = Set.of("batch", "idle", "fifo", "rr");
    /** virCacheType, in libvirt's order (which is also the order it writes cache allocations in). */
    private static final List<String> CACHE_TYPES = List.of("both", "code", "data");
    /** VIR_DOMAIN_MEMORY_PARAM_UNLIMITED, in KiB: a memory limit this large is no limit. */
    private static final long UNLIMITED = 9007199254740991L;
    private static final long UINT_MAX = 0xFFFFFFFFL;
    private static final long SHARES_MIN = 2;
    private static final long SHARES_MAX = 262144;
    private static final long PERIOD_MIN = 1000;
    private static final long PERIOD_MAX = 1000000;
    private static final long QUOTA_MIN = 1000;
    private static final long QUOTA_MAX = 17592186044415L;

    private TunablesPostParse() {
    }

    /** {@code def} with its tunables as libvirt writes them back; {@code def} itself when nothing changes. */
    static DomainDefinition apply(DomainDefinition def) {
        List<XmlElement> top = def.unknowns().elementsAt("");
        Map<String, List<XmlElement>> found = new HashMap<>();
        for (XmlElement e : top) {
            if (NAMES.contains(e.name())) {
                found.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
            }
        }
        if (found.isEmpty()) {
            return def;
        }
        int maxVcpus = def.vcpus();
        Map<String, XmlElement> done = new LinkedHashMap<>();
        List<XmlElement> blkioDevices = new ArrayList<>();
        done.put("blkiotune", blkiotune(found.getOrDefault("blkiotune", List.of()), blkioDevices));
        done.put("memtune", memtune(found.getOrDefault("memtune", List.of())));
        IoThreads io = IoThreads.parse(found);
        Cputune cputune = Cputune.parse(children(found.getOrDefault("cputune", List.of())), maxVcpus, io);
        done.put("iothreads", io.countElement());
        done.put("iothreadids", io.idsElement());
        done.put("defaultiothread", io.defaultElement());
        done.put("cputune", cputune.format(maxVcpus, io));
        cputune.validate();
        validateBlkio(blkioDevices);
        io.validate();

        List<XmlElement> changed = new ArrayList<>(top.size() + 2);
        for (XmlElement e : top) {
            if (!NAMES.contains(e.name())) {
                changed.add(e);
            } else if (done.containsKey(e.name())) {
                XmlElement now = done.remove(e.name());
                if (now != null) {
                    changed.add(now);
                }
            }
        }
        for (XmlElement now : done.values()) {
            if (now != null) {
                changed.add(now);
            }
        }
        return changed.equals(top) ? def
                : def.toBuilder().unknowns(def.unknowns().withElementsAt("", changed)).build();
    }

    /** The children of every element of one name, in document order: what {@code ./name/child} selects. */
    private static List<XmlElement> children(List<XmlElement> elements) {
        List<XmlElement> all = new ArrayList<>();
        for (XmlElement e : elements) {
            all.addAll(e.children());
        }
        return all;
    }

    private static XmlElement first(List<XmlElement> elements, String name) {
        for (XmlElement e : elements) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<XmlElement> all(List<XmlElement> elements, String name) {
        return elements.stream().filter(e -> e.name().equals(name)).toList();
    }

    /** What libvirt's {@code string(...)} XPath gives for an element: null when absent or empty. */
    private static String value(XmlElement e) {
        return e == null || e.text().isEmpty() ? null : e.text();
    }

    private static String unsigned(long value) {
        return Long.toUnsignedString(value);
    }

    private static XmlElement textElement(String name, String text) {
        return XmlElement.builder(name).text(text).build();
    }

    /** An element with these children and attributes, or null when it has neither (virXMLFormatElement). */
    private static XmlElement orNull(XmlElement.Builder b) {
        XmlElement e = b.build();
        return e.children().isEmpty() && e.attributes().isEmpty() ? null : e;
    }

    private static void keepUnknown(List<XmlElement> children, Set<String> known, XmlElement.Builder b) {
        for (XmlElement c : children) {
            if (!known.contains(c.name())) {
                b.child(c);
            }
        }
    }

    // ---- blkiotune ----

    /** virDomainDefTunablesParse's blkio part and virDomainDefFormatBlkiotune. */
    private static XmlElement blkiotune(List<XmlElement> elements, List<XmlElement> devicesOut) {
        if (elements.isEmpty()) {
            return null;
        }
        List<XmlElement> children = children(elements);
        XmlElement.Builder b = XmlElement.builder("blkiotune");
        // libvirt reads the weight with virXPathUInt and takes anything unreadable as no weight.
        String weightText = value(first(children, "weight"));
        Long weight = weightText == null ? null : uip(weightText);
        if (weight != null && weight != 0) {
            b.child(textElement("weight", unsigned(weight)));
        }
        for (XmlElement device : all(children, "device")) {
            devicesOut.add(device);
            XmlElement done = blkioDevice(device);
            if (done != null) {
                b.child(done);
            }
        }
        keepUnknown(children, BLKIOTUNE, b);
        return orNull(b);
    }

    /** virDomainBlkioDeviceParseXML; null when libvirt does not write the device (nothing set). */
    private static XmlElement blkioDevice(XmlElement device) {
        List<XmlElement> c = device.children();
        String path = value(first(c, "path"));
        if (path == null) {
            throw unsupported("missing per-device path");
        }
        long weight = blkioNumber(c, "weight", "weight", UINT_MAX);
        long readBytes = blkioNumber(c, "read_bytes_sec", "read bytes sec", -1);
        long writeBytes = blkioNumber(c, "write_bytes_sec", "write bytes sec", -1);
        long readIops = blkioNumber(c, "read_iops_sec", "read iops sec", UINT_MAX);
        long writeIops = blkioNumber(c, "write_iops_sec", "write iops sec", UINT_MAX);
        if (weight == 0 && readIops == 0 && writeIops == 0 && readBytes == 0 && writeBytes == 0) {
            return null;
        }
        XmlElement.Builder b = XmlElement.builder("device").child(textElement("path", path));
        String[] names = {"weight", "read_iops_sec", "write_iops_sec", "read_bytes_sec", "write_bytes_sec"};
        long[] values = {weight, readIops, writeIops, readBytes, writeBytes};
        for (int i = 0; i < names.length; i++) {
            if (values[i] != 0) {
                b.child(textElement(names[i], unsigned(values[i])));
            }
        }
        return b.build();
    }

    /**
     * One number of a blkio device, read as virStrToLong_ui ({@code max} UINT_MAX) or virStrToLong_ull
     * ({@code max} -1, all 64 bits) read it: a minus sign wraps around.
     */
    private static long blkioNumber(List<XmlElement> children, String element, String words, long max) {
        String text = value(first(children, element));
        if (text == null) {
            return 0;
        }
        Long v = max == UINT_MAX ? ui(text) : ull(text);
        if (v == null) {
            throw unsupported("could not parse " + words + " " + text);
        }
        return v;
    }

    /** virDomainDefTunablesValidate: no two devices (written or not) with one path. */
    private static void validateBlkio(List<XmlElement> devices) {
        Set<String> paths = new HashSet<>();
        for (XmlElement device : devices) {
            String path = value(first(device.children(), "path"));
            if (!paths.add(path)) {
                throw unsupported("duplicate blkio device path '" + path + "'");
            }
        }
    }

    // ---- memtune ----

    /**
     * virDomainDefTunablesParse's memory part (virDomainParseMemoryLimit, virDomainParseMemory) and
     * virDomainMemtuneFormat.
     */
    private static XmlElement memtune(List<XmlElement> elements) {
        if (elements.isEmpty()) {
            return null;
        }
        List<XmlElement> children = children(elements);
        XmlElement.Builder b = XmlElement.builder("memtune");
        for (String name : MEMTUNE) {
            XmlElement e = first(children, name);
            String xpath = "./memtune/" + name + "[1]";
            long kib;
            if (name.equals("min_guarantee")) {
                kib = memory(e, xpath);
                if (kib == 0) {
                    continue;
                }
            } else {
                kib = memoryLimit(e, xpath);
                if (kib >= UNLIMITED) {
                    continue;
                }
            }
            b.child(XmlElement.builder(name).attribute("unit", "KiB").text(Long.toString(kib)).build());
        }
        keepUnknown(children, Set.copyOf(MEMTUNE), b);
        return orNull(b);
    }

    /** virDomainParseMemoryLimit: KiB, no more than unlimited; unlimited when absent. */
    private static long memoryLimit(XmlElement e, String xpath) {
        if (value(e) == null) {
            return UNLIMITED;
        }
        long bytes = scaled(e, xpath, UNLIMITED << 10);
        return Math.min(divUp(bytes), UNLIMITED);
    }

    /** virDomainParseMemory, not capped to unsigned long: KiB, 0 when absent. */
    private static long memory(XmlElement e, String xpath) {
        if (value(e) == null) {
            return 0;
        }
        long kib = divUp(scaled(e, xpath, Long.MAX_VALUE));
        if (kib >= divUp(Long.MAX_VALUE)) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.DOMAIN, "numerical overflow: size value too large");
        }
        return kib;
    }

    private static long divUp(long bytes) {
        return Long.divideUnsigned(bytes, 1024) + (Long.remainderUnsigned(bytes, 1024) == 0 ? 0 : 1);
    }

    /**
     * virParseScaledValue with a default scale of KiB: the element's text (or a {@code size} and
     * {@code unit} attribute) scaled by its unit (virScaleInteger), in bytes, no more than {@code max}
     * (unsigned).
     */
    private static long scaled(XmlElement e, String xpath, long max) {
        return scaled(e.text(), e.attribute("unit"), xpath, 1024, max);
    }

    /**
     * virParseScaledValue: {@code text} (an unsigned long long) in {@code unit}, or in units of
     * {@code defaultScale} bytes when none is given, in bytes and no more than {@code max}
     * (unsigned); refused in libvirt's words, {@code xpath} naming what was read.
     */
    static long scaled(String text, String unit, String xpath, long defaultScale, long max) {
        Long value = ullp(text);
        if (value == null) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: Invalid value '" + text + "' for element or attribute '" + xpath + "'");
        }
        long scale = defaultScale;
        String suffix = unit == null ? "" : unit;
        if (!suffix.isEmpty()) {
            String u = suffix.toLowerCase(Locale.ROOT);
            if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
                scale = 1;
            } else {
                long base;
                if (u.length() == 1 || u.substring(1).equals("ib")) {
                    base = 1024;
                } else if (u.length() == 2 && u.charAt(1) == 'b') {
                    base = 1000;
                } else {
                    throw unknownSuffix(suffix);
                }
                int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
                if (power == 0) {
                    throw unknownSuffix(suffix);
                }
                scale = 1;
                for (int i = 0; i < power; i++) {
                    scale *= base;
                }
            }
        }
        if (value != 0 && Long.compareUnsigned(value, Long.divideUnsigned(max, scale)) > 0) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    "numerical overflow: value too large: " + unsigned(value) + suffix);
        }
        return value * scale;
    }

    private static VirtException unknownSuffix(String suffix) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "invalid argument: unknown suffix '" + suffix + "'");
    }

    // ---- iothreads ----

    /** One iothread of {@code <iothreadids>} (or filled in): its pool, pin and scheduler. */
    private static final class IoThread {
        final long id;
        final int poolMin;
        final int poolMax;
        BitSet pin;
        Sched sched;

        IoThread(long id, int poolMin, int poolMax) {
            this.id = id;
            this.poolMin = poolMin;
            this.poolMax = poolMax;
        }
    }

    /**
     * virDomainDefParseIOThreads and virDomainIOThreadIDDefArrayInit: the iothreads listed, then as
     * many more as the count asks for, numbered from 1 with the ids not listed. Those filled in are
     * only made when a pin or scheduler names them, or when they are written.
     */
    private static final class IoThreads {
        final long count;
        final List<IoThread> listed = new ArrayList<>();
        final Map<Long, IoThread> listedById = new HashMap<>();
        final TreeMap<Long, IoThread> filled = new TreeMap<>();
        int defaultMin = -1;
        int defaultMax = -1;

        private IoThreads(long count) {
            this.count = count;
        }

        static IoThreads parse(Map<String, List<XmlElement>> found) {
            List<XmlElement> counts = found.getOrDefault("iothreads", List.of());
            String text = counts.isEmpty() ? null : value(counts.get(0));
            long count = 0;
            if (text != null) {
                Long v = uip(text);
                if (v == null) {
                    throw xml("invalid iothreads count '" + text + "'");
                }
                count = v;
            }
            List<XmlElement> defaults = found.getOrDefault("defaultiothread", List.of());
            int defaultMin = -1;
            int defaultMax = -1;
            if (!defaults.isEmpty()) {
                defaultMin = poolSize(defaults.get(0), "thread_pool_min");
                defaultMax = poolSize(defaults.get(0), "thread_pool_max");
            }
            List<XmlElement> ids = all(children(found.getOrDefault("iothreadids", List.of())), "iothread");
            IoThreads io = new IoThreads(Math.max(count, ids.size()));
            io.defaultMin = defaultMin;
            io.defaultMax = defaultMax;
            for (XmlElement e : ids) {
                long id = uintAttribute(e, "id", true, true);
                IoThread t = new IoThread(id, poolSize(e, "thread_pool_min"), poolSize(e, "thread_pool_max"));
                if (io.listedById.putIfAbsent(id, t) != null) {
                    throw xml("duplicate iothread id '" + id + "' found");
                }
                io.listed.add(t);
            }
            // The bitmap of free ids has count + 1 bits, which wraps to none at UINT_MAX.
            if (io.count == UINT_MAX && io.listed.size() < io.count) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                        "internal error: failed to populate iothreadids");
            }
            return io;
        }

        private static int poolSize(XmlElement e, String attribute) {
            String v = e.attribute(attribute);
            if (v == null) {
                return -1;
            }
            Long n = cInt(v);
            if (n == null) {
                throw invalidAttribute(e, attribute, v, "Expected integer value");
            }
            if (n < 0) {
                throw invalidAttribute(e, attribute, v, "Expected non-negative value");
            }
            return n.intValue();
        }

        long filledCount() {
            return count - listed.size();
        }

        /** Whether {@code id} is one of those filled in: free and among the first filledCount() free ids. */
        boolean isFilled(long id) {
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
            return count == 0 ? null : textElement("iothreads", unsigned(count));
        }

        /** {@code <iothreadids>}, written (every iothread) when any was listed (virDomainDefIothreadShouldFormat). */
        XmlElement idsElement() {
            if (listed.isEmpty()) {
                return null;
            }
            if (count > MAX_LISTED_IOTHREADS) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                        "unsupported configuration: too many iothreads to list in <iothreadids>: " + count
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
            XmlElement.Builder b = XmlElement.builder("iothread").attribute("id", unsigned(id));
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
                throw unsupported("thread_pool_max must be a positive integer");
            }
            if (min > max) {
                throw unsupported("thread_pool_min must be smaller or equal to thread_pool_max");
            }
        }
    }

    // ---- cputune ----

    /** A thread's scheduler: a policy, and a priority for {@code fifo} and {@code rr}. */
    private record Sched(String policy, int priority) {
        boolean realTime() {
            return policy.equals("fifo") || policy.equals("rr");
        }

        /** virDomainSchedulerFormat; {@code idAttribute} null for the emulator. */
        XmlElement format(String element, String idAttribute, long id) {
            XmlElement.Builder b = XmlElement.builder(element);
            if (idAttribute != null) {
                b.attribute(idAttribute, unsigned(id));
            }
            b.attribute("scheduler", policy);
            if (realTime()) {
                b.attribute("priority", Integer.toString(priority));
            }
            return b.build();
        }
    }

    /** virDomainDefTunablesParse's cputune part, virDomainCputuneDefFormat and virDomainDefCputuneValidate. */
    private static final class Cputune {
        Long shares;
        final long[] numbers = new long[CPUTUNE_NUMBERS.size()];
        final TreeMap<Integer, BitSet> vcpuPins = new TreeMap<>();
        BitSet emulatorPin;
        final TreeMap<Integer, Sched> vcpuScheds = new TreeMap<>();
        Sched emulatorSched;
        final List<Resctrl> resctrls = new ArrayList<>();
        List<XmlElement> unknown = List.of();

        static Cputune parse(List<XmlElement> children, int maxVcpus, IoThreads io) {
            Cputune t = new Cputune();
            String shares = value(first(children, "shares"));
            if (shares != null) {
                t.shares = ullp(shares);
                if (t.shares == null) {
                    throw xml("can't parse cputune shares value");
                }
            }
            for (int i = 0; i < CPUTUNE_NUMBERS.size(); i++) {
                String name = CPUTUNE_NUMBERS.get(i);
                String text = value(first(children, name));
                if (text != null) {
                    boolean quota = name.endsWith("quota");
                    Long v = quota ? ll(text) : ullp(text);
                    if (v == null) {
                        throw xml("can't parse cputune " + name.replace('_', ' ') + " value");
                    }
                    t.numbers[i] = v;
                }
            }
            for (XmlElement pin : all(children, "vcpupin")) {
                t.vcpuPin(pin, maxVcpus);
            }
            List<XmlElement> emulatorPins = all(children, "emulatorpin");
            if (emulatorPins.size() > 1) {
                throw xml("only one emulatorpin is supported");
            }
            if (!emulatorPins.isEmpty()) {
                t.emulatorPin = pinSet(emulatorPins.get(0), "emulatorpin");
            }
            for (XmlElement pin : all(children, "iothreadpin")) {
                long id = uintAttribute(pin, "iothread", true, true);
                IoThread thread = io.find(id);
                if (thread == null) {
                    throw unsupported("Cannot find 'iothread' : " + id);
                }
                BitSet set = pinSet(pin, "iothreadpin");
                if (thread.pin != null) {
                    throw internal("duplicate iothreadpin for same iothread '" + id + "'");
                }
                thread.pin = set;
            }
            for (XmlElement e : all(children, "vcpusched")) {
                BitSet vcpus = schedulerBitmap(e, "vcpus");
                Sched sched = sched(e);
                for (int v = vcpus.nextSetBit(0); v >= 0; v = vcpus.nextSetBit(v + 1)) {
                    if (v >= maxVcpus) {
                        throw unsupported("vCPU '" + v + "' is not present in domain definition");
                    }
                    if (t.vcpuScheds.putIfAbsent(v, sched) != null) {
                        throw overlap("vcpusched", "vcpus");
                    }
                }
            }
            for (XmlElement e : all(children, "iothreadsched")) {
                BitSet ids = schedulerBitmap(e, "iothreads");
                Sched sched = sched(e);
                for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
                    IoThread thread = io.find(id);
                    if (thread == null) {
                        throw unsupported("Cannot find 'iothread' : " + id);
                    }
                    if (thread.sched != null) {
                        throw overlap("iothreadsched", "iothreads");
                    }
                    thread.sched = sched;
                }
            }
            List<XmlElement> emulatorScheds = all(children, "emulatorsched");
            if (emulatorScheds.size() > 1) {
                throw xml("only one emulatorsched is supported");
            }
            if (!emulatorScheds.isEmpty()) {
                t.emulatorSched = sched(emulatorScheds.get(0));
            }
            for (XmlElement e : all(children, "cachetune")) {
                Resctrl.cachetune(e, t.resctrls, maxVcpus);
            }
            for (XmlElement e : all(children, "memorytune")) {
                Resctrl.memorytune(e, t.resctrls, maxVcpus);
            }
            t.unknown = children.stream().filter(e -> !CPUTUNE.contains(e.name())).toList();
            return t;
        }

        /** virDomainVcpuPinDefParseXML: a pin of a vCPU beyond the count is ignored, cpuset and all. */
        private void vcpuPin(XmlElement pin, int maxVcpus) {
            long vcpu = uintAttribute(pin, "vcpu", true, false);
            if (vcpu >= maxVcpus) {
                return;
            }
            if (pin.attribute("cpuset") == null) {
                throw internal("missing cpuset for vcpupin");
            }
            if (vcpuPins.containsKey((int) vcpu)) {
                throw internal("duplicate vcpupin for vcpu '" + vcpu + "'");
            }
            vcpuPins.put((int) vcpu, pinSet(pin, "vcpupin"));
        }

        XmlElement format(int maxVcpus, IoThreads io) {
            XmlElement.Builder b = XmlElement.builder("cputune");
            if (shares != null) {
                b.child(textElement("shares", unsigned(shares)));
            }
            for (int i = 0; i < numbers.length; i++) {
                if (numbers[i] != 0) {
                    String name = CPUTUNE_NUMBERS.get(i);
                    String text = name.endsWith("quota") ? Long.toString(numbers[i]) : unsigned(numbers[i]);
                    b.child(textElement(name, text));
                }
            }
            vcpuPins.forEach((vcpu, set) -> b.child(XmlElement.builder("vcpupin")
                    .attribute("vcpu", Integer.toString(vcpu)).attribute("cpuset", formatBitmap(set)).build()));
            if (emulatorPin != null) {
                b.child(XmlElement.builder("emulatorpin").attribute("cpuset", formatBitmap(emulatorPin)).build());
            }
            List<IoThread> threads = io.inOrder();
            for (IoThread thread : threads) {
                if (thread.pin != null) {
                    b.child(XmlElement.builder("iothreadpin").attribute("iothread", unsigned(thread.id))
                            .attribute("cpuset", formatBitmap(thread.pin)).build());
                }
            }
            if (emulatorSched != null) {
                b.child(emulatorSched.format("emulatorsched", null, 0));
            }
            vcpuScheds.forEach((vcpu, sched) -> b.child(sched.format("vcpusched", "vcpus", vcpu)));
            for (IoThread thread : threads) {
                if (thread.sched != null) {
                    b.child(thread.sched.format("iothreadsched", "iothreads", thread.id));
                }
            }
            for (Resctrl r : resctrls) {
                XmlElement e = r.formatCachetune();
                if (e != null) {
                    b.child(e);
                }
            }
            for (Resctrl r : resctrls) {
                XmlElement e = r.formatMemorytune();
                if (e != null) {
                    b.child(e);
                }
            }
            unknown.forEach(b::child);
            return orNull(b);
        }

        /** virDomainDefCputuneValidate: shares, periods (unsigned) and quotas (signed) when set. */
        void validate() {
            if (shares != null && shares != 0
                    && (Long.compareUnsigned(shares, SHARES_MIN) < 0 || Long.compareUnsigned(shares, SHARES_MAX) > 0)) {
                throw range("shares", SHARES_MIN, SHARES_MAX);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < numbers.length; i++) {
                    String name = CPUTUNE_NUMBERS.get(i);
                    boolean quota = name.endsWith("quota");
                    long v = numbers[i];
                    if (quota != (pass == 1)) {
                        continue;
                    }
                    if (!quota && v != 0
                            && (Long.compareUnsigned(v, PERIOD_MIN) < 0 || Long.compareUnsigned(v, PERIOD_MAX) > 0)) {
                        throw range(name, PERIOD_MIN, PERIOD_MAX);
                    }
                    if (quota && v > 0 && (v < QUOTA_MIN || v > QUOTA_MAX)) {
                        throw range(name, QUOTA_MIN, QUOTA_MAX);
                    }
                }
            }
        }

        private static VirtException range(String name, long min, long max) {
            return unsupported("Value of cputune '" + name + "' must be in range [" + min + ", " + max + "]");
        }

        private static VirtException overlap(String element, String attribute) {
            return new VirtException(ErrorCode.XML_DETAIL, ErrorDomain.DOMAIN,
                    "'" + element + "' attributes '" + attribute + "' must not overlap");
        }
    }

    /** The {@code cpuset} of a pin (virDomainVcpuPinDefParseXML and its like): present, a bitmap, not empty. */
    private static BitSet pinSet(XmlElement pin, String element) {
        String text = pin.attribute("cpuset");
        if (text == null) {
            throw internal("missing cpuset for " + element);
        }
        BitSet set = parseBitmap(text);
        if (set.isEmpty()) {
            throw unsupported("Invalid value of 'cpuset': " + text);
        }
        return set;
    }

    /** virDomainSchedulerParse's bitmap: present, a bitmap, not empty. */
    private static BitSet schedulerBitmap(XmlElement e, String attribute) {
        String text = e.attribute(attribute);
        if (text == null) {
            throw xml("Missing attribute '" + attribute + "' in element '" + e.name() + "'");
        }
        BitSet set = parseBitmap(text);
        if (set.isEmpty()) {
            throw unsupported("'" + attribute + "' scheduler bitmap '" + text + "' is empty");
        }
        return set;
    }

    /** virDomainSchedulerParseCommonAttrs: a policy, and for the real-time ones a priority. */
    private static Sched sched(XmlElement e) {
        String policy = e.attribute("scheduler");
        if (policy == null) {
            throw missingAttribute(e, "scheduler");
        }
        if (!POLICIES.contains(policy)) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: Invalid value for attribute"
                    + " 'scheduler' in element '" + e.name() + "': '" + policy + "'.");
        }
        int priority = 0;
        if (policy.equals("fifo") || policy.equals("rr")) {
            String p = e.attribute("priority");
            if (p == null) {
                throw missingAttribute(e, "priority");
            }
            Long n = cInt(p);
            if (n == null) {
                throw invalidAttribute(e, "priority", p, "Expected integer value");
            }
            priority = n.intValue();
        }
        return new Sched(policy, priority);
    }

    // ---- cachetune and memorytune ----

    /** A monitor of a resctrl group: of cache ({@code <cachetune>}) or memory bandwidth ({@code <memorytune>}). */
    private record Monitor(boolean cache, BitSet vcpus) {
    }

    /**
     * A resctrl group (virDomainResctrlDef): vCPUs, their cache allocations by level, type and cache
     * id, their memory bandwidth by node, and monitors. A {@code <memorytune>} of the same vCPUs as an
     * earlier group adds to it.
     */
    private static final class Resctrl {
        final BitSet vcpus;
        /** level, type index, cache id: size in bytes, in the order libvirt writes them. */
        final TreeMap<Long, TreeMap<Integer, TreeMap<Long, Long>>> caches = new TreeMap<>();
        final TreeMap<Long, Long> bandwidths = new TreeMap<>();
        final List<Monitor> monitors = new ArrayList<>();

        Resctrl(BitSet vcpus) {
            this.vcpus = vcpus;
        }

        boolean allocationEmpty() {
            return caches.isEmpty() && bandwidths.isEmpty();
        }

        /** virDomainCachetuneDefParse. */
        static void cachetune(XmlElement e, List<Resctrl> groups, int maxVcpus) {
            BitSet vcpus = vcpus(e, "cachetune", maxVcpus);
            if (vcpus.isEmpty()) {
                return;
            }
            if (match(groups, vcpus) != null) {
                throw xml("Identical vcpus in cachetunes found");
            }
            Resctrl r = new Resctrl(vcpus);
            List<XmlElement> caches = all(e.children(), "cache");
            for (XmlElement cache : caches) {
                r.cache(cache);
            }
            int added = r.monitors(e, true, maxVcpus);
            if (added > 0 || !caches.isEmpty()) {
                groups.add(r);
            }
        }

        /** virDomainMemorytuneDefParse. */
        static void memorytune(XmlElement e, List<Resctrl> groups, int maxVcpus) {
            BitSet vcpus = vcpus(e, "memorytune", maxVcpus);
            if (vcpus.isEmpty()) {
                return;
            }
            List<XmlElement> nodes = all(e.children(), "node");
            Resctrl existing = match(groups, vcpus);
            Resctrl r = existing == null ? new Resctrl(vcpus) : existing;
            for (XmlElement node : nodes) {
                long id = uintAttribute(node, "id", true, false);
                long bandwidth = uintAttribute(node, "bandwidth", true, false);
                if (bandwidth > 100) {
                    throw resctrl("Memory Bandwidth value exceeding 100 is invalid.");
                }
                if (r.bandwidths.putIfAbsent(id, bandwidth) != null) {
                    throw resctrl("Memory Bandwidth already defined for node " + id);
                }
            }
            int added = r.monitors(e, false, maxVcpus);
            if (existing == null && (added > 0 || !nodes.isEmpty())) {
                groups.add(r);
            }
        }

        /** virDomainResctrlParseVcpus: the vCPUs named, less those beyond the count. */
        private static BitSet vcpus(XmlElement e, String element, int maxVcpus) {
            String text = e.attribute("vcpus");
            if (text == null) {
                throw xml("Missing " + element + " attribute 'vcpus'");
            }
            BitSet set;
            try {
                set = parseBitmap(text);
            } catch (VirtException notABitmap) {
                throw xml("Invalid " + element + " attribute 'vcpus' value '" + text + "'");
            }
            if (set.length() > maxVcpus) {
                set.clear(maxVcpus, set.length());
            }
            return set;
        }

        /** virDomainResctrlVcpuMatch: the group of exactly these vCPUs, if any; overlapping one is an error. */
        private static Resctrl match(List<Resctrl> groups, BitSet vcpus) {
            for (Resctrl r : groups) {
                if (r.vcpus.equals(vcpus)) {
                    return r;
                }
                if (r.vcpus.intersects(vcpus)) {
                    throw xml("Overlapping vcpus in resctrls");
                }
            }
            return null;
        }

        /** virDomainCachetuneDefParseCache and virResctrlAllocSetCacheSize. */
        private void cache(XmlElement cache) {
            long id = uintAttribute(cache, "id", true, false);
            long level = uintAttribute(cache, "level", true, false);
            String type = cache.attribute("type");
            if (type == null) {
                throw missingAttribute(cache, "type");
            }
            int typeIndex = CACHE_TYPES.indexOf(type);
            if (typeIndex < 0) {
                throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: Invalid value for attribute"
                        + " 'type' in element 'cache': '" + type + "'.");
            }
            String size = cache.attribute("size");
            if (size == null || size.isEmpty()) {
                throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                        "XML error: missing element or attribute './@size'");
            }
            String unit = cache.attribute("unit");
            long bytes = scaled(size, unit == null || unit.isEmpty() ? null : unit, "./@size", 1024, -1L);
            TreeMap<Integer, TreeMap<Long, Long>> byType = caches.computeIfAbsent(level, k -> new TreeMap<>());
            boolean collides = has(byType, 0, id) || (typeIndex == 0 ? has(byType, 1, id) || has(byType, 2, id)
                    : has(byType, typeIndex, id));
            if (collides) {
                throw resctrl("Colliding cache allocations for cache level '" + level + "' id '" + id + "', type '"
                        + type + "'");
            }
            byType.computeIfAbsent(typeIndex, k -> new TreeMap<>()).put(id, bytes);
        }

        private static boolean has(TreeMap<Integer, TreeMap<Long, Long>> byType, int type, long id) {
            TreeMap<Long, Long> sizes = byType.get(type);
            return sizes != null && sizes.containsKey(id);
        }

        /** virDomainResctrlMonDefParse: the monitors of one element; how many were added. */
        private int monitors(XmlElement e, boolean cache, int maxVcpus) {
            boolean defaultGroup = allocationEmpty();
            int added = 0;
            for (XmlElement m : all(e.children(), "monitor")) {
                if (cache) {
                    long level = uintAttribute(m, "level", true, false);
                    if (level != 3) {
                        throw xml("Invalid monitor cache level '" + (int) level + "'");
                    }
                }
                Monitor monitor = new Monitor(cache, vcpus(m, "monitor", maxVcpus));
                validate(monitor, defaultGroup);
                monitors.add(monitor);
                added++;
            }
            return added;
        }

        /** virDomainResctrlValidateMonitor. */
        private void validate(Monitor monitor, boolean defaultGroup) {
            BitSet mv = monitor.vcpus();
            if (mv.isEmpty()) {
                throw invalidArg("vcpus is empty");
            }
            BitSet outside = (BitSet) mv.clone();
            outside.andNot(vcpus);
            if (!outside.isEmpty()) {
                throw invalidArg("Monitor vcpus conflicts with allocation");
            }
            boolean equalToGroup = mv.equals(vcpus);
            boolean overlapAny = false;
            boolean overlapOther = false;
            for (Monitor other : monitors) {
                if (mv.equals(other.vcpus())) {
                    if (monitor.cache() != other.cache()) {
                        continue;
                    }
                    throw invalidArg("Identical vcpus found in same type monitors");
                }
                boolean overlaps = mv.intersects(other.vcpus());
                overlapAny |= overlaps;
                if (equalToGroup || other.vcpus().equals(vcpus)) {
                    continue;
                }
                overlapOther |= overlaps;
            }
            if (overlapOther || defaultGroup && overlapAny) {
                throw invalidArg("vcpus overlaps in resctrl groups");
            }
        }

        /** virDomainCachetuneDefFormat: allocations, then cache monitors; nothing when neither. */
        XmlElement formatCachetune() {
            XmlElement.Builder b = XmlElement.builder("cachetune").attribute("vcpus", formatBitmap(vcpus));
            boolean any = false;
            for (Map.Entry<Long, TreeMap<Integer, TreeMap<Long, Long>>> level : caches.entrySet()) {
                for (Map.Entry<Integer, TreeMap<Long, Long>> type : level.getValue().entrySet()) {
                    for (Map.Entry<Long, Long> size : type.getValue().entrySet()) {
                        String[] pretty = prettySize(size.getValue());
                        b.child(XmlElement.builder("cache").attribute("id", unsigned(size.getKey()))
                                .attribute("level", unsigned(level.getKey()))
                                .attribute("type", CACHE_TYPES.get(type.getKey()))
                                .attribute("size", pretty[0]).attribute("unit", pretty[1]).build());
                        any = true;
                    }
                }
            }
            for (Monitor m : monitors) {
                if (m.cache()) {
                    b.child(XmlElement.builder("monitor").attribute("level", "3")
                            .attribute("vcpus", formatBitmap(m.vcpus())).build());
                    any = true;
                }
            }
            return any ? b.build() : null;
        }

        /** virDomainMemorytuneDefFormat: bandwidths by node, then bandwidth monitors; nothing when neither. */
        XmlElement formatMemorytune() {
            XmlElement.Builder b = XmlElement.builder("memorytune").attribute("vcpus", formatBitmap(vcpus));
            boolean any = false;
            for (Map.Entry<Long, Long> node : bandwidths.entrySet()) {
                b.child(XmlElement.builder("node").attribute("id", unsigned(node.getKey()))
                        .attribute("bandwidth", unsigned(node.getValue())).build());
                any = true;
            }
            for (Monitor m : monitors) {
                if (!m.cache()) {
                    b.child(XmlElement.builder("monitor").attribute("vcpus", formatBitmap(m.vcpus())).build());
                    any = true;
                }
            }
            return any ? b.build() : null;
        }

        /** virFormatIntPretty: the largest binary unit (to PiB) dividing the size, bytes when none does. */
        private static String[] prettySize(long bytes) {
            String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
            if (bytes == 0 || Long.remainderUnsigned(bytes, 1024) != 0) {
                return new String[] {unsigned(bytes), "B"};
            }
            long unit = 1024;
            for (int i = 0; i < units.length - 1; i++) {
                if (Long.remainderUnsigned(bytes, unit * 1024) != 0) {
                    return new String[] {unsigned(Long.divideUnsigned(bytes, unit)), units[i]};
                }
                unit *= 1024;
            }
            return new String[] {unsigned(Long.divideUnsigned(bytes, unit)), units[units.length - 1]};
        }

        private static VirtException resctrl(String message) {
            return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.RESCTRL, "XML error: " + message);
        }

        private static VirtException invalidArg(String message) {
            return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, "invalid argument: " + message);
        }
    }

    // ---- bitmaps ----

    /**
     * A bitmap as libvirt's virBitmapParse reads it into {@link #BITMAP_LENGTH} bits: {@code N},
     * {@code N-M} and {@code ^N} separated by commas, blanks allowed around them.
     *
     * @throws VirtException as libvirt: {@code Failed to parse bitmap 'X'} when malformed or naming a
     *     bit beyond the length
     */
    static BitSet parseBitmap(String text) {
        BitSet map = new BitSet();
        int n = text.length();
        int i = skipSpaces(text, 0);
        if (i >= n) {
            throw badBitmap(text);
        }
        boolean negate = false;
        while (i < n) {
            if (text.charAt(i) == '^') {
                i++;
                negate = true;
            }
            if (i >= n || !isDigit(text.charAt(i))) {
                throw badBitmap(text);
            }
            int end = digitsEnd(text, i);
            long start = bitNumber(text, i, end, false);
            i = skipSpaces(text, end);
            char c = i < n ? text.charAt(i) : '\0';
            if (c == ',' || c == '\0') {
                if (start >= BITMAP_LENGTH) {
                    throw badBitmap(text);
                }
                map.set((int) start, !negate);
            } else if (c == '-') {
                if (negate) {
                    throw badBitmap(text);
                }
                i = skipSpaces(text, i + 1);
                // strtol: an optional sign, then digits.
                int digits = i < n && (text.charAt(i) == '+' || text.charAt(i) == '-') ? i + 1 : i;
                end = digitsEnd(text, digits);
                if (end == digits) {
                    throw badBitmap(text);
                }
                long last = bitNumber(text, digits, end, text.charAt(i) == '-');
                if (last < start || last >= BITMAP_LENGTH) {
                    throw badBitmap(text);
                }
                map.set((int) start, (int) last + 1);
                i = skipSpaces(text, end);
            }
            c = i < n ? text.charAt(i) : '\0';
            if (c == ',') {
                i = skipSpaces(text, i + 1);
                negate = false;
            } else if (c != '\0') {
                throw badBitmap(text);
            }
        }
        return map;
    }

    /** virBitmapFormat: ranges of set bits, {@code 0-3,6}. */
    static String formatBitmap(BitSet set) {
        StringBuilder out = new StringBuilder();
        for (int start = set.nextSetBit(0); start >= 0; ) {
            int end = set.nextClearBit(start) - 1;
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
            start = set.nextSetBit(end + 1);
        }
        return out.toString();
    }

    private static int digitsEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A bit number of int range (virStrToLong_i); a negative one is returned as such, for the caller to refuse. */
    private static long bitNumber(String text, int from, int end, boolean negative) {
        int significant = from;
        while (significant < end - 1 && text.charAt(significant) == '0') {
            significant++;
        }
        if (end - significant > 10) {
            throw badBitmap(text);
        }
        long v = Long.parseLong(text, significant, end, 10);
        if (v > Integer.MAX_VALUE + (negative ? 1L : 0L)) {
            throw badBitmap(text);
        }
        return negative ? -v : v;
    }

    private static VirtException badBitmap(String text) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "invalid argument: Failed to parse bitmap '" + text + "'");
    }

    // ---- numbers as C reads them ----

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The whole of {@code text} read as C's strtoul family reads a decimal (blanks, a sign, digits,
     * nothing after): {sign, magnitude as unsigned 64 bits}, sign -1 or 1; null when malformed or
     * beyond 64 bits.
     */
    private static long[] decimal(String text) {
        int i = skipSpaces(text, 0);
        long sign = 1;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            sign = text.charAt(i) == '-' ? -1 : 1;
            i++;
        }
        if (i >= text.length()) {
            return null;
        }
        long magnitude = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return null;
            }
            if (Long.compareUnsigned(magnitude, Long.divideUnsigned(-1L, 10)) > 0) {
                return null;
            }
            long next = magnitude * 10 + (c - '0');
            if (Long.compareUnsigned(next, magnitude * 10) < 0) {
                return null;
            }
            magnitude = next;
        }
        return new long[] {sign, magnitude};
    }

    /** virStrToLong_uip: an unsigned int, no minus sign. */
    private static Long uip(String text) {
        long[] d = decimal(text);
        return d == null || d[0] < 0 || Long.compareUnsigned(d[1], UINT_MAX) > 0 ? null : d[1];
    }

    /** virStrToLong_ui: an unsigned int; a negative one of magnitude up to UINT_MAX wraps around. */
    private static Long ui(String text) {
        long[] d = decimal(text);
        if (d == null || Long.compareUnsigned(d[1], UINT_MAX) > 0) {
            return null;
        }
        return d[0] < 0 ? -d[1] & UINT_MAX : d[1];
    }

    /** virStrToLong_ullp: an unsigned long long (as a long's bits), no minus sign. */
    private static Long ullp(String text) {
        long[] d = decimal(text);
        return d == null || d[0] < 0 ? null : d[1];
    }

    /** virStrToLong_ull: an unsigned long long; a negative one wraps around. */
    private static Long ull(String text) {
        long[] d = decimal(text);
        return d == null ? null : d[0] * d[1];
    }

    /** virStrToLong_ll: a long long. */
    private static Long ll(String text) {
        long[] d = decimal(text);
        if (d == null) {
            return null;
        }
        if (d[0] > 0) {
            return d[1] < 0 ? null : d[1];
        }
        return Long.compareUnsigned(d[1], Long.MIN_VALUE) > 0 ? null : -d[1];
    }

    /** virStrToLong_i: an int. */
    private static Long cInt(String text) {
        Long v = ll(text);
        return v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : v;
    }

    /** virXMLPropUInt, base 10: an unsigned int attribute, required or 0 when absent. */
    private static long uintAttribute(XmlElement e, String attribute, boolean required, boolean nonZero) {
        String v = e.attribute(attribute);
        if (v == null) {
            if (required) {
                throw missingAttribute(e, attribute);
            }
            return 0;
        }
        Long n = uip(v);
        if (n == null) {
            throw invalidAttribute(e, attribute, v, "Expected non-negative integer value");
        }
        if (nonZero && n == 0) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: Invalid value for attribute '"
                    + attribute + "' in element '" + e.name() + "': Zero is not permitted");
        }
        return n;
    }

    // ---- errors ----

    private static VirtException missingAttribute(XmlElement e, String attribute) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: Missing required attribute '"
                + attribute + "' in element '" + e.name() + "'");
    }

    private static VirtException invalidAttribute(XmlElement e, String attribute, String value, String expected) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: Invalid value for attribute '"
                + attribute + "' in element '" + e.name() + "': '" + value + "'. " + expected);
    }

    private static VirtException xml(String message) {
        return XmlValues.invalid(ErrorDomain.DOMAIN, message);
    }

    private static VirtException unsupported(String message) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: " + message);
    }

    private static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN, "internal error: " + message);
    }
}
