package org.jvirt.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * The definition of a domain (a virtual machine), as libvirt's domain XML describes it.
 *
 * <p>Immutable, safe to share between threads, equal by value. Build one with
 * {@link #builder()}, derive a changed copy with {@link #toBuilder()}, read and write XML with
 * {@link DomainXml}. Accessors never return null unless they say so.
 *
 * <p>Whatever the model does not understand is kept, not dropped: {@link #unknowns()} at domain
 * level, {@link DomainOs#unknowns()}, each device's {@link Device#unknowns()}, and
 * {@link UnknownDevice}s. {@link #unmodelled()} lists all of them, and
 * {@link #requireModelled} lets a driver refuse to run what it cannot honour.
 *
 * <p>Normalised on construction as libvirt does: devices in libvirt's order of kinds (document
 * order within a kind), features in libvirt's order, and current memory no larger than memory.
 *
 * @since 1.0
 */
public final class DomainDefinition {
    private final String type;
    private final String name;
    private final UUID uuid;
    private final String title;
    private final String description;
    private final long memoryKiB;
    private final long currentMemoryKiB;
    private final int vcpus;
    private final int currentVcpus;
    private final String vcpuPlacement;
    private final String cpuset;
    private final String bootloader;
    private final String bootloaderArgs;
    private final DomainOs os;
    private final List<XmlElement> features;
    private final DomainClock clock;
    private final String onPoweroff;
    private final String onReboot;
    private final String onCrash;
    private final String emulator;
    private final List<Device> devices;
    private final Unknowns unknowns;

    private DomainDefinition(Builder b) {
        type = b.type;
        name = b.name;
        uuid = b.uuid;
        title = b.title;
        description = b.description;
        memoryKiB = b.memoryKiB;
        // virDomainDefPostParseMemory: no current memory, or more than the total, is the total. While the
        // total is not known (no <memory>, to be inferred from NUMA cells), the current memory waits for it.
        long current = b.currentMemoryKiB == null ? 0 : b.currentMemoryKiB;
        currentMemoryKiB = current == 0 || b.memoryKiB != 0 && current > b.memoryKiB ? b.memoryKiB : current;
        vcpus = b.vcpus;
        currentVcpus = b.currentVcpus == null ? b.vcpus : b.currentVcpus;
        vcpuPlacement = b.vcpuPlacement;
        cpuset = b.cpuset;
        bootloader = b.bootloader;
        bootloaderArgs = b.bootloaderArgs;
        os = b.os;
        features = sorted(b.features, e -> DomainLayout.featureRank(e.name()));
        clock = b.clock;
        onPoweroff = b.onPoweroff;
        onReboot = b.onReboot;
        onCrash = b.onCrash;
        emulator = b.emulator;
        devices = sorted(b.devices, d -> DomainLayout.deviceRank(d.elementName()));
        unknowns = b.unknowns.withElementsOrdered("", DomainLayout.DOMAIN::rank);
    }

    private static <T> List<T> sorted(List<T> items, ToIntFunction<T> rank) {
        // Most builds change a part and keep the order: then an unmodifiable list is kept as it is.
        int last = Integer.MIN_VALUE;
        boolean inOrder = true;
        for (T item : items) {
            int r = rank.applyAsInt(item);
            if (r < last) {
                inOrder = false;
                break;
            }
            last = r;
        }
        if (inOrder) {
            return List.copyOf(items);
        }
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparingInt(rank));
        return List.copyOf(copy);
    }

    /** A builder with libvirt's defaults: 1 vcpu, static placement, UTC clock, destroy/restart/destroy. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every value of this definition. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.name = name;
        b.uuid = uuid;
        b.title = title;
        b.description = description;
        b.memoryKiB = memoryKiB;
        // "As much as the maximum" stays unset, so that raising the maximum raises it too.
        b.currentMemoryKiB = currentMemoryKiB == memoryKiB ? null : currentMemoryKiB;
        b.vcpus = vcpus;
        b.currentVcpus = currentVcpus == vcpus ? null : currentVcpus;
        b.vcpuPlacement = vcpuPlacement;
        b.cpuset = cpuset;
        b.bootloader = bootloader;
        b.bootloaderArgs = bootloaderArgs;
        b.os = os;
        b.features.addAll(features);
        b.clock = clock;
        b.onPoweroff = onPoweroff;
        b.onReboot = onReboot;
        b.onCrash = onCrash;
        b.emulator = emulator;
        b.devices.addAll(devices);
        b.unknowns = unknowns;
        return b;
    }

    /** The hypervisor type ({@code <domain type=>}): {@code test}, {@code xen}, {@code kvm}, {@code qemu}... */
    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** The UUID, or null when the definition has none (the driver then assigns one). */
    public UUID uuid() {
        return uuid;
    }

    /** The short {@code <title>}, or null. */
    public String title() {
        return title;
    }

    /** The {@code <description>}, or null. */
    public String description() {
        return description;
    }

    /** The maximum memory ({@code <memory>}) in KiB. */
    public long memoryKiB() {
        return memoryKiB;
    }

    /** The current memory ({@code <currentMemory>}) in KiB; equals {@link #memoryKiB()} when not set. */
    public long currentMemoryKiB() {
        return currentMemoryKiB;
    }

    /** The maximum number of virtual CPUs ({@code <vcpu>}'s text). */
    public int vcpus() {
        return vcpus;
    }

    /** How many virtual CPUs are online ({@code current=}); equals {@link #vcpus()} when not set. */
    public int currentVcpus() {
        return currentVcpus;
    }

    /** {@code <vcpu placement=>}: {@code static} (the default) or {@code auto}. */
    public String vcpuPlacement() {
        return vcpuPlacement;
    }

    /** {@code <vcpu cpuset=>}, the host CPUs the vcpus may run on ({@code 0-3,^2}), or null. */
    public String cpuset() {
        return cpuset;
    }

    /** Xen's {@code <bootloader>} (such as pygrub), or null. */
    public String bootloader() {
        return bootloader;
    }

    /** Xen's {@code <bootloader_args>}, or null. */
    public String bootloaderArgs() {
        return bootloaderArgs;
    }

    /**
     * The {@code <os>} block, or null when there is none. The parser gives guests booted by a
     * {@code <bootloader>} without {@code <os>} (libvirt 0.4's Xen guests) an OS of type
     * {@code xen}, as libvirt 9 does.
     */
    public DomainOs os() {
        return os;
    }

    /** The {@code <features>} elements ({@code <acpi/>}, {@code <pae/>}...) verbatim, in libvirt's order. */
    public List<XmlElement> features() {
        return features;
    }

    /** The names of {@link #features()}, in order; unmodifiable. */
    public Set<String> featureNames() {
        Set<String> names = new LinkedHashSet<>();
        for (XmlElement f : features) {
            names.add(f.name());
        }
        return Collections.unmodifiableSet(names);
    }

    /** Whether a feature of this name is present. */
    public boolean hasFeature(String featureName) {
        for (XmlElement f : features) {
            if (f.name().equals(featureName)) {
                return true;
            }
        }
        return false;
    }

    public DomainClock clock() {
        return clock;
    }

    /** {@code <on_poweroff>}: {@code destroy} (the default), {@code restart}, {@code preserve}... */
    public String onPoweroff() {
        return onPoweroff;
    }

    /** {@code <on_reboot>}: {@code restart} (the default), {@code destroy}... */
    public String onReboot() {
        return onReboot;
    }

    /** {@code <on_crash>}: {@code destroy} (the default), {@code restart}, {@code coredump-destroy}... */
    public String onCrash() {
        return onCrash;
    }

    /** The device model binary ({@code <devices><emulator>}), or null. */
    public String emulator() {
        return emulator;
    }

    /** Every device in libvirt's order; unmodifiable. */
    public List<Device> devices() {
        return devices;
    }

    /** The devices of one kind, in order; for example {@code devices(DiskDevice.class)}. */
    public <T extends Device> List<T> devices(Class<T> kind) {
        List<T> found = new ArrayList<>();
        for (Device d : devices) {
            if (kind.isInstance(d)) {
                found.add(kind.cast(d));
            }
        }
        return found;
    }

    /**
     * What the model does not understand at domain level: unknown attributes of
     * {@code <domain>} and of its known children (location {@code memory}, {@code vcpu},
     * {@code devices}...) and unknown top-level elements (location {@code ""}).
     */
    public Unknowns unknowns() {
        return unknowns;
    }

    /**
     * Human-readable paths of everything kept but not understood, anywhere in the definition:
     * {@code cpu}, {@code devices/tpm}, {@code devices/disk/@foo}, {@code os/dtb}... Empty when
     * the model understands the whole definition. Each path is listed once.
     */
    public List<String> unmodelled() {
        Set<String> paths = new LinkedHashSet<>(unknowns.paths(""));
        if (os != null) {
            paths.addAll(os.unknowns().paths("os"));
        }
        for (Device d : devices) {
            if (d instanceof UnknownDevice) {
                paths.add("devices/" + d.elementName());
            } else {
                paths.addAll(d.unknowns().paths("devices/" + d.elementName()));
            }
        }
        return List.copyOf(paths);
    }

    /**
     * Fails unless the model understands the whole definition, so that a driver never runs a
     * domain while silently ignoring part of its configuration.
     *
     * @param driverName the refusing driver, named in the error
     * @param operation what was asked, such as {@code start} or {@code create}
     * @throws VirtException CONFIG_UNSUPPORTED (domain DOMAIN) naming the domain and every
     *                       {@linkplain #unmodelled() unmodelled} item
     */
    public void requireModelled(String driverName, String operation) {
        List<String> items = unmodelled();
        if (!items.isEmpty()) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "unsupported configuration: the " + driverName + " driver cannot " + operation
                            + " domain '" + name + "': it does not support "
                            + String.join(", ", items),
                    driverName, name, null);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainDefinition d && memoryKiB == d.memoryKiB
                && currentMemoryKiB == d.currentMemoryKiB && vcpus == d.vcpus
                && currentVcpus == d.currentVcpus && type.equals(d.type) && name.equals(d.name)
                && Objects.equals(uuid, d.uuid) && Objects.equals(title, d.title)
                && Objects.equals(description, d.description)
                && vcpuPlacement.equals(d.vcpuPlacement) && Objects.equals(cpuset, d.cpuset)
                && Objects.equals(bootloader, d.bootloader)
                && Objects.equals(bootloaderArgs, d.bootloaderArgs) && Objects.equals(os, d.os)
                && features.equals(d.features) && clock.equals(d.clock)
                && onPoweroff.equals(d.onPoweroff) && onReboot.equals(d.onReboot)
                && onCrash.equals(d.onCrash) && Objects.equals(emulator, d.emulator)
                && devices.equals(d.devices) && unknowns.equals(d.unknowns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, uuid, title, description, memoryKiB, currentMemoryKiB, vcpus,
                currentVcpus, vcpuPlacement, cpuset, bootloader, bootloaderArgs, os, features, clock,
                onPoweroff, onReboot, onCrash, emulator, devices, unknowns);
    }

    /** The inactive XML without secrets, as {@link DomainXml#format} writes it. */
    @Override
    public String toString() {
        return DomainXml.format(this, -1, false);
    }

    /**
     * Collects a {@link DomainDefinition}. {@code type}, {@code name} and {@code memoryKiB}
     * should always be set; everything else has libvirt's default. Not thread-safe.
     */
    public static final class Builder {
        private String type;
        private String name;
        private UUID uuid;
        private String title;
        private String description;
        private long memoryKiB;
        private Long currentMemoryKiB;
        private int vcpus = 1;
        private Integer currentVcpus;
        private String vcpuPlacement = "static";
        private String cpuset;
        private String bootloader;
        private String bootloaderArgs;
        private DomainOs os;
        private final List<XmlElement> features = new ArrayList<>();
        private DomainClock clock = DomainClock.UTC;
        private String onPoweroff = "destroy";
        private String onReboot = "restart";
        private String onCrash = "destroy";
        private String emulator;
        private final List<Device> devices = new ArrayList<>();
        private Unknowns unknowns = Unknowns.NONE;

        private Builder() {
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder uuid(UUID value) {
            this.uuid = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder memoryKiB(long value) {
            this.memoryKiB = value;
            return this;
        }

        /** The current memory; when not set it is {@code memoryKiB}. Larger values are clamped to it. */
        public Builder currentMemoryKiB(long value) {
            this.currentMemoryKiB = value;
            return this;
        }

        public Builder vcpus(int value) {
            this.vcpus = value;
            return this;
        }

        /** The online vcpus; when not set, all of them. */
        public Builder currentVcpus(int value) {
            this.currentVcpus = value;
            return this;
        }

        public Builder vcpuPlacement(String value) {
            this.vcpuPlacement = value;
            return this;
        }

        public Builder cpuset(String value) {
            this.cpuset = value;
            return this;
        }

        public Builder bootloader(String value) {
            this.bootloader = value;
            return this;
        }

        public Builder bootloaderArgs(String value) {
            this.bootloaderArgs = value;
            return this;
        }

        public Builder os(DomainOs value) {
            this.os = value;
            return this;
        }

        /** Replaces the features with these elements. */
        public Builder features(List<XmlElement> value) {
            features.clear();
            features.addAll(value);
            return this;
        }

        /** Adds a feature without attributes, such as {@code acpi}. */
        public Builder feature(String featureName) {
            features.add(XmlElement.of(featureName));
            return this;
        }

        public Builder clock(DomainClock value) {
            this.clock = value;
            return this;
        }

        public Builder onPoweroff(String value) {
            this.onPoweroff = value;
            return this;
        }

        public Builder onReboot(String value) {
            this.onReboot = value;
            return this;
        }

        public Builder onCrash(String value) {
            this.onCrash = value;
            return this;
        }

        public Builder emulator(String value) {
            this.emulator = value;
            return this;
        }

        /** Replaces the devices with these. */
        public Builder devices(List<? extends Device> value) {
            devices.clear();
            devices.addAll(value);
            return this;
        }

        public Builder addDevice(Device device) {
            devices.add(Objects.requireNonNull(device, "device"));
            return this;
        }

        /** Replaces the domain-level unknowns (see {@link DomainDefinition#unknowns()}). */
        public Builder unknowns(Unknowns value) {
            this.unknowns = value;
            return this;
        }

        /**
         * @throws VirtException NO_NAME when the name is missing or empty; INVALID_ARG when the
         *                       type is missing, the name contains '/', a size is negative, the
         *                       vcpu counts are out of range or a required value is null
         */
        public DomainDefinition build() {
            if (name == null || name.isEmpty()) {
                throw invalid(ErrorCode.NO_NAME, "missing domain name");
            }
            if (name.indexOf('/') >= 0) {
                throw invalid(ErrorCode.INVALID_ARG, "domain name '" + name + "' cannot contain '/'");
            }
            if (type == null || type.isBlank()) {
                throw invalid(ErrorCode.INVALID_ARG, "domain '" + name + "' has no hypervisor type");
            }
            if (memoryKiB < 0 || currentMemoryKiB != null && currentMemoryKiB < 0) {
                throw invalid(ErrorCode.INVALID_ARG, "domain '" + name + "': memory cannot be negative");
            }
            if (vcpus < 1) {
                throw invalid(ErrorCode.INVALID_ARG, "domain '" + name + "': invalid number of vCPUs " + vcpus);
            }
            if (currentVcpus != null && (currentVcpus < 1 || currentVcpus > vcpus)) {
                throw invalid(ErrorCode.INVALID_ARG, "domain '" + name + "': current vCPUs "
                        + currentVcpus + " must be between 1 and the maximum, " + vcpus);
            }
            if (vcpuPlacement == null || clock == null || onPoweroff == null || onReboot == null
                    || onCrash == null || unknowns == null) {
                throw invalid(ErrorCode.INVALID_ARG, "domain '" + name
                        + "': vcpu placement, clock, lifecycle actions and unknowns cannot be null");
            }
            return new DomainDefinition(this);
        }

        private static VirtException invalid(ErrorCode code, String message) {
            return new VirtException(code, ErrorDomain.DOMAIN, message);
        }
    }
}
