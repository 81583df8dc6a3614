package org.jvirt.driver.xend.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;

/**
 * How two {@code (vm ...)} trees are compared: exactly, but for the order of the disks. xend knows
 * a disk by its device name (its device number is {@code blkdev_name_to_number(dev)}), so their
 * order says nothing; libvirt 9's model — jvirt's — keeps disks sorted by bus and name, as
 * {@code virDomainDiskInsert} does, not in document order. Interfaces keep their order: xend numbers
 * vifs as they come.
 */
final class SexprTrees {
    private SexprTrees() {
    }

    /** {@code vm} with its disk devices sorted by their text, everything else as it is. */
    static Sexpr disksSorted(Sexpr vm) {
        if (!(vm instanceof SexprList list)) {
            return vm;
        }
        List<Sexpr> items = new ArrayList<>(list.items());
        List<Integer> diskSlots = new ArrayList<>();
        List<Sexpr> disks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (isDisk(items.get(i))) {
                diskSlots.add(i);
                disks.add(items.get(i));
            }
        }
        disks.sort(Comparator.comparing(Sexpr::toString));
        for (int i = 0; i < diskSlots.size(); i++) {
            items.set(diskSlots.get(i), disks.get(i));
        }
        return Sexpr.list(items);
    }

    private static boolean isDisk(Sexpr item) {
        return item instanceof SexprList device && device.isNamed("device")
                && (device.lookup("device/vbd").isPresent() || device.lookup("device/tap").isPresent());
    }
}
