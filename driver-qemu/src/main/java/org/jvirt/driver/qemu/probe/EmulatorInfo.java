package org.jvirt.driver.qemu.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one {@code qemu-system-*} binary offers, as probed over QMP: its version, target
 * architecture, machine types, CPU models, device types and whether it has KVM support.
 * Immutable.
 *
 * @param binary the absolute path of the binary
 * @param mtimeMillis the binary's modification time when probed (part of the cache key)
 * @param size the binary's size when probed (part of the cache key)
 * @param version QEMU's version, such as {@code 7.2.22}
 * @param arch the target architecture QEMU reports ({@code x86_64}, {@code aarch64}...)
 * @param machines the machine types, in QEMU's order
 * @param cpuModels the CPU model names (empty when the target has no CPU model list)
 * @param deviceTypes the names of the non-abstract QOM types (devices, backends...)
 * @param kvmSupport whether this binary was built with KVM support
 */
public record EmulatorInfo(String binary, long mtimeMillis, long size, String version, String arch,
                           List<Machine> machines, List<String> cpuModels, Set<String> deviceTypes,
                           boolean kvmSupport) {

    /**
     * A machine type.
     *
     * @param name the versioned name ({@code pc-i440fx-7.2})
     * @param alias the short name it is known by ({@code pc}), or null
     * @param isDefault whether it is the binary's default machine
     * @param maxCpus the most vCPUs it supports
     * @param deprecated whether QEMU deprecates it
     */
    public record Machine(String name, String alias, boolean isDefault, int maxCpus, boolean deprecated) {
        public Machine {
            Objects.requireNonNull(name, "name");
        }
    }

    public EmulatorInfo {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(arch, "arch");
        machines = List.copyOf(machines);
        cpuModels = List.copyOf(cpuModels);
        deviceTypes = Set.copyOf(deviceTypes);
    }

    /** The machine named {@code nameOrAlias} (by versioned name or alias), or null. */
    public Machine machine(String nameOrAlias) {
        for (Machine m : machines) {
            if (m.name().equals(nameOrAlias) || nameOrAlias.equals(m.alias())) {
                return m;
            }
        }
        return null;
    }

    /** The default machine, or null when the binary has none ({@code -machine} is then required). */
    public Machine defaultMachine() {
        for (Machine m : machines) {
            if (m.isDefault()) {
                return m;
            }
        }
        return null;
    }

    /** The machine type names and aliases, sorted, for error messages. */
    public Set<String> machineNames() {
        Set<String> names = new TreeSet<>();
        for (Machine m : machines) {
            names.add(m.name());
            if (m.alias() != null) {
                names.add(m.alias());
            }
        }
        return names;
    }

    /** Whether QEMU has a (non-abstract) device or object type of this name. */
    public boolean hasType(String typeName) {
        return deviceTypes.contains(typeName);
    }

    /** QEMU's version as libvirt encodes versions: major * 1,000,000 + minor * 1,000 + micro. */
    public long versionNumber() {
        String[] parts = version.split("\\.");
        long v = 0;
        for (int i = 0; i < 3; i++) {
            long n = 0;
            if (i < parts.length) {
                try {
                    n = Long.parseLong(parts[i].replaceAll("[^0-9].*", ""));
                } catch (NumberFormatException e) {
                    n = 0;
                }
            }
            v = v * 1000 + n;
        }
        return v;
    }

    /** The cache form: a JSON-ready map. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("binary", binary);
        m.put("mtimeMillis", mtimeMillis);
        m.put("size", size);
        m.put("version", version);
        m.put("arch", arch);
        List<Object> ms = new ArrayList<>();
        for (Machine mc : machines) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", mc.name());
            o.put("alias", mc.alias());
            o.put("default", mc.isDefault());
            o.put("maxCpus", (long) mc.maxCpus());
            o.put("deprecated", mc.deprecated());
            ms.add(o);
        }
        m.put("machines", ms);
        m.put("cpuModels", cpuModels);
        m.put("deviceTypes", new ArrayList<>(new TreeSet<>(deviceTypes)));
        m.put("kvmSupport", kvmSupport);
        return m;
    }

    /** Reads the cache form back; IllegalArgumentException when it is not one. */
    @SuppressWarnings("unchecked")
    static EmulatorInfo fromMap(Map<String, Object> m) {
        try {
            List<Machine> ms = new ArrayList<>();
            for (Object o : (List<Object>) m.get("machines")) {
                Map<String, Object> mc = (Map<String, Object>) o;
                ms.add(new Machine((String) mc.get("name"), (String) mc.get("alias"),
                        (Boolean) mc.get("default"), ((Number) mc.get("maxCpus")).intValue(),
                        (Boolean) mc.get("deprecated")));
            }
            List<String> cpus = new ArrayList<>();
            for (Object o : (List<Object>) m.get("cpuModels")) {
                cpus.add((String) o);
            }
            Set<String> types = new TreeSet<>();
            for (Object o : (List<Object>) m.get("deviceTypes")) {
                types.add((String) o);
            }
            return new EmulatorInfo((String) m.get("binary"), ((Number) m.get("mtimeMillis")).longValue(),
                    ((Number) m.get("size")).longValue(), (String) m.get("version"), (String) m.get("arch"),
                    ms, cpus, types, (Boolean) m.get("kvmSupport"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a probe cache entry: " + e, e);
        }
    }
}
