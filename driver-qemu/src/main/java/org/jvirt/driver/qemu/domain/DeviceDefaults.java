package org.jvirt.driver.qemu.domain;

import java.util.List;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.CharDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * What libvirt's QEMU driver fills in on each device of a definition (qemuDomainDeviceDefPostParse),
 * but for controllers: a disk's driver and format, an interface's model, a video adapter's model and
 * QXL's VGA memory, a serial port's target type and model, a panic device's and a TPM's model, a
 * vsock's model, a mediated device's display, the protocol of an RNG's TCP EGD backend. Stateless.
 */
final class DeviceDefaults {
    /** QXL's default VGA memory in KiB (QEMU_QXL_VGAMEM_DEFAULT). */
    private static final long QXL_VGAMEM_KIB = 16 * 1024;

    private DeviceDefaults() {
    }

    /** {@code device} of {@code def}, which {@code emulator} runs, with libvirt's QEMU defaults. */
    static Device apply(Device device, DomainDefinition def, EmulatorInfo emulator) {
        if (device instanceof DiskDevice disk) {
            return disk(disk);
        }
        if (device instanceof InterfaceDevice nic) {
            return nic(nic, def, emulator);
        }
        if (device instanceof VideoDevice video) {
            return video(video, def, emulator);
        }
        if (device instanceof CharDevice chr && chr.kind().equals("serial")) {
            return SerialTargets.apply(chr, def);
        }
        if (device instanceof UnknownDevice unknown) {
            return unknown(unknown, def);
        }
        return device;
    }

    /**
     * qemuDomainDeviceDiskDefPostParse: QEMU's driver, raw images unless a volume's pool says, and
     * QEMU's encryption engine for every encrypted image of the chain.
     */
    private static DiskDevice disk(DiskDevice disk) {
        String name = disk.driverName() == null ? "qemu" : disk.driverName();
        String format = disk.driverType() == null && !disk.type().equals("volume") ? "raw" : disk.driverType();
        DiskDevice done = disk;
        if (!name.equals(disk.driverName()) || !java.util.Objects.equals(format, disk.driverType())) {
            done = done.toBuilder().driver(name, format, disk.driverCache()).build();
        }
        org.jvirt.model.Unknowns u = done.unknowns();
        for (String location : List.of("", "source")) {
            List<XmlElement> elements = u.elementsAt(location);
            List<XmlElement> engined = elements.stream().map(DeviceDefaults::withEncryptionEngine).toList();
            if (!engined.equals(elements)) {
                u = u.withElementsAt(location, engined);
            }
        }
        return u == done.unknowns() ? done : done.toBuilder().unknowns(u).build();
    }

    /**
     * An {@code <encryption>} without engine with QEMU's, and the same inside a backing store's
     * {@code <source>} and the backing stores below it; any other element as it is.
     */
    private static XmlElement withEncryptionEngine(XmlElement e) {
        if (e.name().equals("encryption")) {
            return e.attribute("engine") != null ? e : e.toBuilder().attribute("engine", "qemu").build();
        }
        if (!e.name().equals("backingStore") && !e.name().equals("source")) {
            return e;
        }
        List<XmlElement> children = e.children().stream().map(DeviceDefaults::withEncryptionEngine).toList();
        if (children.equals(e.children())) {
            return e;
        }
        XmlElement.Builder b = XmlElement.builder(e.name());
        e.attributes().forEach(b::attribute);
        children.forEach(b::child);
        if (!e.text().isBlank()) {
            b.text(e.text());
        }
        return b.build();
    }

    /** qemuDomainDeviceNetDefPostParse: every interface but a host device's has a model. */
    private static InterfaceDevice nic(InterfaceDevice nic, DomainDefinition def, EmulatorInfo emulator) {
        if (nic.model() != null || nic.type().equals("hostdev")) {
            return nic;
        }
        String model = nic.type().equals("vdpa") ? "virtio" : netModel(def, emulator);
        return nic.toBuilder().model(model).build();
    }

    /** qemuDomainDefaultNetModel. */
    static String netModel(DomainDefinition def, EmulatorInfo emulator) {
        String arch = DomainDefaults.arch(def);
        String machine = DomainDefaults.machine(def);
        if (arch.startsWith("s390")) {
            return "virtio";
        }
        if (arch.equals("armv6l") || arch.equals("armv7l") || arch.equals("aarch64")) {
            if (machine.equals("versatilepb")) {
                return "smc91c111";
            }
            // vexpress and a few other boards have this one; libvirt knows it is not all of them.
            return DomainDefaults.isArmVirt(def) ? "virtio" : "lan9118";
        }
        if (DomainDefaults.isRiscvVirt(def)) {
            return "virtio";
        }
        if (emulator.hasType("rtl8139")) {
            return "rtl8139";
        }
        if (emulator.hasType("e1000")) {
            return "e1000";
        }
        return emulator.hasType("virtio-net-pci") ? "virtio" : "rtl8139";
    }

    /** qemuDomainDeviceVideoDefPostParse: the machine's adapter when none is named; QXL's VGA memory. */
    private static VideoDevice video(VideoDevice video, DomainDefinition def, EmulatorInfo emulator) {
        VideoDevice v = video;
        if (v.modelType() == null) {
            String model = videoModel(def, emulator);
            if (model != null) {
                v = v.with(model, v.ram(), v.vram(), v.heads(), v.primary());
            }
        }
        if ("qxl".equals(v.modelType()) && v.vgamem() == null) {
            v = new VideoDevice(v.modelType(), v.ram(), v.vram(), QXL_VGAMEM_KIB, v.heads(), v.primary(), v.address(),
                    v.unknowns());
        }
        return v;
    }

    /** qemuDomainDefaultVideoDevice: VGA on POWER, virtio on virt boards and s390, else Cirrus or VGA. */
    private static String videoModel(DomainDefinition def, EmulatorInfo emulator) {
        String arch = DomainDefaults.arch(def);
        if (arch.startsWith("ppc64")) {
            return "vga";
        }
        if (DomainDefaults.isArmVirt(def) || DomainDefaults.isRiscvVirt(def) || arch.startsWith("s390")) {
            return "virtio";
        }
        if (emulator.deviceTypes().isEmpty()) {
            return "vga"; // an emulator whose devices were not listed: the adapter every QEMU PC has
        }
        if (emulator.hasType("cirrus-vga")) {
            return "cirrus";
        }
        return emulator.hasType("VGA") ? "vga" : null;
    }

    /**
     * An RNG whose EGD daemon is reached over TCP without a {@code <protocol>}: libvirt writes the one
     * such a character device has, {@code raw}, after its sources.
     */
    private static Device rngProtocol(UnknownDevice device) {
        XmlElement backend = device.element().child("backend");
        if (backend == null || !"egd".equals(backend.attribute("model")) || !"tcp".equals(backend.attribute("type"))
                || backend.child("protocol") != null) {
            return device;
        }
        XmlElement.Builder withProtocol = XmlElement.builder("backend");
        backend.attributes().forEach(withProtocol::attribute);
        int lastSource = -1;
        for (int i = 0; i < backend.children().size(); i++) {
            if (backend.children().get(i).name().equals("source")) {
                lastSource = i;
            }
        }
        for (int i = 0; i < backend.children().size(); i++) {
            withProtocol.child(backend.children().get(i));
            if (i == lastSource) {
                withProtocol.child(XmlElement.builder("protocol").attribute("type", "raw").build());
            }
        }
        if (lastSource < 0) {
            withProtocol.child(XmlElement.builder("protocol").attribute("type", "raw").build());
        }
        XmlElement rng = device.element();
        XmlElement.Builder b = XmlElement.builder(rng.name());
        rng.attributes().forEach(b::attribute);
        for (XmlElement c : rng.children()) {
            b.child(c == backend ? withProtocol.build() : c);
        }
        return new UnknownDevice(b.build());
    }

    private static Device unknown(UnknownDevice device, DomainDefinition def) {
        XmlElement e = device.element();
        String arch = DomainDefaults.arch(def);
        switch (e.name()) {
            case "vsock" -> {
                // qemuDomainVsockDefPostParse
                return e.attribute("model") == null ? withFirstAttribute(device, "model", "virtio") : device;
            }
            case "panic" -> {
                // qemuDomainDevicePanicDefPostParse
                if (e.attribute("model") != null) {
                    return device;
                }
                String model = DomainDefaults.isPSeries(def) ? "pseries"
                        : arch.startsWith("s390") ? "s390" : "isa";
                return withFirstAttribute(device, "model", model);
            }
            case "tpm" -> {
                return tpm(device, def);
            }
            case "rng" -> {
                return rngProtocol(device);
            }
            case "shmem" -> {
                return shmem(device, def);
            }
            case "hostdev" -> {
                // qemuDomainHostdevDefMdevPostParse: QEMU since 2.12 could show a display; libvirt says off
                if ("mdev".equals(e.attribute("type")) && "vfio-pci".equals(e.attribute("model"))
                        && e.attribute("display") == null) {
                    XmlElement.Builder b = e.toBuilder();
                    b.attribute("display", "off");
                    return new UnknownDevice(b.build());
                }
                return device;
            }
            default -> {
                return device;
            }
        }
    }

    /**
     * qemuDomainTPMDefPostParse: the architecture's TPM model, and an emulated TPM's version (1.2
     * and 2.0 are not compatible): 2.0 for CRB, sPAPR and Arm's virt board, else 1.2.
     */
    private static UnknownDevice tpm(UnknownDevice device, DomainDefinition def) {
        String arch = DomainDefaults.arch(def);
        UnknownDevice done = device.element().attribute("model") != null ? device
                : withFirstAttribute(device, "model", arch.startsWith("ppc64") ? "tpm-spapr" : "tpm-tis");
        XmlElement e = done.element();
        XmlElement backend = e.child("backend");
        if (backend == null || !"emulator".equals(backend.attribute("type")) || backend.attribute("version") != null) {
            return done;
        }
        String model = e.attribute("model");
        String version = model.equals("tpm-spapr") || model.equals("tpm-crb") || DomainDefaults.isArmVirt(def)
                ? "2.0" : "1.2";
        XmlElement versioned = backend.toBuilder().attribute("version", version).build();
        XmlElement.Builder b = XmlElement.builder(e.name());
        e.attributes().forEach(b::attribute);
        for (XmlElement child : e.children()) {
            b.child(child == backend ? versioned : child);
        }
        return new UnknownDevice(b.build());
    }

    /**
     * qemuDomainShmemDefPostParse: shared memory of 4 MiB unless said (all but a doorbell, whose
     * server sizes it); a doorbell needs its server, plain memory has none.
     */
    private static UnknownDevice shmem(UnknownDevice device, DomainDefinition def) {
        XmlElement e = device.element();
        XmlElement modelElement = e.child("model");
        String model = modelElement == null || modelElement.attribute("type") == null ? "ivshmem"
                : modelElement.attribute("type");
        boolean server = e.child("server") != null;
        boolean sized = e.child("size") != null;
        if (!model.equals("ivshmem")) {
            if (!server && model.equals("ivshmem-doorbell")) {
                throw unsupported(def, "shmem model '" + model + "' is supported only with server option enabled");
            }
            if (server && model.equals("ivshmem-plain")) {
                throw unsupported(def, "shmem model '" + model + "' is supported only with server option disabled");
            }
            if (server && sized) {
                throw unsupported(def, "shmem model '" + model + "' does not support size setting");
            }
        }
        if (model.equals("ivshmem-doorbell") || sized) {
            return device;
        }
        // libvirt writes the size in MiB, after the model (virDomainShmemDefFormat).
        XmlElement size = XmlElement.builder("size").attribute("unit", "M").text("4").build();
        XmlElement.Builder b = XmlElement.builder(e.name());
        e.attributes().forEach(b::attribute);
        boolean placed = false;
        for (XmlElement child : e.children()) {
            if (!placed && !child.name().equals("model")) {
                b.child(size);
                placed = true;
            }
            b.child(child);
        }
        if (!placed) {
            b.child(size);
        }
        return new UnknownDevice(b.build());
    }

    private static org.jvirt.api.VirtException unsupported(DomainDefinition def, String detail) {
        return org.jvirt.api.VirtException.of(org.jvirt.api.ErrorCode.CONFIG_UNSUPPORTED,
                org.jvirt.api.ErrorDomain.QEMU, detail, def.name());
    }

    /** The device with {@code name="value"} written before its other attributes. */
    private static UnknownDevice withFirstAttribute(UnknownDevice device, String name, String value) {
        XmlElement e = device.element();
        XmlElement.Builder b = XmlElement.builder(e.name()).attribute(name, value);
        e.attributes().forEach(b::attribute);
        for (XmlElement child : e.children()) {
            b.child(child);
        }
        if (!e.text().isEmpty()) {
            b.text(e.text());
        }
        return new UnknownDevice(b.build());
    }
}
