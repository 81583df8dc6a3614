package org.jvirt.driver.xend.testxend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.driver.xend.sexpr.SexprReader;

/**
 * What the test xend does with each request: the resources and {@code op=} operations of xend 3.0 and
 * 3.1 that libvirt 0.4.4's {@code xend_internal.c} used, on domains kept as S-expressions. Inactive
 * domains ({@code op=new}, {@code ?state=halted}) exist from config format 3 on, as in xend 3.0.4+.
 * Thread-safe (one lock).
 */
public final class TestXendOps {
    /** How a request may be made to fail, for the driver's error paths. */
    public enum Fault {
        /** Answer HTTP 500 with an {@code (xend.err ...)} body. */
        INTERNAL_ERROR,
        /** Accept the request and never answer. */
        HANG,
        /** Send the head and half the body, then close the connection. */
        HANG_UP_MID_BODY,
        /** Answer with something that is not HTTP. */
        NOT_HTTP
    }

    /**
     * What a Xen toolstack does besides xend's own bookkeeping — the hypervisor and XenStore hear of a
     * domain that runs, changes and goes away. Tests that compose xend with the other Xen drivers
     * connect it to their simulated hypervisor and their xenstored. Called under the xend's lock.
     */
    public interface Toolstack {
        /** A running domain, after any request that may have changed it. */
        void running(RunningDomain domain);

        /** A domain that ran and no longer does. */
        void gone(int domid);
    }

    /**
     * A running domain as the toolstack sees it.
     *
     * @param state xend's state letter (r, b, p, s, c)
     * @param memoryMiB the current memory; {@code maxMemoryMiB} its maximum
     */
    public record RunningDomain(int domid, String name, String uuid, char state, long memoryMiB, long maxMemoryMiB,
                                int vcpus, int onlineVcpus, Map<Integer, java.util.BitSet> pins, List<String> disks,
                                int interfaces) {
    }

    private static final int HOST_CPUS = 4;
    private Toolstack toolstack;
    private final java.util.Set<Integer> announced = new java.util.HashSet<>();
    private final int configFormat;
    private final Map<String, TestXendDomain> domains = new LinkedHashMap<>();
    /** Faults to inject, each with the method ("GET", "POST") of the request it hits. */
    private final List<Map.Entry<Fault, String>> faults = new ArrayList<>();
    private int nextDomid = 1;

    TestXendOps(int configFormat) {
        if (configFormat < 1 || configFormat > 4) {
            throw new IllegalArgumentException("xend config format " + configFormat);
        }
        this.configFormat = configFormat;
        TestXendDomain dom0 = new TestXendDomain((SexprList) SexprReader.read("(domain (name Domain-0)"
                + "(uuid 00000000-0000-0000-0000-000000000000)(memory 1024)(maxmem 8192)(vcpus 4)"
                + "(on_poweroff destroy)(on_reboot restart)(on_crash restart))"));
        dom0.domid = 0;
        dom0.state = 'r';
        domains.put("Domain-0", dom0);
    }

    /** Makes the next request of {@code method} ({@code GET} or {@code POST}) fail this way. */
    public synchronized void failNext(Fault fault, String method) {
        faults.add(Map.entry(fault, method));
    }

    synchronized Fault takeFault(String method) {
        for (int i = 0; i < faults.size(); i++) {
            if (faults.get(i).getValue().equals(method)) {
                return faults.remove(i).getKey();
            }
        }
        return null;
    }

    synchronized void addRunning(SexprList document) {
        TestXendDomain d = new TestXendDomain(document);
        d.domid = document.value("domain/domid").map(Integer::parseInt).orElse(nextDomid);
        nextDomid = Math.max(nextDomid, d.domid + 1);
        d.state = 'r';
        domains.put(d.name(), d);
    }

    /** The state letter of a domain, '-' when inactive; for tests that check what xend was asked. */
    public synchronized String stateOf(String name) {
        TestXendDomain d = domains.get(name);
        return d == null ? null : d.stateString();
    }

    /** The configuration of a domain as this xend keeps it, null when unknown. */
    public synchronized String configOf(String name) {
        TestXendDomain d = domains.get(name);
        return d == null ? null : d.config.toString();
    }

    /** Tells {@code t} of every running domain now and after each request. */
    public synchronized void connect(Toolstack t) {
        this.toolstack = t;
        announce();
    }

    synchronized XendReply handle(XendRequest r) {
        try {
            return dispatch(r);
        } finally {
            announce();
        }
    }

    private void announce() {
        if (toolstack == null) {
            return;
        }
        java.util.Set<Integer> now = new java.util.HashSet<>();
        for (TestXendDomain d : domains.values()) {
            if (d.isActive()) {
                now.add(d.domid);
                Map<Integer, java.util.BitSet> pins = new java.util.TreeMap<>();
                d.cpumaps.forEach((vcpu, cpus) -> {
                    java.util.BitSet set = new java.util.BitSet();
                    for (String c : cpus.split(",")) {
                        set.set(Integer.parseInt(c.trim()));
                    }
                    pins.put(vcpu, set);
                });
                List<String> disks = new ArrayList<>();
                int interfaces = 0;
                for (SexprList device : d.config.entries("device")) {
                    if (device.size() > 1 && device.get(1) instanceof SexprList dev && dev.isNamed("vbd")) {
                        dev.value("vbd/dev").map(v -> v.replaceFirst("^ioemu:", "").replaceFirst(":.*$", ""))
                                .ifPresent(disks::add);
                    } else if (device.size() > 1 && device.get(1) instanceof SexprList dev && dev.isNamed("vif")) {
                        interfaces++;
                    }
                }
                toolstack.running(new RunningDomain(d.domid, d.name(), d.uuid(), d.state, d.number("memory"),
                        d.number("maxmem"), (int) d.number("vcpus"), (int) d.onlineVcpus(), pins, disks, interfaces));
            }
        }
        for (int gone : announced) {
            if (!now.contains(gone)) {
                toolstack.gone(gone);
            }
        }
        announced.clear();
        announced.addAll(now);
    }

    private XendReply dispatch(XendRequest r) {
        String path = r.path().endsWith("/") && r.path().length() > 1
                ? r.path().substring(0, r.path().length() - 1) : r.path();
        if (path.equals("/xend/node")) {
            return r.method().equals("GET") ? XendReply.ok(node()) : XendReply.error(500, "Invalid operation");
        }
        if (path.equals("/xend/domain")) {
            return r.method().equals("GET") ? list(r) : domainDirOp(r);
        }
        if (path.startsWith("/xend/domain/")) {
            String id = path.substring("/xend/domain/".length());
            TestXendDomain d = find(id);
            if (d == null) {
                return XendReply.notFound("Domain '" + id + "' does not exist.");
            }
            if (r.method().equals("GET")) {
                if ("vcpuinfo".equals(r.param("op"))) {
                    return XendReply.ok(d.vcpuInfo(HOST_CPUS));
                }
                if ("1".equals(r.param("inactive"))) {
                    // What a managed domain boots with next; a domain xend does not keep has none.
                    return d.persistent() == null ? XendReply.notFound("Domain '" + id + "' is not managed by xend.")
                            : XendReply.ok(d.nextBootDetail());
                }
                if (d.isActive() && d.state != 'p') {
                    d.cpuTime += 0.25;
                }
                return XendReply.ok(d.detail());
            }
            return domainOp(d, r);
        }
        return XendReply.notFound("No such resource: " + r.path());
    }

    private SexprList node() {
        List<Sexpr> items = new ArrayList<>(List.of(Sexpr.atom("node"), Sexpr.entry("host", "testhost"),
                Sexpr.entry("release", "2.6.18-xen"), Sexpr.entry("version", "#1 SMP"),
                Sexpr.entry("machine", "x86_64"), Sexpr.entry("nr_cpus", Integer.toString(HOST_CPUS)),
                Sexpr.entry("nr_nodes", "1"), Sexpr.entry("sockets_per_node", "1"),
                Sexpr.entry("cores_per_socket", "4"), Sexpr.entry("threads_per_core", "1"),
                Sexpr.entry("cpu_mhz", "2400"), Sexpr.entry("hw_caps", "bfebfbff:20000800:00000000:00000140"),
                Sexpr.entry("total_memory", "8191"), Sexpr.entry("free_memory", "4096"),
                Sexpr.entry("xen_major", "3"), Sexpr.entry("xen_minor", configFormat >= 3 ? "1" : "0"),
                Sexpr.entry("xen_extra", ".0"),
                Sexpr.entry("xen_caps", "xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64"),
                Sexpr.entry("platform_params", "virt_start=0xffff800000000000"),
                Sexpr.entry("xen_changeset", "unavailable"), Sexpr.entry("cc_compiler", "gcc version 4.1.2"),
                Sexpr.entry("cc_compile_by", "root"), Sexpr.entry("cc_compile_domain", "localdomain"),
                Sexpr.entry("cc_compile_date", "Mon Jan 7 12:00:00 UTC 2008")));
        if (configFormat > 1) {
            // xend 3.0.2 wrote no xend_config_format: libvirt reads its absence as format 1.
            items.add(Sexpr.entry("xend_config_format", Integer.toString(configFormat)));
        }
        return Sexpr.list(items);
    }

    private XendReply list(XendRequest r) {
        boolean halted = "halted".equals(r.param("state"));
        if (halted && configFormat < 3) {
            return XendReply.error(500, "Invalid state: halted");
        }
        boolean detail = "1".equals(r.param("detail"));
        List<Sexpr> out = new ArrayList<>();
        for (TestXendDomain d : domains.values()) {
            if (d.isActive() != halted) {
                out.add(detail ? d.detail() : Sexpr.atom(d.name()));
            }
        }
        return XendReply.ok(Sexpr.list(out));
    }

    private TestXendDomain find(String id) {
        TestXendDomain d = domains.get(id);
        if (d != null) {
            return d;
        }
        String compact = id.replace("-", "");
        for (TestXendDomain c : domains.values()) {
            if (c.isActive() && Integer.toString(c.domid).equals(id)
                    || !c.uuid().isEmpty() && c.uuid().replace("-", "").equalsIgnoreCase(compact)) {
                return c;
            }
        }
        return null;
    }

    private XendReply domainDirOp(XendRequest r) {
        String op = r.param("op");
        try {
            switch (op == null ? "" : op) {
                case "create":
                    return run(fromConfig(r.param("config")), 'p');
                case "new": {
                    if (configFormat < 3) {
                        return XendReply.error(500, "Invalid operation: new");
                    }
                    TestXendDomain d = fromConfig(r.param("config"));
                    TestXendDomain old = domains.get(d.name());
                    if (old != null && old.isActive()) {
                        // A running domain keeps its configuration; the new one is for its next boot.
                        old.managed = true;
                        old.nextBoot = d.config;
                        return XendReply.ok();
                    }
                    d.managed = true;
                    domains.put(d.name(), d);
                    return XendReply.ok();
                }
                case "restore": {
                    String saved = SaveImages.read(Path.of(r.param("file")));
                    if (saved == null) {
                        return XendReply.error(500, "not a valid guest state file: " + r.param("file"));
                    }
                    return run(fromConfig(saved), 'r');
                }
                default:
                    return XendReply.error(500, "Invalid operation: " + op);
            }
        } catch (IOException | RuntimeException e) {
            return XendReply.error(500, String.valueOf(e.getMessage()));
        }
    }

    /** Runs a configuration (create, restore), in {@code state}; a domain of that name must not run. */
    private XendReply run(TestXendDomain d, char state) {
        TestXendDomain old = domains.get(d.name());
        if (old != null && old.isActive()) {
            return XendReply.error(500, "Domain '" + d.name() + "' already exists");
        }
        if (old != null) {
            // A managed domain run with another configuration keeps its own for the next boot.
            d.managed = old.managed;
            d.nextBoot = old.config;
        }
        start(d, state);
        domains.put(d.name(), d);
        return XendReply.ok(d.detail());
    }

    private TestXendDomain fromConfig(String config) {
        if (config == null) {
            throw new IllegalArgumentException("Missing config");
        }
        SexprList vm = (SexprList) SexprReader.read(config);
        if (!vm.isNamed("vm") && !vm.isNamed("domain") || vm.value(vm.name().orElseThrow() + "/name").isEmpty()) {
            throw new IllegalArgumentException("Invalid configuration: no name");
        }
        List<Sexpr> items = new ArrayList<>(vm.items());
        items.set(0, Sexpr.atom("domain"));
        TestXendDomain d = new TestXendDomain(Sexpr.list(items));
        if (d.uuid().isEmpty()) {
            d.set("uuid", UUID.randomUUID().toString());
        }
        return d;
    }

    private void start(TestXendDomain d, char state) {
        d.domid = nextDomid++;
        d.state = state;
        d.cpuTime = 0;
        d.weight = (int) d.number("cpu_weight", 256);
        d.cap = (int) d.number("cpu_cap", 0);
    }

    private void stop(TestXendDomain d) {
        if (d.managed) {
            if (d.nextBoot != null) {
                d.config = d.nextBoot;
                d.nextBoot = null;
            }
            d.cpumaps.clear();
            d.domid = -1;
            d.state = 0;
        } else {
            domains.remove(d.name());
        }
    }

    private XendReply domainOp(TestXendDomain d, XendRequest r) {
        String op = r.param("op") == null ? "" : r.param("op");
        if (!d.isActive() && !List.of("start", "delete", "maxmem_set", "mem_target_set", "vcpu_set", "set_vcpus",
                "device_create", "device_destroy", "device_configure", "domain_sched_credit_get").contains(op)) {
            return XendReply.error(500, "Domain '" + d.name() + "' is not running");
        }
        try {
            switch (op) {
                case "start" -> {
                    if (d.isActive()) {
                        return XendReply.error(500, "Domain '" + d.name() + "' is already running");
                    }
                    start(d, "1".equals(r.param("paused")) ? 'p' : 'r');
                }
                case "delete" -> {
                    if (d.isActive()) {
                        // It runs on, and is forgotten when it stops.
                        d.managed = false;
                        d.nextBoot = null;
                    } else {
                        domains.remove(d.name());
                    }
                }
                case "destroy" -> stop(d);
                case "shutdown" -> {
                    String reason = r.param("reason");
                    if ("reboot".equals(reason)) {
                        d.cpuTime = 0;
                    } else if ("halt".equals(reason) || "poweroff".equals(reason)) {
                        stop(d);
                    } else {
                        return XendReply.error(500, "Invalid shutdown reason: " + reason);
                    }
                }
                case "pause" -> d.state = 'p';
                case "unpause" -> d.state = 'r';
                case "wait_for_devices" -> {
                }
                case "save" -> {
                    SaveImages.write(Path.of(r.param("file")), d.config.toString());
                    stop(d);
                }
                case "dump" -> {
                    Files.writeString(Path.of(r.param("file")), "XenCoreDump " + d.name() + "\n",
                            StandardCharsets.UTF_8);
                    if ("1".equals(r.param("crash"))) {
                        stop(d);
                    }
                }
                case "mem_target_set" -> {
                    long target = Long.parseLong(r.param("target"));
                    if (target > d.number("maxmem")) {
                        return XendReply.error(500, "memory target " + target + " is more than maxmem");
                    }
                    d.set("memory", Long.toString(target));
                }
                case "maxmem_set" -> d.set("maxmem", Long.toString(Long.parseLong(r.param("memory"))));
                case "vcpu_set", "set_vcpus" -> {
                    int n = Integer.parseInt(r.param("vcpus"));
                    if (n < 1 || n > d.number("vcpus")) {
                        return XendReply.error(500, "Invalid VCPU count " + n + ": the domain has " + d.number("vcpus"));
                    }
                    d.set("vcpu_avail", Long.toString((1L << n) - 1));
                }
                case "pincpu" -> {
                    int vcpu = Integer.parseInt(r.param("vcpu"));
                    if (vcpu < 0 || vcpu >= d.number("vcpus")) {
                        return XendReply.error(500, "Invalid VCPU " + vcpu);
                    }
                    String map = r.param("cpumap").replaceAll("[\\[\\] ]", "");
                    d.cpumaps.put(Integer.parseInt(r.param("vcpu")), map);
                }
                case "device_create" -> {
                    SexprList device = (SexprList) SexprReader.read(r.param("config"));
                    String kind = device.name().orElse("");
                    String dev = device.value(kind + "/dev").orElse(device.value(kind + "/mac").orElse(""));
                    if (!dev.isEmpty() && d.hasDevice(kind, dev)) {
                        return XendReply.error(500, "Device " + dev + " is already connected");
                    }
                    d.addDevice(device);
                }
                case "device_destroy" -> {
                    if (!d.removeDevice(r.param("type"), r.param("dev"))) {
                        return XendReply.error(500, "Device " + r.param("dev") + " not connected");
                    }
                }
                case "device_configure" -> {
                    if (!d.replaceDevice((SexprList) SexprReader.read(r.param("config")), r.param("dev"))) {
                        return XendReply.error(500, "Device " + r.param("dev") + " not connected");
                    }
                }
                case "domain_sched_credit_get" -> {
                    return XendReply.ok(Sexpr.list(Sexpr.entry("weight", Integer.toString(d.weight)),
                            Sexpr.entry("cap", Integer.toString(d.cap))));
                }
                case "domain_sched_credit_set" -> {
                    d.weight = r.param("weight") == null ? d.weight : Integer.parseInt(r.param("weight"));
                    d.cap = r.param("cap") == null ? d.cap : Integer.parseInt(r.param("cap"));
                }
                case "migrate" -> {
                    if (r.param("destination") == null) {
                        return XendReply.error(500, "Missing destination");
                    }
                    stop(d);
                }
                default -> {
                    return XendReply.error(500, "Invalid operation: " + op);
                }
            }
            return XendReply.ok();
        } catch (IOException | RuntimeException e) {
            return XendReply.error(500, String.valueOf(e.getMessage()));
        }
    }
}
