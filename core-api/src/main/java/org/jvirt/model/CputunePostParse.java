package org.jvirt.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.jvirt.api.VirtException;
import org.jvirt.model.IothreadsPostParse.IoThread;
import org.jvirt.model.XmlProps.Flag;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's {@code <cputune>} as libvirt reads, writes and checks it: shares, periods and quotas,
 * pins and schedulers of vCPUs, the emulator and iothreads, and resctrl groups ({@link ResctrlPostParse})
 * (virDomainDefTunablesParse's cputune part, virDomainCputuneDefFormat, virDomainDefCputuneValidate).
 * Pins and schedulers are kept per vCPU or iothread, as libvirt keeps them, so a scheduler of several
 * is written once for each; those of iothreads hang on the threads of {@link IothreadsPostParse}.
 * Children libvirt does not know are kept, after those it does. One instance holds one definition's
 * cputune while {@link TunablesPostParse} completes it.
 */
final class CputunePostParse {
    /** {@code <cputune>}'s numbers in libvirt's order: unsigned periods, signed quotas. */
    private static final List<String> NUMBERS = List.of("period", "quota", "global_period", "global_quota",
            "emulator_period", "emulator_quota", "iothread_period", "iothread_quota");
    private static final Set<String> KNOWN = Set.of("shares", "period", "quota", "global_period", "global_quota",
            "emulator_period", "emulator_quota", "iothread_period", "iothread_quota", "vcpupin", "emulatorpin",
            "iothreadpin", "vcpusched", "iothreadsched", "emulatorsched", "cachetune", "memorytune");
    private static final long SHARES_MIN = 2;
    private static final long SHARES_MAX = 262144;
    private static final long PERIOD_MIN = 1000;
    private static final long PERIOD_MAX = 1000000;
    private static final long QUOTA_MIN = 1000;
    private static final long QUOTA_MAX = 17592186044415L;

    private Long shares;
    private final long[] numbers = new long[NUMBERS.size()];
    private final TreeMap<Integer, BitSet> vcpuPins = new TreeMap<>();
    private BitSet emulatorPin;
    private final TreeMap<Integer, ThreadSched> vcpuScheds = new TreeMap<>();
    private ThreadSched emulatorSched;
    private final List<ResctrlPostParse> resctrls = new ArrayList<>();
    private List<XmlElement> unknown = List.of();

    private CputunePostParse() {
    }

    /**
     * The children of every {@code <cputune>}, in document order, read for a guest of {@code maxVcpus}
     * vCPUs; the pins and schedulers of iothreads are set on {@code io}'s threads.
     */
    static CputunePostParse parse(List<XmlElement> children, int maxVcpus, IothreadsPostParse io) {
        CputunePostParse t = new CputunePostParse();
        String shares = Elements.value(Elements.first(children, "shares"));
        if (shares != null) {
            t.shares = CNumbers.strToUllp(shares);
            if (t.shares == null) {
                throw DomainErrors.xml("can't parse cputune shares value");
            }
        }
        for (int i = 0; i < NUMBERS.size(); i++) {
            String name = NUMBERS.get(i);
            String text = Elements.value(Elements.first(children, name));
            if (text != null) {
                Long v = isQuota(name) ? CNumbers.strToLl(text) : CNumbers.strToUllp(text);
                if (v == null) {
                    throw DomainErrors.xml("can't parse cputune " + name.replace('_', ' ') + " value");
                }
                t.numbers[i] = v;
            }
        }
        for (XmlElement pin : Elements.named(children, "vcpupin")) {
            t.vcpuPin(pin, maxVcpus);
        }
        List<XmlElement> emulatorPins = Elements.named(children, "emulatorpin");
        if (emulatorPins.size() > 1) {
            throw DomainErrors.xml("only one emulatorpin is supported");
        }
        if (!emulatorPins.isEmpty()) {
            t.emulatorPin = pinSet(emulatorPins.get(0), "emulatorpin");
        }
        for (XmlElement pin : Elements.named(children, "iothreadpin")) {
            long id = XmlProps.uint(pin, "iothread", Flag.REQUIRED, Flag.NONZERO);
            IoThread thread = iothread(io, id);
            BitSet set = pinSet(pin, "iothreadpin");
            if (thread.pin != null) {
                throw DomainErrors.internal("duplicate iothreadpin for same iothread '" + id + "'");
            }
            thread.pin = set;
        }
        for (XmlElement e : Elements.named(children, "vcpusched")) {
            BitSet vcpus = schedulerBitmap(e, "vcpus");
            ThreadSched sched = ThreadSched.parse(e);
            for (int v = vcpus.nextSetBit(0); v >= 0; v = vcpus.nextSetBit(v + 1)) {
                if (v >= maxVcpus) {
                    throw DomainErrors.unsupported("vCPU '" + v + "' is not present in domain definition");
                }
                if (t.vcpuScheds.putIfAbsent(v, sched) != null) {
                    throw overlap("vcpusched", "vcpus");
                }
            }
        }
        for (XmlElement e : Elements.named(children, "iothreadsched")) {
            BitSet ids = schedulerBitmap(e, "iothreads");
            ThreadSched sched = ThreadSched.parse(e);
            for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
                IoThread thread = iothread(io, id);
                if (thread.sched != null) {
                    throw overlap("iothreadsched", "iothreads");
                }
                thread.sched = sched;
            }
        }
        List<XmlElement> emulatorScheds = Elements.named(children, "emulatorsched");
        if (emulatorScheds.size() > 1) {
            throw DomainErrors.xml("only one emulatorsched is supported");
        }
        if (!emulatorScheds.isEmpty()) {
            t.emulatorSched = ThreadSched.parse(emulatorScheds.get(0));
        }
        for (XmlElement e : Elements.named(children, "cachetune")) {
            ResctrlPostParse.cachetune(e, t.resctrls, maxVcpus);
        }
        for (XmlElement e : Elements.named(children, "memorytune")) {
            ResctrlPostParse.memorytune(e, t.resctrls, maxVcpus);
        }
        t.unknown = children.stream().filter(e -> !KNOWN.contains(e.name())).toList();
        return t;
    }

    private static boolean isQuota(String name) {
        return name.endsWith("quota");
    }

    /** virDomainIOThreadIDFind, refused when there is no such iothread. */
    private static IoThread iothread(IothreadsPostParse io, long id) {
        IoThread thread = io.find(id);
        if (thread == null) {
            throw DomainErrors.unsupported("Cannot find 'iothread' : " + id);
        }
        return thread;
    }

    /** virDomainVcpuPinDefParseXML: a pin of a vCPU beyond the count is ignored, cpuset and all. */
    private void vcpuPin(XmlElement pin, int maxVcpus) {
        long vcpu = XmlProps.uint(pin, "vcpu", Flag.REQUIRED);
        if (vcpu >= maxVcpus) {
            return;
        }
        if (pin.attribute("cpuset") == null) {
            throw DomainErrors.internal("missing cpuset for vcpupin");
        }
        if (vcpuPins.containsKey((int) vcpu)) {
            throw DomainErrors.internal("duplicate vcpupin for vcpu '" + vcpu + "'");
        }
        vcpuPins.put((int) vcpu, pinSet(pin, "vcpupin"));
    }

    /** The {@code cpuset} of a pin (virDomainVcpuPinDefParseXML and its like): present, a bitmap, not empty. */
    private static BitSet pinSet(XmlElement pin, String element) {
        String text = pin.attribute("cpuset");
        if (text == null) {
            throw DomainErrors.internal("missing cpuset for " + element);
        }
        return Bitmaps.parseNonEmpty(text, "cpuset");
    }

    /** virDomainSchedulerParse's bitmap: present, a bitmap, not empty. */
    private static BitSet schedulerBitmap(XmlElement e, String attribute) {
        String text = e.attribute(attribute);
        if (text == null) {
            throw DomainErrors.xml("Missing attribute '" + attribute + "' in element '" + e.name() + "'");
        }
        BitSet set = Bitmaps.parse(text);
        if (set.isEmpty()) {
            throw DomainErrors.unsupported("'" + attribute + "' scheduler bitmap '" + text + "' is empty");
        }
        return set;
    }

    /** virDomainCputuneDefFormat; null when it writes nothing. */
    XmlElement format(IothreadsPostParse io) {
        XmlElement.Builder b = XmlElement.builder("cputune");
        if (shares != null) {
            b.child(Elements.textElement("shares", Long.toUnsignedString(shares)));
        }
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] != 0) {
                String name = NUMBERS.get(i);
                String text = isQuota(name) ? Long.toString(numbers[i]) : Long.toUnsignedString(numbers[i]);
                b.child(Elements.textElement(name, text));
            }
        }
        vcpuPins.forEach((vcpu, set) -> b.child(XmlElement.builder("vcpupin")
                .attribute("vcpu", Integer.toString(vcpu)).attribute("cpuset", Bitmaps.format(set)).build()));
        if (emulatorPin != null) {
            b.child(XmlElement.builder("emulatorpin").attribute("cpuset", Bitmaps.format(emulatorPin)).build());
        }
        List<IoThread> threads = io.inOrder();
        for (IoThread thread : threads) {
            if (thread.pin != null) {
                b.child(XmlElement.builder("iothreadpin").attribute("iothread", Long.toUnsignedString(thread.id))
                        .attribute("cpuset", Bitmaps.format(thread.pin)).build());
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
        for (ResctrlPostParse r : resctrls) {
            XmlElement e = r.formatCachetune();
            if (e != null) {
                b.child(e);
            }
        }
        for (ResctrlPostParse r : resctrls) {
            XmlElement e = r.formatMemorytune();
            if (e != null) {
                b.child(e);
            }
        }
        unknown.forEach(b::child);
        return Elements.orNull(b);
    }

    /** virDomainDefCputuneValidate: shares, then periods (unsigned), then quotas (signed), when set. */
    void validate() {
        if (shares != null && shares != 0
                && (Long.compareUnsigned(shares, SHARES_MIN) < 0 || Long.compareUnsigned(shares, SHARES_MAX) > 0)) {
            throw range("shares", SHARES_MIN, SHARES_MAX);
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < numbers.length; i++) {
                String name = NUMBERS.get(i);
                boolean quota = isQuota(name);
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
        return DomainErrors.unsupported("Value of cputune '" + name + "' must be in range [" + min + ", " + max + "]");
    }

    private static VirtException overlap(String element, String attribute) {
        return DomainErrors.detail("'" + element + "' attributes '" + attribute + "' must not overlap");
    }
}
