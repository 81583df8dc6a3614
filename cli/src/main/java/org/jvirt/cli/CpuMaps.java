package org.jvirt.cli;

import java.util.BitSet;

/** Host CPU sets as virsh reads and writes them: libvirt's virBitmapParse and virBitmapFormat. */
final class CpuMaps {
    /** libvirt parses CPU lists into bitmaps of at most this many bits. */
    private static final int PARSE_LIMIT = 1024;

    private CpuMaps() {
    }

    /** {@code 0-3,6}: ranges of set bits, as virBitmapFormat. */
    static String format(BitSet set) {
        return org.jvirt.model.Bitmaps.format(set);
    }

    /**
     * The part of a CPU set a client sees through a map of {@code VIR_CPU_MAPLEN(maxcpu)} bytes, as
     * virsh asks for them: the CPUs below {@code maxcpu} rounded up to whole bytes.
     */
    static BitSet clip(BitSet set, int maxcpu) {
        int bits = (maxcpu + 7) / 8 * 8;
        return set.get(0, Math.max(0, bits));
    }

    /** {@code yy-y...}: one letter per host CPU, as virsh's vcpuinfo without --pretty. */
    static String letters(BitSet set, int maxcpu) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < maxcpu; i++) {
            out.append(set.get(i) ? 'y' : '-');
        }
        return out.toString();
    }

    /**
     * virsh's virshParseCPUList: {@code r} for every host CPU, else libvirt's bitmap syntax
     * ({@code 0-3,^2,6}), naming at least one CPU below {@code maxcpu}.
     *
     * @throws CommandError as virsh: {@code Invalid cpulist 'X'} (and libvirt's own parse error when
     *     the syntax is wrong), or {@code CPU N in cpulist 'X' exceed the maxcpu M}
     */
    static BitSet parseCpuList(String cpulist, int maxcpu) {
        BitSet map;
        if (cpulist.startsWith("r")) {
            map = new BitSet(maxcpu);
            map.set(0, maxcpu);
            return map;
        }
        map = parse(cpulist);
        if (map == null) {
            throw new CommandError("Invalid cpulist '" + cpulist + "'",
                    "invalid argument: Failed to parse bitmap '" + cpulist + "'");
        }
        if (map.isEmpty()) {
            throw new CommandError("Invalid cpulist '" + cpulist + "'");
        }
        int last = map.length() - 1;
        if (last >= maxcpu) {
            throw new CommandError("CPU " + last + " in cpulist '" + cpulist + "' exceed the maxcpu " + maxcpu);
        }
        return map;
    }

    /** virBitmapParse: {@code N}, {@code N-M} and {@code ^N} separated by commas; null when malformed. */
    static BitSet parse(String text) {
        BitSet map = new BitSet();
        int[] pos = {0};
        skipSpaces(text, pos);
        if (pos[0] >= text.length()) {
            return null;
        }
        while (pos[0] < text.length()) {
            boolean neg = false;
            if (text.charAt(pos[0]) == '^') {
                pos[0]++;
                neg = true;
            }
            Integer start = number(text, pos);
            if (start == null || start >= PARSE_LIMIT) {
                return null;
            }
            skipSpaces(text, pos);
            char c = pos[0] < text.length() ? text.charAt(pos[0]) : '\0';
            if (c == ',' || c == '\0') {
                map.set(start, !neg);
            } else if (c == '-') {
                if (neg) {
                    return null;
                }
                pos[0]++;
                skipSpaces(text, pos);
                Integer last = number(text, pos);
                if (last == null || last < start || last >= PARSE_LIMIT) {
                    return null;
                }
                map.set(start, last + 1);
                skipSpaces(text, pos);
            }
            c = pos[0] < text.length() ? text.charAt(pos[0]) : '\0';
            if (c == ',') {
                pos[0]++;
                skipSpaces(text, pos);
            } else if (c != '\0') {
                return null;
            }
        }
        return map;
    }

    private static Integer number(String text, int[] pos) {
        int start = pos[0];
        if (start >= text.length() || text.charAt(start) < '0' || text.charAt(start) > '9') {
            return null;
        }
        int i = start;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        pos[0] = i;
        Integer value = VirshNumbers.parseInt(text.substring(start, i));
        return value == null || value < 0 ? null : value;
    }

    private static void skipSpaces(String text, int[] pos) {
        while (pos[0] < text.length() && VirshNumbers.isCSpace(text.charAt(pos[0]))) {
            pos[0]++;
        }
    }
}
