package org.jvirt.driver.xend.testxend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jvirt.driver.xend.sexpr.Atom;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;

/**
 * One domain of the test xend: its configuration as xend kept it (the items of a {@code (domain ...)}
 * or {@code (vm ...)} document, without the run-time ones) and its run-time state. A running domain has
 * the configuration it runs with; a managed one (defined with {@code op=new}) also the one it boots with
 * next, which is what an inactive one has. The caller holds the test xend's lock.
 */
final class TestXendDomain {
    /** The run-time items xend adds to a domain's document; never part of the configuration. */
    private static final List<String> RUNTIME = List.of("domid", "state", "cpu_time", "online_vcpus", "status");

    /** The configuration in effect: the running one while active, else the one it boots with. */
    SexprList config;
    /** What a managed domain boots with next, while it runs (null otherwise: then {@link #config}). */
    SexprList nextBoot;
    /** -1 while inactive (only xend 3.0.4+ keeps inactive domains). */
    int domid = -1;
    /** xend's state letter: r(unning), b(locked), p(aused), s(hutdown), c(rashed). */
    char state;
    /** Whether xend keeps the domain when it stops (defined with {@code op=new}). */
    boolean managed;
    double cpuTime;
    final Map<Integer, String> cpumaps = new TreeMap<>();
    int weight = 256;
    int cap;

    TestXendDomain(SexprList document) {
        List<Sexpr> kept = new ArrayList<>();
        kept.add(Sexpr.atom("domain"));
        for (int i = 1; i < document.size(); i++) {
            if (!(document.get(i) instanceof SexprList l && l.name().filter(RUNTIME::contains).isPresent())) {
                kept.add(document.get(i));
            }
        }
        this.config = Sexpr.list(kept);
    }

    String name() {
        return config.value("domain/name").orElseThrow();
    }

    /** The configuration the domain boots with next: null for one xend does not keep. */
    SexprList persistent() {
        return !managed ? null : isActive() && nextBoot != null ? nextBoot : config;
    }

    /** The UUID as xend wrote it, dashes or not; empty when the configuration has none. */
    String uuid() {
        return config.value("domain/uuid").orElse("");
    }

    boolean isActive() {
        return domid >= 0;
    }

    long number(String key) {
        return config.value("domain/" + key).map(v -> (long) Double.parseDouble(v)).orElse(0L);
    }

    long number(String key, long absent) {
        return config.value("domain/" + key).isPresent() ? number(key) : absent;
    }

    void set(String key, String value) {
        List<Sexpr> items = new ArrayList<>(config.items());
        SexprList entry = Sexpr.entry(key, value);
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i) instanceof SexprList l && l.isNamed(key)) {
                items.set(i, entry);
                config = Sexpr.list(items);
                return;
            }
        }
        items.add(entry);
        config = Sexpr.list(items);
    }

    void addDevice(SexprList device) {
        List<Sexpr> items = new ArrayList<>(config.items());
        items.add(Sexpr.node("device", device));
        config = Sexpr.list(items);
    }

    /** Whether a device of this kind has {@code dev} (or {@code mac}) {@code id}. */
    boolean hasDevice(String kind, String id) {
        for (SexprList d : config.entries("device")) {
            if (d.size() > 1 && d.get(1) instanceof SexprList dev && dev.isNamed(kind) && identifies(dev, id)) {
                return true;
            }
        }
        return false;
    }

    /** Removes the device of this kind whose {@code dev} (or {@code mac}, for a vif) is {@code id}. */
    boolean removeDevice(String kind, String id) {
        List<Sexpr> items = new ArrayList<>(config.items());
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i) instanceof SexprList d && d.isNamed("device") && d.size() > 1
                    && d.get(1) instanceof SexprList dev && dev.isNamed(kind) && identifies(dev, id)) {
                items.remove(i);
                config = Sexpr.list(items);
                return true;
            }
        }
        return false;
    }

    /** Replaces the device of this kind whose {@code dev} is {@code id} (a CD-ROM's new medium). */
    boolean replaceDevice(SexprList device, String id) {
        String kind = device.name().orElse("");
        List<Sexpr> items = new ArrayList<>(config.items());
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i) instanceof SexprList d && d.isNamed("device") && d.size() > 1
                    && d.get(1) instanceof SexprList dev && dev.isNamed(kind) && identifies(dev, id)) {
                items.set(i, Sexpr.node("device", device));
                config = Sexpr.list(items);
                return true;
            }
        }
        return false;
    }

    private static boolean identifies(SexprList dev, String id) {
        String kind = dev.name().orElse("");
        for (String key : new String[] {"dev", "mac"}) {
            String v = dev.value(kind + "/" + key).orElse(null);
            if (v != null && (v.equals(id) || v.startsWith(id + ":") || v.equals("ioemu:" + id)
                    || v.startsWith("ioemu:" + id + ":"))) {
                return true;
            }
        }
        return false;
    }

    /** The domain's document as {@code GET /xend/domain/NAME?detail=1} answers it. */
    SexprList detail() {
        List<Sexpr> items = new ArrayList<>();
        items.add(Sexpr.atom("domain"));
        if (isActive()) {
            items.add(Sexpr.entry("domid", Integer.toString(domid)));
        }
        items.addAll(config.items().subList(1, config.size()));
        items.add(Sexpr.entry("state", stateString()));
        items.add(Sexpr.entry("cpu_time", Double.toString(cpuTime)));
        if (isActive()) {
            items.add(Sexpr.entry("online_vcpus", Long.toString(onlineVcpus())));
        }
        return Sexpr.list(items);
    }

    /** The document of what a managed domain boots with next, as an inactive domain's. */
    SexprList nextBootDetail() {
        List<Sexpr> items = new ArrayList<>();
        items.add(Sexpr.atom("domain"));
        SexprList p = persistent();
        items.addAll(p.items().subList(1, p.size()));
        items.add(Sexpr.entry("state", "------"));
        items.add(Sexpr.entry("cpu_time", "0.0"));
        return Sexpr.list(items);
    }

    /** The vCPUs online: those of {@code vcpu_avail}'s bitmap, all of {@code vcpus} without one. */
    long onlineVcpus() {
        long avail = config.value("domain/vcpu_avail").map(Long::parseLong).orElse(-1L);
        long max = number("vcpus");
        return avail < 0 ? max : Math.min(max, Long.bitCount(avail));
    }

    /** xend's six-letter state, {@code r-----} to {@code -----d}; all dashes while inactive. */
    String stateString() {
        char[] s = "------".toCharArray();
        int at = "rbpscd".indexOf(state);
        if (isActive() && at >= 0) {
            s[at] = state;
        }
        return new String(s);
    }

    /** {@code ((vcpu (number 0) (online 1) ...) ...)} as {@code ?op=vcpuinfo} answers it. */
    SexprList vcpuInfo(int hostCpus) {
        List<Sexpr> vcpus = new ArrayList<>();
        for (int v = 0; v < number("vcpus"); v++) {
            List<Sexpr> map = new ArrayList<>();
            String pinned = cpumaps.get(v);
            if (pinned == null) {
                for (int c = 0; c < hostCpus; c++) {
                    map.add(new Atom(Integer.toString(c)));
                }
            } else {
                for (String c : pinned.split(",")) {
                    map.add(new Atom(c));
                }
            }
            vcpus.add(Sexpr.node("vcpu", Sexpr.entry("number", Integer.toString(v)),
                    Sexpr.entry("online", isActive() && v < onlineVcpus() ? "1" : "0"), Sexpr.entry("blocked", "0"),
                    Sexpr.entry("running", state == 'r' ? "1" : "0"),
                    Sexpr.entry("cpu_time", Double.toString(cpuTime / Math.max(1, number("vcpus")))),
                    Sexpr.entry("cpu", Integer.toString(v % hostCpus)), Sexpr.node("cpumap", Sexpr.list(map))));
        }
        return Sexpr.list(vcpus);
    }
}
