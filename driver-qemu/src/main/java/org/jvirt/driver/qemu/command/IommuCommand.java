package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.xml.XmlElement;

/**
 * The IOMMU ({@code <iommu>}) on the command line, as libvirt's qemuBuildIOMMUCommandLine: Intel's
 * {@code intel-iommu} {@code iommu0} on q35, right after the boot options, with what its
 * {@code <driver>} says (interrupt remapping, caching mode, EIM, device IOTLB, address width). The
 * virtio and SMMUv3 IOMMUs are refused. The model keeps {@code <iommu>} as an element: {@link #honoured}
 * says which ones this class speaks of, {@link #validate} refuses the rest. Stateless.
 */
final class IommuCommand {
    /** The {@code <driver>} attributes of an Intel IOMMU, in libvirt's order of their QEMU properties. */
    private static final List<String> DRIVER = List.of("intremap", "caching_mode", "eim", "iotlb", "aw_bits");

    private IommuCommand() {
    }

    /** Whether an {@code <iommu>} has only a model, a {@code <driver>} of the options above and an address. */
    static boolean honoured(XmlElement iommu) {
        XmlElement driver = iommu.child("driver");
        return ElementDevices.only(iommu, Set.of("model"), Set.of("driver", "address"))
                && (driver == null || ElementDevices.leaf(driver, Set.copyOf(DRIVER)));
    }

    /** Refuses an IOMMU this guest cannot have, in libvirt's words. */
    static void validate(Guest g) {
        List<XmlElement> iommus = ElementDevices.named(g.def(), "iommu");
        if (iommus.size() > 1) {
            throw Unsupported.config(g.name(), "only a single IOMMU device is supported");
        }
        for (XmlElement iommu : iommus) {
            String model = String.valueOf(iommu.attribute("model"));
            if (!model.equals("intel")) {
                throw Unsupported.config(g.name(), "IOMMU device: '" + model + "' is not supported by the QEMU driver");
            }
            if (!Machines.isQ35(g.machine())) {
                throw Unsupported.config(g.name(), "IOMMU device: 'intel' is only supported with Q35 machines");
            }
            XmlElement driver = iommu.child("driver");
            Map<String, String> options = driver == null ? Map.of() : driver.attributes();
            for (String option : List.of("intremap", "caching_mode", "eim", "iotlb")) {
                String v = options.get(option);
                if (v != null && !Set.of("on", "off").contains(v)) {
                    throw Unsupported.invalid(g.name(), "iommu " + option + " '" + v + "' is neither on nor off");
                }
            }
            if (options.get("aw_bits") != null && !options.get("aw_bits").matches("[0-9]{1,3}")) {
                throw Unsupported.invalid(g.name(), "iommu aw_bits '" + options.get("aw_bits") + "' is not a number");
            }
            if ("on".equals(options.get("intremap")) && !splitIoapic(g)) {
                throw Unsupported.config(g.name(),
                        "IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')");
            }
            if ("on".equals(options.get("eim")) && !"on".equals(options.get("intremap"))) {
                throw Unsupported.config(g.name(), "IOMMU eim requires interrupt remapping to be enabled");
            }
            if (iommu.child("address") != null) {
                throw Unsupported.config(g.name(), "IOMMU device: 'intel' takes no address");
            }
        }
    }

    /** Whether the definition asks for QEMU's own I/O APIC ({@code <ioapic driver='qemu'/>}). */
    private static boolean splitIoapic(Guest g) {
        return g.def().features().stream().anyMatch(f -> f.name().equals("ioapic")
                && "qemu".equals(f.attribute("driver")));
    }

    static void add(Guest g, CommandLine out) {
        for (XmlElement iommu : ElementDevices.named(g.def(), "iommu")) {
            Map<String, Object> p = Json.object("driver", "intel-iommu", "id", "iommu0");
            XmlElement driver = iommu.child("driver");
            if (driver != null) {
                for (String option : DRIVER) {
                    String v = driver.attribute(option);
                    if (v == null) {
                        continue;
                    }
                    switch (option) {
                        case "intremap", "eim" -> p.put(option, v);
                        case "caching_mode" -> p.put("caching-mode", v.equals("on"));
                        case "iotlb" -> p.put("device-iotlb", v.equals("on"));
                        default -> {
                            // libvirt leaves QEMU's default for 0
                            if (Integer.parseInt(v) != 0) {
                                p.put("aw-bits", Integer.parseInt(v));
                            }
                        }
                    }
                }
            }
            out.device(p);
        }
    }
}
