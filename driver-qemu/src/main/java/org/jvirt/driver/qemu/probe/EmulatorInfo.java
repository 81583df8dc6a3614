package org.jvirt.driver.qemu.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
     * @param defaultCpu the CPU model it runs when told none ({@code qemu64}, {@code cortex-a15}), as
     *                   libvirt names it in a definition's default {@code <cpu>}; null when QEMU does not say
     * @param defaultRamId the id QEMU gives the memory backend of its RAM ({@code pc.ram}, {@code mach-virt.ram}):
     *                     a command line creating that backend itself names it in {@code memory-backend=}; null
     *                     when QEMU does not say (the machine then takes no such backend)
     */
    public record Machine(String name, String alias, boolean isDefault, int maxCpus, boolean deprecated,
                          String defaultCpu, String defaultRamId) {
        public Machine {
            Objects.requireNonNull(name, "name");
        }

        /** A machine whose default CPU model and RAM id are unknown. */
        public Machine(String name, String alias, boolean isDefault, int maxCpus, boolean deprecated) {
            this(name, alias, isDefault, maxCpus, deprecated, null, null);
        }

        /** A machine whose default RAM id is unknown. */
        public Machine(String name, String alias, boolean isDefault, int maxCpus, boolean deprecated,
                       String defaultCpu) {
            this(name, alias, isDefault, maxCpus, deprecated, defaultCpu, null);
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

    /** The first line of the cache form; another format (an older jvirt's JSON) is probed again. */
    static final String CACHE_HEADER = "# jvirt QEMU emulator probe, format 4";

    /**
     * The cache form: one line per fact, a key and tab-separated fields, so that reading it back
     * (every start of a guest does, in a fresh process) costs a split per line, not a JSON parse.
     * Fields escape backslash, tab, newline and carriage return; a machine without alias or
     * default CPU model or RAM id has an empty one. Format 3 added the machine's default CPU model, format 4
     * its default RAM id.
     */
    String toCache() {
        StringBuilder sb = new StringBuilder(CACHE_HEADER).append('\n');
        line(sb, "binary", binary);
        line(sb, "mtimeMillis", Long.toString(mtimeMillis));
        line(sb, "size", Long.toString(size));
        line(sb, "version", version);
        line(sb, "arch", arch);
        line(sb, "kvmSupport", Boolean.toString(kvmSupport));
        for (Machine m : machines) {
            line(sb, "machine", m.name(), m.alias() == null ? "" : m.alias(), Boolean.toString(m.isDefault()),
                    Integer.toString(m.maxCpus()), Boolean.toString(m.deprecated()),
                    m.defaultCpu() == null ? "" : m.defaultCpu(), m.defaultRamId() == null ? "" : m.defaultRamId());
        }
        for (String cpu : cpuModels) {
            line(sb, "cpu", cpu);
        }
        for (String type : new TreeSet<>(deviceTypes)) {
            line(sb, "type", type);
        }
        return sb.toString();
    }

    /** Reads the cache form back; IllegalArgumentException when it is not one. */
    static EmulatorInfo fromCache(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(CACHE_HEADER)) {
            throw new IllegalArgumentException("not a probe cache of format 4");
        }
        Map<String, String> facts = new HashMap<>();
        List<Machine> machines = new ArrayList<>();
        List<String> cpus = new ArrayList<>();
        Set<String> types = new HashSet<>();
        try {
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t", -1);
                for (int j = 1; j < f.length; j++) {
                    f[j] = unescape(f[j]);
                }
                switch (f[0]) {
                    case "machine" -> machines.add(new Machine(f[1], f[2].isEmpty() ? null : f[2],
                            bool(f[3]), Integer.parseInt(f[4]), bool(f[5]), f[6].isEmpty() ? null : f[6],
                            f[7].isEmpty() ? null : f[7]));
                    case "cpu" -> cpus.add(f[1]);
                    case "type" -> types.add(f[1]);
                    default -> facts.put(f[0], f[1]);
                }
            }
            return new EmulatorInfo(facts.get("binary"), Long.parseLong(facts.get("mtimeMillis")),
                    Long.parseLong(facts.get("size")), facts.get("version"), facts.get("arch"), machines, cpus, types,
                    bool(facts.get("kvmSupport")));
        } catch (ArrayIndexOutOfBoundsException | NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("not a probe cache entry: " + e, e);
        }
    }

    private static boolean bool(String s) {
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + s);
        };
    }

    private static void line(StringBuilder sb, String key, String... fields) {
        sb.append(key);
        for (String f : fields) {
            sb.append('\t');
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
        }
        sb.append('\n');
    }

    private static String unescape(String f) {
        if (f.indexOf('\\') < 0) {
            return f;
        }
        StringBuilder sb = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '\\' && i + 1 < f.length()) {
                char n = f.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
