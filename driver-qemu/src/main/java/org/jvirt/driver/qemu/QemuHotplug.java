package org.jvirt.driver.qemu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.address.QemuAddresses;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.spi.DomainRef;

/**
 * Adding and removing devices, as libvirt's {@code qemu_hotplug.c}: disks and interfaces, in the
 * persistent definition or in the running guest. A live attach creates QEMU's backend (block nodes,
 * netdev) and then the device, placed on a free PCIe root port on PCIe machines, and takes the backend
 * away again when the device is refused; a live detach asks the guest to release the device and
 * finishes when QEMU reports it gone (DEVICE_DELETED), or later if the guest takes longer than
 * {@link #UNPLUG_WAIT}.
 */
final class QemuHotplug {
    /** How long a detach waits for the guest to release the device, as libvirt's 5 s. */
    static final Duration UNPLUG_WAIT = Duration.ofSeconds(5);

    private final QemuNode node;

    QemuHotplug(QemuNode node) {
        this.node = node;
    }


    /**
     * Adds a device: to the persistent definition (CONFIG, or CURRENT on an inactive domain), which
     * is written at once; or to the running guest over QMP (LIVE, or CURRENT on an active domain).
     */
    void attach(DomainRef ref, Device device, ModificationImpact impact) {
        QemuDomain d = node.domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("attach", node.jobWaitMillis)) {
            if (!d.affectsLive(impact)) {
                synchronized (d) {
                    DomainDefinition changed = withDevice(d.persistent, device, d.name);
                    node.definitions.persist(d, node.complete(changed));
                }
                return;
            }
            QemuRun run = node.processes.activeRun(d);
            DomainDefinition live;
            synchronized (d) {
                live = d.live;
            }
            Device added;
            if (device instanceof DiskDevice disk) {
                added = attachDisk(d, run, live, disk.targetBus().equals("virtio")
                        ? (DiskDevice) placed(live, disk, d.name) : disk);
            } else if (device instanceof InterfaceDevice nic) {
                added = attachNic(d, run, live, nic);
            } else {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "live attach of device <" + device.elementName()
                        + "> is not supported by the QEMU driver, only disks and interfaces", d.name);
            }
            synchronized (d) {
                d.live = d.live.toBuilder().addDevice(added).build();
                node.processes.writeStatus(d, run);
            }
        }
    }

    private Device attachDisk(QemuDomain d, QemuRun run, DomainDefinition live, DiskDevice disk) {
        for (DiskDevice existing : live.devices(DiskDevice.class)) {
            if (existing.targetDev().equals(disk.targetDev())) {
                throw QemuErrors.operationInvalid("target " + disk.targetDev() + " already exists", d.name);
            }
        }
        ControllerDevice scsi = null;
        if (disk.targetBus().equals("scsi") && !hasScsiController(live)) {
            // The controller is recorded in the live definition with its slot, which no later device may take.
            scsi = (ControllerDevice) placed(live, new ControllerDevice("scsi", 0, "virtio-scsi", null, null), d.name);
            live = live.toBuilder().addDevice(scsi).build();
        }
        QemuCommandBuilder.DiskPlan plan = QemuCommandBuilder.planDisk(d.name, disk, live, nextNodeIndex(run, live));
        List<String> rollback = new ArrayList<>();
        try {
            if (scsi != null) {
                Map<String, Object> ctl = new LinkedHashMap<>();
                ctl.put("driver", "virtio-scsi-pci");
                ctl.put("id", "scsi0");
                ctl.putAll(QemuCommandBuilder.pciAddressProps(scsi.address(), live));
                run.monitor.deviceAdd(ctl);
                synchronized (d) {
                    d.live = d.live.toBuilder().addDevice(scsi).build();
                }
            }
            if (plan.blockdevFile() != null) {
                run.monitor.blockdevAdd(plan.blockdevFile());
                rollback.add(plan.ids().fileNode());
                run.monitor.blockdevAdd(plan.blockdevFormat());
                rollback.add(0, plan.ids().node());
            }
            run.monitor.deviceAdd(plan.device());
            QemuCommandBuilder.diskThrottle(disk, plan.ids().device()).ifPresent(run.monitor::blockSetIoThrottle);
        } catch (VirtException e) {
            for (String n : rollback) {
                try {
                    run.monitor.blockdevDel(n);
                } catch (VirtException ignored) {
                    // best effort
                }
            }
            throw e;
        }
        run.disks.put(disk.targetDev(), plan.ids());
        return disk;
    }

    /** Whether the guest has SCSI controller 0, which a hot-plugged SCSI disk goes on. */
    private static boolean hasScsiController(DomainDefinition live) {
        return live.devices(ControllerDevice.class).stream()
                .anyMatch(c -> c.type().equals("scsi") && c.index() != null && c.index() == 0);
    }

    /**
     * The {@code N} of a new disk's {@code libvirt-N-*} nodes: after every disk the guest has (an empty
     * CD-ROM's number too) and every node it has had, as libvirt counts.
     */
    private static int nextNodeIndex(QemuRun run, DomainDefinition live) {
        int max = live.devices(DiskDevice.class).size();
        for (QemuCommand.DiskIds ids : run.disks.values()) {
            if (ids.node() != null && ids.node().matches("libvirt-[0-9]+-format")) {
                max = Math.max(max, Integer.parseInt(ids.node().split("-")[1]));
            }
        }
        return max + 1;
    }

    private Device attachNic(QemuDomain d, QemuRun run, DomainDefinition live, InterfaceDevice nic) {
        if (nic.mac() == null) {
            nic = nic.toBuilder().mac(DomainDefaults.randomMac()).build();
        }
        if (run.nics.containsKey(nic.mac())) {
            throw QemuErrors.operationInvalid("an interface with MAC address " + nic.mac() + " already exists", d.name);
        }
        if (!"usb-net".equals(nic.model())) {
            nic = (InterfaceDevice) placed(live, nic, d.name);
        }
        int index = 0;
        while (nicIndexTaken(run, index)) {
            index++;
        }
        QemuCommandBuilder.NicPlan plan = QemuCommandBuilder.planInterface(d.name, nic, index, live, Set.of());
        run.monitor.netdevAdd(plan.netdev());
        try {
            run.monitor.deviceAdd(plan.device());
        } catch (VirtException e) {
            try {
                run.monitor.netdevDel(plan.ids().netdev());
            } catch (VirtException ignored) {
                // best effort
            }
            throw e;
        }
        run.nics.put(nic.mac(), plan.ids());
        return nic;
    }

    private static boolean nicIndexTaken(QemuRun run, int index) {
        for (QemuCommand.NicIds ids : run.nics.values()) {
            if (ids.device().equals("net" + index)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code device} with the PCI address libvirt's rules give it in the running guest, when it has none
     * (so that the live definition says where it is, and a restart from it keeps it there).
     *
     * @throws VirtException libvirt's address errors, or OPERATION_FAILED when the guest has no free slot
     *         for it: a slot would need a new PCI controller, which cannot be hot-plugged
     */
    private static Device placed(DomainDefinition live, Device device, String domain) {
        if (device.address() != null) {
            return device;
        }
        DomainDefinition probe = QemuAddresses.assign(live.toBuilder().addDevice(device).build());
        if (probe.devices().size() == live.devices().size() + 1) {
            for (Device d : probe.devices()) {
                boolean same = d instanceof DiskDevice disk && device instanceof DiskDevice newDisk
                        && disk.targetDev().equals(newDisk.targetDev())
                        || d instanceof InterfaceDevice nic && device instanceof InterfaceDevice newNic
                        && java.util.Objects.equals(nic.mac(), newNic.mac())
                        || d instanceof ControllerDevice c && device instanceof ControllerDevice newController
                        && c.type().equals(newController.type())
                        && java.util.Objects.equals(c.index(), newController.index());
                if (same && d.address() != null && "pci".equals(d.address().type())) {
                    return d;
                }
            }
        }
        throw QemuErrors.error(ErrorCode.OPERATION_FAILED, "No more available PCI slots for device <"
                + device.elementName() + ">: the guest has no free slot for it, and a new PCI controller cannot be"
                + " hot-plugged", domain);
    }

    /** Removes a device from the definitions {@code impact} selects, as {@link #attach} adds one. */
    void detach(DomainRef ref, Device device, ModificationImpact impact) {
        QemuDomain d = node.domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("detach", node.jobWaitMillis)) {
            if (!d.affectsLive(impact)) {
                synchronized (d) {
                    node.definitions.persist(d, withoutDevice(d.persistent, device, d.name));
                }
                return;
            }
            QemuRun run = node.processes.activeRun(d);
            DomainDefinition live;
            synchronized (d) {
                live = d.live;
            }
            Device target = matching(live, device, d.name);
            String devId;
            Runnable cleanup;
            if (target instanceof DiskDevice disk) {
                QemuCommand.DiskIds ids = run.disks.get(disk.targetDev());
                devId = ids.device();
                cleanup = () -> {
                    for (String n : new String[] {ids.node(), ids.fileNode()}) {
                        if (n != null) {
                            try {
                                run.monitor.blockdevDel(n);
                            } catch (VirtException ignored) {
                                // the node may be gone with the device
                            }
                        }
                    }
                    run.disks.remove(disk.targetDev());
                };
            } else if (target instanceof InterfaceDevice nic) {
                QemuCommand.NicIds ids = run.nics.get(nic.mac());
                devId = ids.device();
                cleanup = () -> {
                    try {
                        run.monitor.netdevDel(ids.netdev());
                    } catch (VirtException ignored) {
                        // best effort
                    }
                    run.nics.remove(nic.mac());
                };
            } else {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "live detach of device <" + device.elementName()
                        + "> is not supported by the QEMU driver, only disks and interfaces", d.name);
            }
            CompletableFuture<Void> gone = new CompletableFuture<>();
            run.unplugs.put(devId, gone);
            run.monitor.deviceDel(devId);
            Runnable finish = () -> {
                run.unplugs.remove(devId);
                cleanup.run();
                synchronized (d) {
                    if (d.run == run) {
                        d.live = withoutDevice(d.live, target, d.name);
                        node.processes.writeStatus(d, run);
                    }
                }
            };
            try {
                gone.get(UNPLUG_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                finish.run();
            } catch (TimeoutException e) {
                // As libvirt: the request stands; the guest finishes it when it releases the device.
                gone.thenRunAsync(finish, node.background);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                finish.run();
            }
        }
    }

    private static Device matching(DomainDefinition def, Device device, String domain) {
        for (Device dev : def.devices()) {
            if (device instanceof DiskDevice want && dev instanceof DiskDevice have
                    && have.targetDev().equals(want.targetDev())) {
                return dev;
            }
            if (device instanceof InterfaceDevice want && dev instanceof InterfaceDevice have
                    && (want.mac() == null || want.mac().equals(have.mac()))) {
                return dev;
            }
        }
        throw QemuErrors.error(ErrorCode.DEVICE_MISSING, "matching device not found: " + device.elementName()
                + (device instanceof DiskDevice dd ? " " + dd.targetDev()
                : device instanceof InterfaceDevice nic && nic.mac() != null ? " " + nic.mac() : ""), domain);
    }

    private static DomainDefinition withDevice(DomainDefinition def, Device device, String domain) {
        if (device instanceof DiskDevice disk) {
            for (DiskDevice existing : def.devices(DiskDevice.class)) {
                if (existing.targetDev().equals(disk.targetDev())) {
                    throw QemuErrors.operationInvalid("target " + disk.targetDev() + " already exists", domain);
                }
            }
        } else if (!(device instanceof InterfaceDevice)) {
            throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "attaching device <" + device.elementName()
                    + "> is not supported by the QEMU driver, only disks and interfaces", domain);
        }
        return def.toBuilder().addDevice(device).build();
    }

    private static DomainDefinition withoutDevice(DomainDefinition def, Device device, String domain) {
        Device target = matching(def, device, domain);
        List<Device> rest = new ArrayList<>(def.devices());
        rest.remove(target);
        return def.toBuilder().devices(rest).build();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------
}
