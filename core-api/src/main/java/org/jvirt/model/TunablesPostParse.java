package org.jvirt.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's tunables as libvirt reads and writes them: {@code <blkiotune>}, {@code <memtune>},
 * {@code <iothreads>} with {@code <iothreadids>} and {@code <defaultiothread>} ({@link IothreadsPostParse}),
 * and {@code <cputune>} ({@link CputunePostParse}): virDomainDefTunablesParse with
 * virDomainDefParseIOThreads; virDomainDefFormatBlkiotune, virDomainMemtuneFormat,
 * virDomainDefIOThreadsFormat and virDomainCputuneDefFormat. The model keeps these as elements; this
 * normalises them: the values libvirt settles (iothread ids filled in up to the count, pins and
 * schedulers per vCPU or iothread, unlimited memory limits not written, sizes in KiB), the children
 * libvirt leaves out, and the order it writes. Repeated elements are read as libvirt's XPath reads them
 * (the first of a value, every pin and device) and written once. Children of {@code <blkiotune>},
 * {@code <memtune>} and {@code <cputune>} that libvirt does not know are kept, after those it does;
 * their attributes, which libvirt has none of, are not. This class reads {@code <blkiotune>} and
 * {@code <memtune>} itself, and runs the iothreads and cputune in libvirt's order.
 *
 * <p>Refuses what libvirt's parser refuses, with its code and words, and also what libvirt checks
 * only once the definition is complete (virDomainDefCputuneValidate, virDomainDefTunablesValidate,
 * virDomainDefValidateIOThreads): those checks come last here, but before the rest of the pipeline,
 * so a definition with another fault besides may be refused for this one first. Stateless.
 */
final class TunablesPostParse {
    private static final Set<String> NAMES = Set.of("blkiotune", "memtune", "iothreads", "iothreadids",
            "defaultiothread", "cputune");
    private static final Set<String> BLKIOTUNE = Set.of("weight", "device");
    private static final List<String> MEMTUNE = List.of("hard_limit", "soft_limit", "min_guarantee",
            "swap_hard_limit");
    /** VIR_DOMAIN_MEMORY_PARAM_UNLIMITED, in KiB: a memory limit this large is no limit. */
    private static final long UNLIMITED = 9007199254740991L;

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
        // virDomainDefTunablesParse's order: blkio, memory, iothreads, cputune; then the checks.
        done.put("blkiotune", blkiotune(found.getOrDefault("blkiotune", List.of()), blkioDevices));
        done.put("memtune", memtune(found.getOrDefault("memtune", List.of())));
        IothreadsPostParse io = IothreadsPostParse.parse(found.getOrDefault("iothreads", List.of()),
                found.getOrDefault("iothreadids", List.of()), found.getOrDefault("defaultiothread", List.of()));
        CputunePostParse cputune = CputunePostParse.parse(
                Elements.childrenOf(found.getOrDefault("cputune", List.of())), maxVcpus, io);
        done.put("iothreads", io.countElement());
        done.put("iothreadids", io.idsElement());
        done.put("defaultiothread", io.defaultElement());
        done.put("cputune", cputune.format(io));
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
        List<XmlElement> children = Elements.childrenOf(elements);
        XmlElement.Builder b = XmlElement.builder("blkiotune");
        // libvirt reads the weight with virXPathUInt and takes anything unreadable as no weight.
        String weightText = Elements.value(Elements.first(children, "weight"));
        Long weight = weightText == null ? null : CNumbers.strToUip(weightText);
        if (weight != null && weight != 0) {
            b.child(Elements.textElement("weight", Long.toUnsignedString(weight)));
        }
        for (XmlElement device : Elements.named(children, "device")) {
            devicesOut.add(device);
            XmlElement done = blkioDevice(device);
            if (done != null) {
                b.child(done);
            }
        }
        keepUnknown(children, BLKIOTUNE, b);
        return Elements.orNull(b);
    }

    /** virDomainBlkioDeviceParseXML; null when libvirt does not write the device (nothing set). */
    private static XmlElement blkioDevice(XmlElement device) {
        List<XmlElement> c = device.children();
        String path = Elements.value(Elements.first(c, "path"));
        if (path == null) {
            throw DomainErrors.unsupported("missing per-device path");
        }
        // Weights and IOPS are unsigned ints, byte rates unsigned long longs; a minus sign wraps around.
        long weight = blkioNumber(c, "weight", "weight", CNumbers::strToUi);
        long readBytes = blkioNumber(c, "read_bytes_sec", "read bytes sec", CNumbers::strToUll);
        long writeBytes = blkioNumber(c, "write_bytes_sec", "write bytes sec", CNumbers::strToUll);
        long readIops = blkioNumber(c, "read_iops_sec", "read iops sec", CNumbers::strToUi);
        long writeIops = blkioNumber(c, "write_iops_sec", "write iops sec", CNumbers::strToUi);
        if (weight == 0 && readIops == 0 && writeIops == 0 && readBytes == 0 && writeBytes == 0) {
            return null;
        }
        XmlElement.Builder b = XmlElement.builder("device").child(Elements.textElement("path", path));
        String[] names = {"weight", "read_iops_sec", "write_iops_sec", "read_bytes_sec", "write_bytes_sec"};
        long[] values = {weight, readIops, writeIops, readBytes, writeBytes};
        for (int i = 0; i < names.length; i++) {
            if (values[i] != 0) {
                b.child(Elements.textElement(names[i], Long.toUnsignedString(values[i])));
            }
        }
        return b.build();
    }

    /** One number of a blkio device, read with {@code reader}; 0 when absent. */
    private static long blkioNumber(List<XmlElement> children, String element, String words,
                                    Function<String, Long> reader) {
        String text = Elements.value(Elements.first(children, element));
        if (text == null) {
            return 0;
        }
        Long v = reader.apply(text);
        if (v == null) {
            throw DomainErrors.unsupported("could not parse " + words + " " + text);
        }
        return v;
    }

    /** virDomainDefTunablesValidate: no two devices (written or not) with one path. */
    private static void validateBlkio(List<XmlElement> devices) {
        Set<String> paths = new HashSet<>();
        for (XmlElement device : devices) {
            String path = Elements.value(Elements.first(device.children(), "path"));
            if (!paths.add(path)) {
                throw DomainErrors.unsupported("duplicate blkio device path '" + path + "'");
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
        List<XmlElement> children = Elements.childrenOf(elements);
        XmlElement.Builder b = XmlElement.builder("memtune");
        for (String name : MEMTUNE) {
            XmlElement e = Elements.first(children, name);
            String xpath = "./memtune/" + name + "[1]";
            long kib;
            if (name.equals("min_guarantee")) {
                // virDomainParseMemory, not required: 0 when absent.
                kib = Elements.value(e) == null ? 0 : ScaledValues.memoryKiB(e.text(), e.attribute("unit"), xpath);
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
        return Elements.orNull(b);
    }

    /** virDomainParseMemoryLimit: KiB, no more than unlimited; unlimited when absent. */
    private static long memoryLimit(XmlElement e, String xpath) {
        if (Elements.value(e) == null) {
            return UNLIMITED;
        }
        long bytes = ScaledValues.parse(e.text(), e.attribute("unit"), xpath, 1024, UNLIMITED << 10);
        return Math.min(ScaledValues.kibRoundedUp(bytes), UNLIMITED);
    }
}
