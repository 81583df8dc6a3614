package org.jvirt.driver.xend;

import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xend.config.XendConfig;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;

/**
 * Devices attached and detached through xend ({@code device_create}, {@code device_destroy}): disks
 * ({@code vbd}) and interfaces ({@code vif}), as libvirt 0.4.4 did. A device's S-expression is the one
 * {@link XendConfig} writes for it in its domain, so both ways agree. Stateless.
 */
final class XendDevices {
    private XendDevices() {
    }

    /** How xend names a device to remove: its kind and its target (a disk) or MAC address (an interface). */
    record Id(String type, String dev) {
    }

    /** The {@code (vbd ...)} or {@code (vif ...)} of {@code device}, written as in {@code domain}. */
    static SexprList sexpr(DomainDefinition domain, Device device, int configFormat) {
        check(device);
        DomainDefinition alone = domain.toBuilder().devices(List.of(device)).build();
        SexprList vm = (SexprList) XendConfig.toSexpr(alone, configFormat);
        List<SexprList> devices = vm.entries("device");
        if (devices.size() != 1 || devices.get(0).size() != 2 || !(devices.get(0).get(1) instanceof SexprList d)) {
            throw XendDaemonErrors.worded(ErrorCode.CONFIG_UNSUPPORTED, "xend cannot attach this " + kind(device)
                    + " as a device of its own", domain.name());
        }
        return d;
    }

    /** Refuses a device whose target (disk) or MAC address (interface) the domain has already. */
    static void checkAbsent(DomainDefinition domain, Device device) {
        if (has(domain, device)) {
            Id id = id(device);
            throw XendDaemonErrors.worded(ErrorCode.OPERATION_FAILED, "domain '" + domain.name() + "' has a "
                    + kind(device) + " " + id.dev() + " already", domain.name());
        }
    }

    /** Refuses to detach a device the domain does not have. */
    static void checkPresent(DomainDefinition domain, Device device) {
        if (!has(domain, device)) {
            throw XendDaemonErrors.worded(ErrorCode.DEVICE_MISSING, "domain '" + domain.name() + "' has no "
                    + kind(device) + " " + id(device).dev(), domain.name());
        }
    }

    /** The domain's devices without {@code device}; DEVICE_MISSING when it has no such device. */
    static List<Device> without(DomainDefinition domain, Device device) {
        checkPresent(domain, device);
        Id id = id(device);
        return domain.devices().stream().filter(d -> !(d.getClass() == device.getClass() && id(d).equals(id)))
                .toList();
    }

    private static boolean has(DomainDefinition domain, Device device) {
        Id id = id(device);
        return domain.devices().stream().anyMatch(d -> d.getClass() == device.getClass() && id(d).equals(id));
    }

    static Id id(Device device) {
        check(device);
        if (device instanceof DiskDevice disk) {
            if (disk.targetDev() == null) {
                throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "the disk to detach names no target", null);
            }
            return new Id("vbd", disk.targetDev());
        }
        InterfaceDevice nic = (InterfaceDevice) device;
        if (nic.mac() == null) {
            throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "the interface to detach names no MAC address", null);
        }
        return new Id("vif", nic.mac());
    }

    private static void check(Device device) {
        if (!(device instanceof DiskDevice) && !(device instanceof InterfaceDevice)) {
            throw XendDaemonErrors.worded(ErrorCode.CONFIG_UNSUPPORTED, "xend attaches and detaches disks and "
                    + "interfaces, not a " + kind(device), null);
        }
    }

    private static String kind(Device device) {
        return device.getClass().getSimpleName().replace("Device", "").toLowerCase(java.util.Locale.ROOT);
    }
}
