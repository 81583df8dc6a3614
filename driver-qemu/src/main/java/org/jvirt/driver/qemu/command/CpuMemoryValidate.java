package org.jvirt.driver.qemu.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.model.Bitmaps;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The refusals of the CPU, memory, NUMA and tuning parts of a definition, before any process starts,
 * in libvirt 9's words where libvirt refuses too (at start, as an unprivileged driver without numad or
 * hugetlbfs): what {@link CpuCommand}, {@link MemoryCommand}, {@link NumaCommand} and
 * {@link IOThreadCommand} cannot honour. Stateless.
 */
final class CpuMemoryValidate {
    /** The {@code <cputune>} children that need cgroups, which libvirt refuses in session mode. */
    private static final Set<String> CGROUP_TUNING = Set.of("shares", "period", "quota", "global_period",
            "global_quota", "emulator_period", "emulator_quota", "iothread_period", "iothread_quota");
    /** The system page size, KiB: "huge" pages of this size are no huge pages (libvirt ignores them). */
    private static final long SYSTEM_PAGE_KIB = 4;

    private CpuMemoryValidate() {
    }

    static void check(Guest g) {
        CpuCommand.validate(g);
        iothreads(g);
        placement(g);
        cputune(g);
        hugepages(g);
        numa(g);
    }

    /** {@code <iothreads>} counts and {@code <iothreadids>} numbers threads: positive numbers. */
    private static void iothreads(Guest g) {
        try {
            for (int id : IOThreadCommand.ids(g.def())) {
                if (id <= 0) {
                    throw new NumberFormatException("iothread id " + id);
                }
            }
        } catch (NumberFormatException | NullPointerException e) {
            throw Unsupported.invalid(g.name(), "invalid <iothreads> or <iothreadids>: " + e.getMessage());
        }
    }

    /**
     * Automatic placement of the guest's memory needs numad's advice, which this host does not give
     * (libvirt: when it builds the command line). Its placement is automatic when {@code <numatune><memory>}
     * says so, or says no nodes for a guest whose vCPU placement is automatic (libvirt's default then).
     * Automatic vCPU placement with memory on given nodes builds as libvirt builds it.
     */
    private static void placement(Guest g) {
        XmlElement numatune = DomainDefaults.topElement(g.def(), "numatune");
        XmlElement memory = numatune == null ? null : numatune.child("memory");
        boolean auto = memory != null && "auto".equals(memory.attribute("placement"))
                || g.def().vcpuPlacement().equals("auto") && (memory == null
                        || memory.attribute("placement") == null && memory.attribute("nodeset") == null);
        if (auto) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                    "Advice from numad is needed in case of automatic numa placement", g.name());
        }
    }

    /**
     * {@code <cputune>}: its cgroup settings are refused as libvirt refuses them without privileges; its
     * pinning ({@link ThreadPinning}) must name threads the guest has and CPUs the host has (libvirt would
     * fail to set the affinity); its scheduling policies are not applied by this driver, and refused.
     */
    private static void cputune(Guest g) {
        XmlElement tune = DomainDefaults.topElement(g.def(), "cputune");
        if (tune == null) {
            return;
        }
        for (XmlElement e : tune.children()) {
            if (CGROUP_TUNING.contains(e.name())) {
                throw Unsupported.config(g.name(), "CPU tuning is not available in session mode");
            }
        }
        BitSet host = hostCpus();
        java.util.List<Integer> iothreads = IOThreadCommand.ids(g.def());
        for (XmlElement e : tune.children()) {
            String where = "<cputune><" + e.name() + e.attributes().entrySet().stream()
                    .map(a -> " " + a.getKey() + "='" + a.getValue() + "'").collect(java.util.stream.Collectors.joining())
                    + ">";
            if (!ThreadPinning.PINS.contains(e.name())) {
                throw Unsupported.config(g.name(), where + " is not supported by the QEMU driver: it does not set"
                        + " the scheduling of QEMU's threads");
            }
            String cpuset = e.attribute("cpuset");
            BitSet wanted;
            try {
                wanted = Bitmaps.parse(cpuset == null ? "" : cpuset);
                if (e.name().equals("vcpupin")) {
                    int vcpu = Integer.parseInt(e.attribute("vcpu").strip());
                    if (vcpu < 0 || vcpu >= g.def().vcpus()) {
                        throw Unsupported.config(g.name(), where + ": the guest has no vCPU " + vcpu);
                    }
                } else if (e.name().equals("iothreadpin")
                        && !iothreads.contains(Integer.parseInt(e.attribute("iothread").strip()))) {
                    throw Unsupported.config(g.name(), "Cannot find 'iothread' : " + e.attribute("iothread"));
                }
            } catch (NumberFormatException | NullPointerException | VirtException ex) {
                if (ex instanceof VirtException ve && ve.code() == ErrorCode.CONFIG_UNSUPPORTED) {
                    throw ve;
                }
                throw Unsupported.invalid(g.name(), where + " is malformed");
            }
            wanted.andNot(host);
            if (!wanted.isEmpty()) {
                throw Unsupported.config(g.name(), where + ": host CPU " + wanted.nextSetBit(0)
                        + " does not exist (this host has " + Bitmaps.format(host) + ")");
            }
        }
    }

    /** The host's online CPUs, as the kernel lists them; all those the JVM counts when it does not say. */
    private static BitSet hostCpus() {
        try {
            return Bitmaps.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).strip());
        } catch (IOException | RuntimeException e) {
            BitSet all = new BitSet();
            all.set(0, Runtime.getRuntime().availableProcessors());
            return all;
        }
    }

    /**
     * Huge pages need a mounted hugetlbfs for QEMU's memory file, which libvirt finds at start; this
     * driver makes no such file, and refuses them — in libvirt's words when there is none.
     */
    private static void hugepages(Guest g) {
        XmlElement backing = GuestMemory.backing(g.def());
        XmlElement huge = backing == null ? null : backing.child("hugepages");
        if (huge == null) {
            return;
        }
        boolean real = huge.children().isEmpty();
        for (XmlElement page : huge.children()) {
            real |= MemorySizes.kib(page.attribute("size"), page.attribute("unit")) != SYSTEM_PAGE_KIB;
        }
        if (!real) {
            return;
        }
        if (!hugetlbfsMounted()) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                    "hugetlbfs filesystem is not mounted or disabled by administrator config", g.name());
        }
        throw Unsupported.config(g.name(), "<memoryBacking><hugepages> is not supported by the QEMU driver");
    }

    private static boolean hugetlbfsMounted() {
        try {
            return Files.readString(Path.of("/proc/mounts")).contains(" hugetlbfs ");
        } catch (IOException e) {
            return false;
        }
    }

    /** Host NUMA nodes named by {@code <numatune>} must exist; memory hot-plug needs guest NUMA nodes. */
    private static void numa(Guest g) {
        DomainDefinition def = g.def();
        XmlElement numatune = DomainDefaults.topElement(def, "numatune");
        if (numatune != null) {
            BitSet host = GuestMemory.hostNodes();
            for (XmlElement e : numatune.children()) {
                String nodeset = e.attribute("nodeset");
                if (nodeset == null) {
                    continue;
                }
                BitSet wanted = Bitmaps.parse(nodeset);
                wanted.andNot(host);
                if (!wanted.isEmpty()) {
                    throw Unsupported.config(g.name(), "NUMA node " + wanted.nextSetBit(0) + " is unavailable");
                }
            }
        }
        GuestCpu cpu = GuestCpu.of(def);
        boolean cells = cpu != null && !cpu.cells().isEmpty();
        long[] max = GuestMemory.maxMemory(def);
        if (max != null && max[1] > 0 && !cells && !Machines.isArmVirt(g.machine())) {
            throw Unsupported.config(g.name(), "At least one numa node has to be configured when enabling memory hotplug");
        }
        if (g.x86() && !def.hasFeature("acpi")) {
            for (MemoryCommand.Module m : MemoryCommand.modules(def)) {
                // QEMU: "memory hotplug is not enabled: missing acpi device or acpi disabled"
                throw Unsupported.config(g.name(), "<memory model='" + m.model() + "'>: QEMU plugs memory modules"
                        + " only into a guest with ACPI, and this one has no <features><acpi/>");
            }
        }
        if (cells && cpu.cells().stream().allMatch(c -> c.cpus() == null)) {
            throw Unsupported.config(g.name(), "At least one NUMA node has to have CPUs");
        }
    }
}
