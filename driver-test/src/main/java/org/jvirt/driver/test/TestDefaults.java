package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.NetworkDefinition;

/**
 * What libvirt's test driver fills in when a domain or network is defined (post-parse defaults),
 * and the definition edits the driver's operations make. The only place the driver builds
 * model objects.
 */
final class TestDefaults {
    /** testDomainGenerateIfname's limit. */
    private static final int MAX_IFNAMES = 1024;

    private TestDefaults() {
    }

    /** Networks need a UUID. */
    static NetworkDefinition complete(NetworkDefinition def) {
        return def.uuid() != null ? def : def.toBuilder().uuid(UUID.randomUUID()).build();
    }

    /**
     * testDomainGenerateIfnames: each interface without a host-side name gets the first
     * {@code testnetN} no interface of the domain has, as libvirt's test driver names them on
     * define, create, restore and when reading its node file.
     */
    static DomainDefinition withIfnames(DomainDefinition def) {
        List<Device> devices = null;
        for (int i = 0; i < def.devices().size(); i++) {
            if (def.devices().get(i) instanceof InterfaceDevice net && net.targetDev() == null) {
                if (devices == null) {
                    devices = new ArrayList<>(def.devices());
                }
                devices.set(i, net.toBuilder().targetDev(freeIfname(devices)).build());
            }
        }
        return devices == null ? def : def.toBuilder().devices(devices).build();
    }

    private static String freeIfname(List<Device> devices) {
        for (int n = 0; n < MAX_IFNAMES; n++) {
            String name = "testnet" + n;
            if (devices.stream().noneMatch(d -> d instanceof InterfaceDevice net && name.equals(net.targetDev()))) {
                return name;
            }
        }
        throw TestErrors.internal("Exceeded max iface limit " + MAX_IFNAMES, null);
    }

    static String onReboot(DomainDefinition def) {
        return def.onReboot();
    }

    static DomainDefinition withCurrentMemory(DomainDefinition def, long kib) {
        return def.toBuilder().currentMemoryKiB(kib).build();
    }

    /** A lower maximum pulls the current memory down with it, as libvirt does. */
    static DomainDefinition withMaxMemory(DomainDefinition def, long kib) {
        return def.toBuilder().memoryKiB(kib).currentMemoryKiB(Math.min(kib, def.currentMemoryKiB())).build();
    }

    static DomainDefinition withCurrentVcpus(DomainDefinition def, int count) {
        return def.toBuilder().currentVcpus(count).build();
    }

    static DomainDefinition withDevice(DomainDefinition def, Device device, String domain) {
        for (Device d : def.devices()) {
            if (d instanceof DiskDevice disk && device instanceof DiskDevice added
                    && disk.targetDev().equals(added.targetDev())) {
                throw TestErrors.error(ErrorCode.OPERATION_FAILED, "target " + added.targetDev() + " already exists",
                        domain);
            }
            if (d instanceof InterfaceDevice nic && device instanceof InterfaceDevice added
                    && added.mac() != null && added.mac().equalsIgnoreCase(nic.mac())) {
                throw TestErrors.error(ErrorCode.OPERATION_FAILED, "interface with MAC address " + added.mac()
                        + " already exists", domain);
            }
        }
        List<Device> devices = new ArrayList<>(def.devices());
        devices.add(device);
        return def.toBuilder().devices(devices).build();
    }

    /** Disks match by target, interfaces by MAC, anything else by equality. */
    static DomainDefinition withoutDevice(DomainDefinition def, Device device, String domain) {
        List<Device> devices = new ArrayList<>(def.devices());
        for (int i = 0; i < devices.size(); i++) {
            if (sameDevice(devices.get(i), device)) {
                devices.remove(i);
                return def.toBuilder().devices(devices).build();
            }
        }
        String what = device instanceof DiskDevice disk ? "no target device " + disk.targetDev()
                : device instanceof InterfaceDevice nic && nic.mac() != null
                ? "no device matching MAC address " + nic.mac() + " found"
                : "matching " + device.elementName() + " device was not found";
        throw TestErrors.error(ErrorCode.DEVICE_MISSING, what, domain);
    }

    private static boolean sameDevice(Device present, Device wanted) {
        if (present instanceof DiskDevice a && wanted instanceof DiskDevice b) {
            return a.targetDev().equals(b.targetDev());
        }
        if (present instanceof InterfaceDevice a && wanted instanceof InterfaceDevice b && b.mac() != null) {
            return b.mac().equalsIgnoreCase(a.mac());
        }
        return present.equals(wanted);
    }

    static boolean hasDisk(DomainDefinition def, String disk) {
        return diskSource(def, disk) != null || def.devices().stream()
                .anyMatch(d -> d instanceof DiskDevice dd && dd.targetDev().equals(disk));
    }

    /** The image behind the disk named by target or path, or null when the domain has no such disk. */
    static String diskSource(DomainDefinition def, String disk) {
        for (Device d : def.devices()) {
            if (d instanceof DiskDevice dd && (dd.targetDev().equals(disk) || disk.equals(dd.source()))) {
                return dd.source();
            }
        }
        return null;
    }

    static boolean hasInterface(DomainDefinition def, String device) {
        for (Device d : def.devices()) {
            if (d instanceof InterfaceDevice nic && (device.equals(nic.targetDev()) || device.equalsIgnoreCase(nic.mac()))) {
                return true;
            }
        }
        return false;
    }

    static String bridge(NetworkDefinition def) {
        return def.bridgeName();
    }
}
