package org.jvirt.driver.xend.config;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.Device;
import org.jvirt.model.UnknownDevice;

/**
 * A definition as the {@code (vm ...)} xend creates a domain from, in the order of libvirt 0.4.4's
 * {@code virDomainParseXMLDesc}: the guest's size and identity, its bootloader, lifecycle, the
 * {@code (image ...)} of a guest without bootloader, then its disks, interfaces and, from xend
 * 3.0.4, its consoles. Everything is checked before anything is written.
 */
final class DomainWriter {
    private DomainWriter() {
    }

    static SexprList write(DefGuest w) {
        check(w);
        List<Sexpr> vm = new ArrayList<>();
        vm.add(Sexpr.atom("vm"));
        GuestSection.write(w, vm);
        OsSection.writeBootloader(w, vm);
        PlatformSection.writeLifecycle(w, vm);
        if (w.def.bootloader() == null) {
            // A bootloader finds the kernel itself: libvirt 0.4.4 gave xend no image for such a guest.
            vm.add(Sexpr.node("image", image(w)));
        }
        DiskSection.writeDevices(w, vm);
        InterfaceSection.write(w, vm);
        GraphicsSection.writeDevices(w, vm);
        return Sexpr.list(vm);
    }

    /** {@code (linux ...)} or {@code (hvm ...)}, each part in libvirt 0.4.4's order. */
    private static SexprList image(DefGuest w) {
        List<Sexpr> image = new ArrayList<>();
        image.add(Sexpr.atom(w.hvm ? "hvm" : "linux"));
        OsSection.writeKernel(w, image);
        if (w.hvm) {
            OsSection.writeHvmBoot(w, image);
            DiskSection.writeImageDisks(w, image);
            PlatformSection.writeFeatures(w, image);
            InputSoundSection.writeInputs(w, image);
            CharSection.writeImage(w, image);
            PlatformSection.writeLocaltime(w, image);
            InputSoundSection.writeSound(w, image);
        }
        OsSection.writeDeviceModel(w, image);
        GraphicsSection.writeImage(w, image);
        return Sexpr.list(image);
    }

    /**
     * Refuses a definition xend cannot be told as it is. Controllers, video adapters and memory
     * balloons go: xend's guests have them implicitly (libvirt 9 adds them to every definition).
     */
    private static void check(DefGuest w) {
        if (w.def.os() == null && w.def.bootloader() == null) {
            throw XendErrors.noOs(w.name());
        }
        String osType = w.def.os() == null ? "xen" : w.def.os().type();
        if (!List.of("hvm", "xen", "linux").contains(osType)) {
            throw XendErrors.unsupported("xend runs paravirtualised (xen) and fully virtualised (hvm) guests, not "
                    + "OS type '" + osType + "' (domain '" + w.name() + "')");
        }
        if (!w.def.type().equals("xen")) {
            throw XendErrors.unsupported("xend runs domains of type 'xen', not '" + w.def.type() + "' (domain '"
                    + w.name() + "')");
        }
        for (Device device : w.def.devices()) {
            if (device instanceof UnknownDevice) {
                throw XendErrors.unsupported("xend has no <" + device.elementName() + "> (domain '" + w.name() + "')");
            }
        }
        PlatformSection.check(w);
        CharSection.check(w);
        GraphicsSection.check(w);
        InputSoundSection.check(w);
    }
}
