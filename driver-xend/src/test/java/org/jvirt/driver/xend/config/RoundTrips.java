package org.jvirt.driver.xend.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;

/** What xend does between a {@code (vm ...)} it is given and the {@code (domain ...)} it answers with, for tests. */
final class RoundTrips {
    private RoundTrips() {
    }

    /** {@code vm} as xend describes the domain it made of it, running with id {@code domid}. */
    static Sexpr asXendDescribes(Sexpr vm, int domid) {
        List<Sexpr> items = new ArrayList<>(((SexprList) vm).items());
        items.set(0, Sexpr.atom("domain"));
        items.add(1, Sexpr.entry("domid", Integer.toString(domid)));
        return Sexpr.list(items);
    }

    /**
     * The definition as the driver gets it and as libvirt 9 writes it, secrets included, its disks in
     * the order of their names: xend knows a disk by its name, and libvirt places a disk among those of
     * its bus by the order it reads them in (virDomainDiskInsert), which a round trip through xend changes.
     */
    static String formatted(DomainDefinition def) {
        DomainDefinition done = PostParse.apply(def, XendRules.INSTANCE);
        List<Device> devices = new ArrayList<>(done.devices());
        devices.sort(Comparator.comparing(d -> d instanceof DiskDevice disk ? disk.targetDev() : ""));
        return DomainXml.format(done.toBuilder().devices(devices).build(), -1, true);
    }
}
