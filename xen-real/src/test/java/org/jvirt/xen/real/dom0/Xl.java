package org.jvirt.xen.real.dom0;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What Xen's own tools in dom0 say, parsed: {@code xl info}, {@code xl list -v}, {@code xl vcpu-list} and
 * {@code xentop}'s maximum memory, which no xl command shows. The oracle the tests compare jvirt with.
 */
final class Xl {
    private Xl() {
    }

    /** {@code xl info}: {@code key : value} lines. */
    static Map<String, String> info() {
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : Dom0.run("xl", "info").split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                info.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return info;
    }

    /** A line of {@code xl list -v}. */
    record Domain(String name, int id, long memMiB, int vcpus, String state, double seconds, UUID uuid) {
        boolean paused() {
            return state.indexOf('p') >= 0;
        }
    }

    /** {@code xl list -v}: Name ID Mem VCPUs State Time(s) UUID Reason-Code Security-Label. */
    static List<Domain> list() {
        List<Domain> out = new ArrayList<>();
        for (String line : rows(Dom0.run("xl", "list", "-v"))) {
            String[] f = line.trim().split("\\s+");
            out.add(new Domain(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]), f[4],
                    Double.parseDouble(f[5]), UUID.fromString(f[6])));
        }
        return out;
    }

    /** The domain with id {@code id}, if xl lists it. */
    static Optional<Domain> domain(int id) {
        return list().stream().filter(d -> d.id() == id).findFirst();
    }

    /** A line of {@code xl vcpu-list}; {@code cpu} is -1 where xl shows none. */
    record Vcpu(int domain, int vcpu, int cpu, String state, double seconds, String hardAffinity) {
        boolean blocked() {
            return state.indexOf('b') >= 0;
        }
    }

    /** {@code xl vcpu-list ID}: Name ID VCPU CPU State Time(s) Affinity (Hard / Soft). */
    static List<Vcpu> vcpus(int domain) {
        List<Vcpu> out = new ArrayList<>();
        for (String line : rows(Dom0.run("xl", "vcpu-list", Integer.toString(domain)))) {
            String[] f = line.trim().split("\\s+");
            out.add(new Vcpu(Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3].equals("-") ? -1
                    : Integer.parseInt(f[3]), f[4], Double.parseDouble(f[5]), f[6]));
        }
        return out;
    }

    /** xl's text of a CPU set: {@code all} for every host CPU, else ranges such as {@code 0,2-3}. */
    static String cpuList(BitSet cpus, int hostCpus) {
        if (cpus.cardinality() == hostCpus && cpus.length() == hostCpus) {
            return "all";
        }
        StringBuilder s = new StringBuilder();
        for (int from = cpus.nextSetBit(0); from >= 0; from = cpus.nextSetBit(cpus.nextClearBit(from))) {
            int to = cpus.nextClearBit(from) - 1;
            s.append(s.length() == 0 ? "" : ",").append(from).append(from == to ? "" : "-" + to);
        }
        return s.toString();
    }

    /** {@code xentop}'s MAXMEM(k) of domain {@code name}: the hypervisor's max_pages in KiB. */
    static long maxMemKiB(String name) {
        for (String line : rows(Dom0.run("xentop", "-b", "-f", "-i", "1"))) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals(name)) {
                return Long.parseLong(f[6]);
            }
        }
        throw new AssertionError("xentop does not list " + name);
    }

    private static List<String> rows(String table) {
        List<String> rows = new ArrayList<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(lines[i]);
            }
        }
        return rows;
    }
}
