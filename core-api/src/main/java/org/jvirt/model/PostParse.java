package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jvirt.model.xml.XmlElement;

/**
 * What libvirt does to every domain definition after parsing it and before any driver acts on it
 * ({@code virDomainDefPostParse}, libvirt 9's domain_postparse.c), as one pipeline: the driver's
 * basic rules, the driver's domain rules, each device (the driver's rules, then libvirt's generic
 * ones), libvirt's common rules (defaults, implicit devices), the driver's address assignment,
 * and last the checks of the completed definition, the driver's and libvirt's. The core runs it on every definition it hands a driver; drivers run it on the
 * definitions they read themselves. Applying it to its own result changes nothing.
 *
 * <p>Stateless and thread-safe. A definition the rules refuse fails with
 * {@link org.jvirt.api.VirtException} carrying libvirt's code.
 *
 * @since 1.0
 */
public final class PostParse {
    private PostParse() {
    }

    /** {@code definition} as libvirt's generic rules and {@code rules} complete it. */
    public static DomainDefinition apply(DomainDefinition definition, DomainRules rules) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(rules, "rules");
        DomainDefinition def = cpu(namespaces(parseTimeDefaults(definition, rules), rules.xmlNamespace()));
        def = NumaPostParse.apply(def);
        def = rules.postParseBasic(def);
        // Before the driver's rules, which may look for a controller at some index.
        def = withDevices(def, ImplicitDevices.controllerIndexes(def.devices()));
        def = rules.postParse(def);
        def = devices(def, rules);
        def = common(def, rules);
        def = rules.assignAddresses(def);
        // virDomainDefValidate: the driver's checks, then libvirt's.
        rules.validate(def);
        DomainValidate.apply(def);
        return def;
    }

    /**
     * What libvirt settles while parsing (virDomainDefParseXML, virDomainDefParseCaps) rather than
     * after, beyond the device order the parser keeps ({@link DeviceOrder}): a UUID when the
     * document has none, and the guest's architecture.
     */
    private static DomainDefinition parseTimeDefaults(DomainDefinition def, DomainRules rules) {
        DomainDefinition.Builder b = null;
        if (def.uuid() == null) {
            b = def.toBuilder().uuid(UUID.randomUUID());
        }
        DomainOs os = def.os();
        if (os != null && os.arch() == null) {
            String arch = rules.defaultArch(def);
            if (arch != null) {
                b = (b == null ? def.toBuilder() : b).os(os.toBuilder().arch(arch).build());
            }
        }
        return b == null ? def : b.build();
    }

    /**
     * virDomainDefParseXML reads one namespace besides its own, the driver's: top-level elements of
     * any other (a {@code qemu:commandline} given to the test driver) and their declarations go.
     */
    private static DomainDefinition namespaces(DomainDefinition def, String own) {
        Unknowns u = def.unknowns();
        List<XmlElement> top = u.elementsAt("");
        List<XmlElement> kept = new ArrayList<>(top.size());
        boolean ownUsed = false;
        for (XmlElement e : top) {
            int colon = e.name().indexOf(':');
            String uri = colon < 0 ? null : u.attributesAt("").get("xmlns:" + e.name().substring(0, colon));
            if (colon < 0 || uri != null && uri.equals(own)) {
                kept.add(e);
                ownUsed |= colon >= 0;
            }
        }
        Unknowns changed = kept.size() == top.size() ? u : u.withElementsAt("", kept);
        for (Map.Entry<String, String> a : u.attributesAt("").entrySet()) {
            if (a.getKey().startsWith("xmlns:") && !(ownUsed && a.getValue().equals(own))) {
                changed = changed.withoutAttribute("", a.getKey());
            }
        }
        return changed == u ? def : def.toBuilder().unknowns(changed).build();
    }

    /** The guest CPU as libvirt reads it ({@link CpuPostParse}); the model keeps {@code <cpu>} as an element. */
    private static DomainDefinition cpu(DomainDefinition def) {
        List<XmlElement> top = def.unknowns().elementsAt("");
        for (int i = 0; i < top.size(); i++) {
            XmlElement cpu = top.get(i);
            if (cpu.name().equals("cpu")) {
                XmlElement done = CpuPostParse.apply(cpu);
                if (cpu.equals(done)) {
                    return def;
                }
                List<XmlElement> changed = new ArrayList<>(top);
                if (done == null) {
                    changed.remove(i);
                } else {
                    changed.set(i, done);
                }
                return def.toBuilder().unknowns(def.unknowns().withElementsAt("", changed)).build();
            }
        }
        return def;
    }

    /** Each device: the driver's rules, then libvirt's generic ones (virDomainDeviceDefPostParseCommon). */
    private static DomainDefinition devices(DomainDefinition def, DomainRules rules) {
        List<Device> devices = new ArrayList<>(def.devices().size());
        boolean changed = false;
        for (Device device : def.devices()) {
            Device done = device(device, def, rules);
            changed |= done != device;
            devices.add(done);
        }
        return changed ? def.toBuilder().devices(devices).build() : def;
    }

    private static Device device(Device device, DomainDefinition def, DomainRules rules) {
        return DevicePostParse.apply(rules.postParseDevice(device, def), def, rules);
    }

    private static DomainDefinition withDevices(DomainDefinition def, List<Device> devices) {
        return devices.equals(def.devices()) ? def : def.toBuilder().devices(devices).build();
    }

    /** libvirt's virDomainDefPostParseCommon, as far as the model goes, in its order. */
    private static DomainDefinition common(DomainDefinition def, DomainRules rules) {
        memory(def);
        def = os(def);
        ImplicitDevices.rejectDuplicateControllers(def.devices());
        def = withDevices(def, ImplicitDevices.characterPorts(def.devices()));
        // virDomainDefAddImplicitDevices: console compatibility, controllers, video.
        def = withDevices(def, ImplicitDevices.consoleCompat(def.devices(), def));
        def = withDevices(def, ImplicitDevices.controllers(def.devices()));
        def = withDevices(def, ImplicitDevices.video(def.devices()));
        return primaryVideo(def, rules);
    }

    /**
     * virDomainDefPostParseVideo: the first video adapter is the primary one, and goes through the
     * device rules (it may have been added just now; the second time they change nothing) — unless
     * it is {@code none}, which keeps nothing but its model.
     */
    private static DomainDefinition primaryVideo(DomainDefinition def, DomainRules rules) {
        List<Device> devices = new ArrayList<>(def.devices());
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i) instanceof VideoDevice video) {
                VideoDevice primary;
                if ("none".equals(video.modelType())) {
                    primary = VideoDevice.of("none");
                } else {
                    primary = (VideoDevice) device(video, def, rules);
                    if (!primary.primary()) {
                        primary = primary.with(primary.modelType(), primary.ram(), primary.vram(), primary.heads(),
                                true);
                    }
                }
                devices.set(i, primary);
                return withDevices(def, devices);
            }
        }
        return def;
    }

    /**
     * virDomainDefPostParseMemory, for what the model keeps as elements: memory hot-plug needs both
     * a maximum and a slot count.
     */
    private static void memory(DomainDefinition def) {
        for (XmlElement e : def.unknowns().elementsAt("")) {
            if (e.name().equals("maxMemory")) {
                String slots = e.attribute("slots");
                boolean hasSlots = slots != null && !slots.strip().equals("0");
                boolean hasSize = !e.text().isBlank() && !e.text().strip().equals("0");
                if (hasSlots != hasSize) {
                    throw XmlValues.invalid(org.jvirt.api.ErrorDomain.DOMAIN,
                            "both maximum memory size and memory slot count must be specified");
                }
            }
        }
    }

    /** virDomainDefPostParseOs and virDomainDefBootOrderPostParse. */
    private static DomainDefinition os(DomainDefinition def) {
        DomainOs os = def.os();
        if (os == null) {
            return def;
        }
        DomainOs.Builder ob = null;
        // virDomainDefPostParseOs: a loader is a ROM unless it says otherwise.
        if (os.loader() != null && os.loaderType() == null) {
            ob = os.toBuilder().loaderType("rom");
        }
        // virDomainDefBootOrderPostParse: an HVM guest with no boot order boots from its disk.
        if ("hvm".equals(os.type()) && os.bootDevices().isEmpty() && !DevicePostParse.anyBootOrder(def)) {
            ob = (ob == null ? os.toBuilder() : ob).bootDevices(List.of("hd"));
        }
        return ob == null ? def : def.toBuilder().os(ob.build()).build();
    }
}
