package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * A definition's {@code <cpu>} as the command line reads it (libvirt's {@code virCPUDef}): mode, model,
 * features, topology, cache and guest NUMA cells. The model keeps {@code <cpu>} as unmodelled XML;
 * {@link #parse} reads the parts {@link CpuCommand} and {@link NumaCommand} honour, and
 * {@link #understood} says whether that is all of it (else the element stays unknown and is refused
 * at start, naming {@code cpu}). Immutable.
 *
 * @param mode {@code custom}, {@code host-model}, {@code host-passthrough} or {@code maximum}
 * @param model the CPU model's name, or null
 * @param vendorId the {@code vendor_id} the model is to report, or null
 * @param features the {@code <feature>}s, in document order
 * @param sockets the topology's sockets, 0 without {@code <topology>}
 * @param dies its dies (1 when not said)
 * @param cores its cores
 * @param threads its threads
 * @param cacheMode {@code <cache mode>}, or null
 * @param cells the guest NUMA cells, in document order
 * @param understood whether every attribute and child of {@code <cpu>} is one of these
 */
record GuestCpu(String mode, String model, String vendorId, List<Feature> features, int sockets, int dies, int cores,
                int threads, String cacheMode, List<Cell> cells, boolean understood) {

    private static final Set<String> CPU_ATTRIBUTES = Set.of("mode", "match", "check", "migratable");
    private static final Set<String> MODES = Set.of("custom", "host-model", "host-passthrough", "maximum");
    private static final Set<String> POLICIES = Set.of("force", "require", "optional", "disable", "forbid");

    /**
     * One {@code <feature policy name>}.
     *
     * @param policy {@code force}, {@code require}, {@code optional}, {@code disable} or {@code forbid}
     * @param name libvirt's name of the feature
     */
    record Feature(String policy, String name) {
    }

    /**
     * One guest NUMA {@code <cell>}.
     *
     * @param id the node's number
     * @param cpus its vCPUs, in libvirt's list syntax ({@code 0-7}), or null for none
     * @param memoryKiB its memory
     * @param memAccess {@code shared}, {@code private} or null
     * @param distances the {@code <distances><sibling id value>}, by sibling id
     */
    record Cell(int id, String cpus, long memoryKiB, String memAccess, Map<Integer, Integer> distances) {
    }

    /** The definition's {@code <cpu>}, or null when it has none. */
    static GuestCpu of(DomainDefinition def) {
        XmlElement cpu = DomainDefaults.topElement(def, "cpu");
        return cpu == null ? null : parse(cpu);
    }

    /** Reads a {@code <cpu>} element. */
    static GuestCpu parse(XmlElement cpu) {
        boolean ok = cpu.text().isBlank() && CPU_ATTRIBUTES.containsAll(cpu.attributes().keySet());
        String mode = cpu.attribute("mode") == null ? "custom" : cpu.attribute("mode");
        ok &= MODES.contains(mode);
        String model = null;
        String vendorId = null;
        List<Feature> features = new ArrayList<>();
        int sockets = 0;
        int dies = 1;
        int cores = 0;
        int threads = 0;
        String cacheMode = null;
        List<Cell> cells = new ArrayList<>();
        for (XmlElement c : cpu.children()) {
            switch (c.name()) {
                case "model" -> {
                    model = c.text().strip();
                    vendorId = c.attribute("vendor_id");
                    ok &= !model.isEmpty() && c.children().isEmpty()
                            && Set.of("fallback", "vendor_id").containsAll(c.attributes().keySet());
                }
                case "feature" -> {
                    String policy = c.attribute("policy") == null ? "require" : c.attribute("policy");
                    ok &= c.attribute("name") != null && POLICIES.contains(policy) && c.children().isEmpty();
                    features.add(new Feature(policy, c.attribute("name")));
                }
                case "topology" -> {
                    sockets = number(c, "sockets");
                    dies = c.attribute("dies") == null ? 1 : number(c, "dies");
                    cores = number(c, "cores");
                    threads = number(c, "threads");
                    ok &= sockets > 0 && dies > 0 && cores > 0 && threads > 0;
                }
                case "cache" -> {
                    cacheMode = c.attribute("mode");
                    ok &= c.attribute("level") == null && c.children().isEmpty()
                            && Set.of("emulate", "passthrough", "disable").contains(cacheMode);
                }
                case "numa" -> ok &= cells(c, cells);
                default -> ok = false;
            }
        }
        return new GuestCpu(mode, model, vendorId, List.copyOf(features), sockets, dies, cores, threads, cacheMode,
                List.copyOf(cells), ok);
    }

    /** Whether the definition says how the vCPUs are arranged ({@code <topology>}). */
    boolean hasTopology() {
        return sockets > 0;
    }

    private static boolean cells(XmlElement numa, List<Cell> cells) {
        boolean ok = numa.attributes().isEmpty();
        for (XmlElement cell : numa.children()) {
            if (!cell.name().equals("cell") || cell.attribute("memory") == null
                    || !Set.of("id", "cpus", "memory", "unit", "memAccess").containsAll(cell.attributes().keySet())) {
                return false;
            }
            Map<Integer, Integer> distances = new java.util.TreeMap<>();
            for (XmlElement d : cell.children()) {
                if (!d.name().equals("distances")) {
                    return false;
                }
                for (XmlElement s : d.children()) {
                    if (!s.name().equals("sibling") || s.attribute("id") == null || s.attribute("value") == null) {
                        return false;
                    }
                    distances.put(number(s, "id"), number(s, "value"));
                }
            }
            int id = cell.attribute("id") == null ? cells.size() : number(cell, "id");
            long kib = MemorySizes.kib(cell.attribute("memory"), cell.attribute("unit"));
            String cpus = cell.attribute("cpus");
            cells.add(new Cell(id, cpus == null || cpus.isBlank() ? null : cpus, kib, cell.attribute("memAccess"),
                    Map.copyOf(distances)));
        }
        return ok;
    }

    private static int number(XmlElement e, String attribute) {
        try {
            return Integer.parseInt(e.attribute(attribute) == null ? "0" : e.attribute(attribute).strip());
        } catch (NumberFormatException ex) {
            return -1;
        }
    }
}
