package org.jvirt.driver.xend.config;

import java.util.BitSet;

/**
 * libvirt's CPU set syntax ({@code 0-3,^2,8}), rewritten as the plain ranges xend understands
 * ({@code 0-1,3,8}), as libvirt 0.4.4's {@code virParseCpuSet} and {@code virSaveCpuSet} did.
 */
final class CpuSets {
    /** The most CPUs a set names, as libvirt's {@code virConvertCpuSet} assumed without a host to ask. */
    static final int MAX_CPUS = 4096;

    private CpuSets() {
    }

    /**
     * {@code cpuset} as ranges.
     *
     * @throws org.jvirt.api.VirtException XML_ERROR when it is not a CPU set, or names no CPU
     */
    static String ranges(String cpuset) {
        BitSet cpus = parse(cpuset);
        StringBuilder out = new StringBuilder();
        for (int start = cpus.nextSetBit(0); start >= 0; start = cpus.nextSetBit(start)) {
            int end = cpus.nextClearBit(start);
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end - 1 > start) {
                out.append('-').append(end - 1);
            }
            start = end;
        }
        return out.toString();
    }

    private static BitSet parse(String cpuset) {
        BitSet cpus = new BitSet();
        for (String part : cpuset.split(",", -1)) {
            String p = part.strip();
            boolean exclude = p.startsWith("^");
            if (exclude) {
                p = p.substring(1).strip();
            }
            int dash = p.indexOf('-');
            int first = cpu(dash < 0 ? p : p.substring(0, dash), cpuset);
            int last = dash < 0 ? first : cpu(p.substring(dash + 1), cpuset);
            if (last < first || exclude && dash >= 0) {
                throw invalid(cpuset);
            }
            if (exclude) {
                cpus.clear(first);
            } else {
                cpus.set(first, last + 1);
            }
        }
        if (cpus.isEmpty()) {
            throw invalid(cpuset);
        }
        return cpus;
    }

    private static int cpu(String text, String cpuset) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 4 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(cpuset);
        }
        int n = Integer.parseInt(t);
        if (n >= MAX_CPUS) {
            throw invalid(cpuset);
        }
        return n;
    }

    private static org.jvirt.api.VirtException invalid(String cpuset) {
        return XendErrors.xml("topology cpuset syntax error: '" + cpuset + "'");
    }
}
