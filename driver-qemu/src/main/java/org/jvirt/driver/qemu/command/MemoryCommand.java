package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest RAM part of a command line, as libvirt 9's {@code qemuBuildMemCommandLine} writes it:
 * {@code -m}, the machine's RAM as a {@code memory-backend-*} object named by the machine's default RAM
 * id (which {@code -machine memory-backend=} names, {@link #machineParams}), {@code -overcommit}; the
 * memory backends of guest NUMA nodes and memory modules ({@link #backend}, libvirt's
 * {@code qemuBuildMemoryBackendProps}); the {@code pc-dimm}/{@code nvdimm} devices. Sizes are aligned as
 * libvirt aligns them at start: RAM and NUMA nodes to 1 MiB, memory modules to 2 MiB. Stateless.
 */
final class MemoryCommand {
    private MemoryCommand() {
    }

    /**
     * One {@code <memory model>} device.
     *
     * @param alias its QEMU id, by its slot ({@code dimm0}, {@code nvdimm1}), its backend's being {@code mem} + alias
     * @param model {@code dimm} or {@code nvdimm}
     * @param sizeKiB its size, aligned
     * @param node its guest NUMA node, -1 when it names none
     * @param element the device's element
     */
    record Module(String alias, String model, long sizeKiB, int node, XmlElement element) {
        XmlElement at(String... path) {
            XmlElement e = element;
            for (String p : path) {
                e = e == null ? null : e.child(p);
            }
            return e;
        }

        String path() {
            XmlElement p = at("source", "path");
            return p == null ? null : p.text().strip();
        }
    }

    /** The definition's memory modules, in order, with libvirt's aliases. */
    static List<Module> modules(DomainDefinition def) {
        List<Module> out = new ArrayList<>();
        for (UnknownDevice u : def.devices(UnknownDevice.class)) {
            XmlElement e = u.element();
            if (!e.name().equals("memory")) {
                continue;
            }
            String model = e.attribute("model");
            XmlElement size = e.child("target") == null ? null : e.child("target").child("size");
            XmlElement node = e.child("target") == null ? null : e.child("target").child("node");
            long kib = size == null ? 0 : MemorySizes.kib(size.text(), size.attribute("unit"));
            // libvirt names a module by its slot (qemuAssignDeviceMemoryAlias), which post-parse gives it
            XmlElement address = e.child("address");
            String slot = address == null ? null : address.attribute("slot");
            out.add(new Module(model + (slot == null ? out.size() : Integer.decode(slot)), model, (kib + 2047) / 2048 * 2048,
                    node == null ? -1 : Integer.parseInt(node.text().strip()), e));
        }
        return out;
    }

    /** The memory the guest starts with, KiB, aligned: its NUMA nodes', else all but its modules'. */
    static long initialKiB(DomainDefinition def) {
        GuestCpu cpu = GuestCpu.of(def);
        if (cpu != null && !cpu.cells().isEmpty()) {
            long sum = 0;
            for (GuestCpu.Cell c : cpu.cells()) {
                sum += align(c.memoryKiB());
            }
            return sum;
        }
        long modules = 0;
        for (Module m : modules(def)) {
            modules += m.sizeKiB();
        }
        return align(def.memoryKiB() - modules);
    }

    static long align(long kib) {
        return (kib + 1023) / 1024 * 1024;
    }

    private static boolean numa(DomainDefinition def) {
        GuestCpu cpu = GuestCpu.of(def);
        return cpu != null && !cpu.cells().isEmpty();
    }

    /** The id of the machine's RAM backend ({@code pc.ram}), or null when QEMU names none for it. */
    static String defaultRamId(Guest g) {
        EmulatorInfo.Machine m = g.emu().machine(g.machine());
        return m == null ? null : m.defaultRamId();
    }

    /**
     * What {@code -machine} says of memory, after the machine's other options, as libvirt's
     * {@code qemuAppendDomainMemoryMachineParams}: {@code dump-guest-core}, {@code mem-merge=off} for
     * {@code <nosharepages/>}, {@code nvdimm=on}, and the RAM backend of a guest without NUMA nodes.
     */
    static String machineParams(Guest g) {
        DomainDefinition def = g.def();
        StringBuilder m = new StringBuilder(",dump-guest-core=");
        m.append("on".equals(GuestMemory.dumpCore(def)) ? "on" : "off");
        if (GuestMemory.backingHas(def, "nosharepages")) {
            m.append(",mem-merge=off");
        }
        if (modules(def).stream().anyMatch(x -> x.model().equals("nvdimm"))) {
            m.append(",nvdimm=on");
        }
        String ramId = defaultRamId(g);
        if (ramId != null && !numa(def)) {
            m.append(",memory-backend=").append(ramId);
        }
        return m.toString();
    }

    /** {@code -m}, the RAM backend, {@code -overcommit}. */
    static void memory(Guest g, CommandLine out, Path privateDir) {
        DomainDefinition def = g.def();
        long initial = initialKiB(def);
        long[] max = GuestMemory.maxMemory(def);
        if (max != null && max[1] > 0) {
            out.arg("-m", "size=" + initial + "k,slots=" + max[1] + ",maxmem=" + align(max[0]) + "k");
        } else {
            out.arg("-m", Long.toString(initial / 1024));
        }
        String ramId = defaultRamId(g);
        if (ramId != null && !numa(def)) {
            out.arg("-object", Json.write(backend(g, ramId, initial, -1, null, true, privateDir)));
        }
        out.arg("-overcommit", "mem-lock=" + (GuestMemory.backingHas(def, "locked") ? "on" : "off"));
    }

    /** The backend objects and devices of the memory modules, where libvirt writes them (after the controllers). */
    static void addModules(Guest g, CommandLine out, Path privateDir) {
        for (Module m : modules(g.def())) {
            out.arg("-object", Json.write(backend(g, "mem" + m.alias(), m.sizeKiB(), m.node(), m, false, privateDir)));
            Map<String, Object> d = GuestMemory.props();
            d.put("driver", m.model().equals("nvdimm") ? "nvdimm" : "pc-dimm");
            if (m.node() >= 0) {
                d.put("node", m.node());
            }
            XmlElement label = m.at("target", "label", "size");
            if (label != null) {
                d.put("label-size", MemorySizes.kib(label.text(), label.attribute("unit")) * 1024);
            }
            if (m.at("target", "readonly") != null) {
                d.put("unarmed", true);
            }
            d.put("memdev", "mem" + m.alias());
            d.put("id", m.alias());
            XmlElement address = m.element().child("address");
            if (address != null && address.attribute("slot") != null) {
                d.put("slot", Integer.decode(address.attribute("slot")));
            }
            if (address != null && address.attribute("base") != null) {
                d.put("addr", Long.decode(address.attribute("base")));
            }
            out.device(d);
        }
    }

    /**
     * A memory backend object, as libvirt's {@code qemuBuildMemoryBackendProps}: {@code memory-backend-ram}
     * unless the memory is to be shared, file-backed or an NVDIMM's file ({@code memory-backend-file}) or
     * anonymous memfd ({@code memory-backend-memfd}); the host nodes of {@code <numatune>}.
     *
     * @param node the guest NUMA node, -1 for none
     * @param module the memory module, or null for RAM or a NUMA node
     * @param systemMemory whether it is the machine's RAM, which QEMU names without a canonical path
     */
    static Map<String, Object> backend(Guest g, String id, long sizeKiB, int node, Module module,
                                       boolean systemMemory, Path privateDir) {
        DomainDefinition def = g.def();
        String access = module == null ? null : module.element().attribute("access");
        GuestCpu cpu = GuestCpu.of(def);
        if (access == null && node >= 0 && cpu != null) {
            for (GuestCpu.Cell c : cpu.cells()) {
                if (c.id() == node) {
                    access = c.memAccess();
                }
            }
        }
        if (access == null) {
            access = GuestMemory.access(def);
        }
        String nvdimmPath = module == null ? null : module.path();
        boolean pmem = module != null && module.at("source", "pmem") != null;
        boolean prealloc = GuestMemory.immediate(def) || nvdimmPath != null && !pmem;
        Map<String, Object> p = GuestMemory.props();
        p.put("qom-type", "memory-backend-ram");
        p.put("id", id);
        String source = GuestMemory.source(def);
        boolean canonicalOff = false;
        if (nvdimmPath == null && source.equals("memfd")) {
            p.put("qom-type", "memory-backend-memfd");
            share(p, access);
            canonicalOff = systemMemory;
        } else if (nvdimmPath != null || access != null || source.equals("file")) {
            p.put("qom-type", "memory-backend-file");
            p.put("mem-path", nvdimmPath != null ? nvdimmPath : memoryBackingDir(privateDir).resolve(id).toString());
            share(p, access);
            canonicalOff = systemMemory;
        }
        if (canonicalOff) {
            p.put("x-use-canonical-path-for-ramblock-id", false);
        }
        if (prealloc) {
            p.put("prealloc", true);
        }
        p.put("size", sizeKiB * 1024);
        if (pmem) {
            p.put("pmem", true);
        }
        String[] tune = GuestMemory.numatune(def, node);
        if (tune[1] != null && !"restrictive".equals(tune[0])) {
            p.put("host-nodes", GuestMemory.nodes(tune[1]));
            p.put("policy", tune[0].equals("strict") ? "bind" : tune[0]);
        }
        return p;
    }

    private static void share(Map<String, Object> p, String access) {
        if (access != null) {
            p.put("share", access.equals("shared"));
        }
    }

    /**
     * Where file-backed guest memory lives: {@code ram/<domain>} beside the domain's private directory,
     * as libvirt's {@code memory_backing_dir}; the driver makes it before QEMU starts.
     */
    static Path memoryBackingDir(Path privateDir) {
        String name = privateDir.getFileName().toString();
        return privateDir.resolveSibling("ram").resolve(name.startsWith("domain-") ? name.substring(7) : name);
    }
}
