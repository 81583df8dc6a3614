package org.jvirt.driver.xm.config;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.Bitmaps;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * Memory and virtual CPUs: {@code memory} (the current memory, MiB) and {@code maxmem} (the
 * maximum, {@code memory} when not set), 128 MiB when neither is, as libvirt 0.4.4 defaulted;
 * {@code vcpus} (the maximum, 1 when not set), {@code vcpu_avail} (a bit mask of the online
 * ones, which libvirt's later xm driver read, for fewer online than the maximum) and {@code cpus}
 * (the host CPUs they may run on, a CPU set written as libvirt writes sets). Stateless.
 */
final class Resources {
    /** libvirt's default guest memory: twice MIN_XEN_GUEST_SIZE (64 MiB). */
    private static final long DEFAULT_MIB = 128;
    private static final long MAX_MIB = Long.MAX_VALUE / 1024;

    private Resources() {
    }

    static List<XmlElement> read(XmSettings s) {
        long currentMib = mebibytes(s, "memory", DEFAULT_MIB);
        long maxMib = mebibytes(s, "maxmem", currentMib);
        Long vcpus = s.count("vcpus");
        long maxVcpus = vcpus == null ? 1 : vcpus;
        if (maxVcpus < 1) {
            throw XmErrors.setting(s.position("vcpus"), "vcpus", "must be at least 1, not " + maxVcpus);
        }
        if (maxVcpus > Integer.MAX_VALUE) {
            throw XmErrors.setting(s.position("vcpus"), "vcpus", "is too large: " + maxVcpus);
        }
        XmlElement.Builder vcpu = Xml.element("vcpu", "cpuset", cpus(s));
        Long avail = s.integer("vcpu_avail");
        if (avail != null) {
            long online = Math.min(Long.bitCount(avail), maxVcpus);
            if (online == 0) {
                throw XmErrors.setting(s.position("vcpu_avail"), "vcpu_avail", "leaves no vCPU online");
            }
            vcpu.attribute("current", Long.toString(online));
        }
        return List.of(Xml.text("currentMemory", Long.toString(currentMib * 1024)),
                Xml.text("memory", Long.toString(maxMib * 1024)), vcpu.text(Long.toString(maxVcpus)).build());
    }

    /** The MiB {@code key} says, {@code absent} when not set; KiB of it must fit a long. */
    private static long mebibytes(XmSettings s, String key, long absent) {
        Long mib = s.count(key);
        if (mib != null && mib > MAX_MIB) {
            throw XmErrors.setting(s.position(key), key, "is too large: " + mib + " MiB");
        }
        return mib == null ? absent : mib;
    }

    /** The CPU set, as libvirt 0.4.4's virConvertCpuSet rewrote it; null when not set. */
    private static String cpus(XmSettings s) {
        String cpus = s.string("cpus");
        if (cpus == null) {
            return null;
        }
        BitSet set;
        try {
            set = Bitmaps.parse(cpus);
        } catch (VirtException e) {
            throw XmErrors.setting(s.position("cpus"), "cpus", "'" + cpus + "' is not a CPU set (such as '0-3,^2')");
        }
        if (set.isEmpty()) {
            throw XmErrors.setting(s.position("cpus"), "cpus", "'" + cpus + "' leaves no CPU");
        }
        return Bitmaps.format(set);
    }

    static void write(DomainDefinition def, Map<String, XmValue> out) {
        out.put("maxmem", XmValue.of(def.memoryKiB() / 1024));
        out.put("memory", XmValue.of(def.currentMemoryKiB() / 1024));
        out.put("vcpus", XmValue.of(def.vcpus()));
        if (def.currentVcpus() < def.vcpus()) {
            if (def.currentVcpus() > 63) {
                throw XmErrors.unsupported(def.name(), "xm cannot say that " + def.currentVcpus()
                        + " of " + def.vcpus() + " vCPUs are online: vcpu_avail holds 63 at most");
            }
            out.put("vcpu_avail", XmValue.of((1L << def.currentVcpus()) - 1));
        }
        if (def.cpuset() != null) {
            out.put("cpus", XmValue.of(Bitmaps.format(Bitmaps.parse(def.cpuset()))));
        }
    }
}
