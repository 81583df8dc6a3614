package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainClock;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.NetworkDefinition;

/**
 * What libvirt's test driver fills in when a domain or network is defined (post-parse defaults),
 * and the definition edits the driver's operations make. The only place the driver builds
 * model objects.
 */
final class TestDefaults {
    private TestDefaults() {
    }

    /** A UUID when none was given, the guest arch, {@code hd} boot, UTC clock, libvirt's lifecycle actions. */
    static DomainDefinition complete(DomainDefinition def, NodeSpec spec) {
        DomainDefinition.Builder b = def.toBuilder();
        if (def.uuid() == null) {
            b.uuid(UUID.randomUUID());
        }
        DomainOs os = def.os();
        // Without any <os> (which libvirt would refuse) there is no arch or boot order to fill in.
        if (os != null) {
            DomainOs.Builder ob = os.toBuilder();
            if (os.arch() == null) {
                // The guest arch of the capabilities, not the host CPU model a node file names (i986).
                ob.arch(NodeCapabilities.ARCH);
            }
            if (os.bootDevices().isEmpty() && os.kernel() == null && "hvm".equals(os.type())) {
                ob.bootDevices(List.of("hd"));
            }
            b.os(ob.build());
        }
        if (def.clock() == null) {
            b.clock(DomainClock.UTC);
        }
        if (def.onPoweroff() == null) {
            b.onPoweroff("destroy");
        }
        if (def.onReboot() == null) {
            b.onReboot("restart");
        }
        if (def.onCrash() == null) {
            b.onCrash("destroy");
        }
        return b.build();
    }

    /** Networks need a UUID. */
    static NetworkDefinition complete(NetworkDefinition def) {
        return def.uuid() != null ? def : def.toBuilder().uuid(UUID.randomUUID()).build();
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
