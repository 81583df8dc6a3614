package org.jvirt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
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
        DomainDefinition def = rules.postParseBasic(asParsed(definition, rules));
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
     * The definition as libvirt's parser leaves it (virDomainDefParseXML), for the parts the model
     * keeps as elements or reads more loosely: its refusals, then each part in the parser's order.
     */
    private static DomainDefinition asParsed(DomainDefinition definition, DomainRules rules) {
        DomainDefinition def = cpu(Namespaces.apply(parseTimeDefaults(definition, rules), rules.xmlNamespace(),
                rules.xmlNamespacePrefix()));
        ParseChecks.apply(def);
        def = SeclabelPostParse.apply(def);
        def = TunablesPostParse.apply(def);
        // After the tunables: automatic NUMA placement depends on the pins of <cputune>.
        def = NumaPostParse.apply(def, rules.abiUpdate());
        def = FeaturesPostParse.apply(def);
        def = SysinfoPostParse.apply(def);
        def = variableClock(def);
        return withDevices(def, ScsiHostdevs.controllers(def.devices()));
    }

    /**
     * virDomainDefParseXML's clock: a variable clock's adjustment that is no number is none (0), as
     * virXPathLongLong leaves it.
     */
    private static DomainDefinition variableClock(DomainDefinition def) {
        DomainClock clock = def.clock();
        String adjustment = clock.attributes().get("adjustment");
        if (!"variable".equals(clock.offset()) || adjustment == null || CNumbers.strToLl(adjustment) != null) {
            return def;
        }
        Map<String, String> attributes = new LinkedHashMap<>(clock.attributes());
        attributes.put("adjustment", "0");
        return def.toBuilder().clock(new DomainClock(clock.offset(), attributes, clock.timers())).build();
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
            if (done instanceof UnknownDevice u && u.element().name().equals("panic")
                    && u.element().attributes().isEmpty() && u.element().children().isEmpty()) {
                // libvirt writes a panic device with nothing to say as nothing (virXMLFormatElement).
                changed = true;
                continue;
            }
            devices.add(done);
        }
        return changed ? def.toBuilder().devices(devices).build() : def;
    }

    private static Device device(Device device, DomainDefinition def, DomainRules rules) {
        return DevicePostParse.apply(rules.postParseDevice(device, def), def, rules);
    }

    /**
     * {@code def} with {@code devices}, or {@code def} itself when they are its own: the steps hand back each
     * device they leave alone, so the same objects mean no change (and cost no deep comparison).
     */
    private static DomainDefinition withDevices(DomainDefinition def, List<Device> devices) {
        List<Device> had = def.devices();
        boolean same = devices.size() == had.size();
        for (int i = 0; same && i < had.size(); i++) {
            same = devices.get(i) == had.get(i);
        }
        return same ? def : def.toBuilder().devices(devices).build();
    }

    /** libvirt's virDomainDefPostParseCommon, as far as the model goes, in its order. */
    private static DomainDefinition common(DomainDefinition def, DomainRules rules) {
        memory(def);
        def = os(def);
        // virDomainHostdevDefPostParse, which libvirt runs after every disk has its address.
        def = withDevices(def, ScsiHostdevs.addresses(def.devices(), rules.wideScsi() ? 16 : 7));
        ImplicitDevices.rejectDuplicateControllers(def.devices());
        def = withDevices(def, ImplicitDevices.characterPorts(def.devices()));
        // virDomainDefAddImplicitDevices: console compatibility, controllers, video.
        def = withDevices(def, ImplicitDevices.consoleCompat(def.devices(), def));
        def = withDevices(def, ImplicitDevices.controllers(def.devices()));
        def = withDevices(def, ImplicitDevices.video(def.devices()));
        def = primaryVideo(def, rules);
        return firstSerial(def, rules);
    }

    /**
     * virDomainDefPostParseCommon: the first serial port goes through the device rules again, as the
     * console compatibility may have added it after they ran (the second time they change nothing).
     */
    private static DomainDefinition firstSerial(DomainDefinition def, DomainRules rules) {
        List<Device> devices = new ArrayList<>(def.devices());
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i) instanceof CharDevice serial && serial.kind().equals("serial")) {
                devices.set(i, device(serial, def, rules));
                return withDevices(def, devices);
            }
        }
        return def;
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
     * virDomainDefPostParseMemory: a guest has memory (from {@code <memory>} or its NUMA cells, which
     * {@link NumaPostParse} adds up); memory hot-plug needs both a maximum and a slot count.
     */
    private static void memory(DomainDefinition def) {
        if (def.memoryKiB() == 0) {
            throw DomainErrors.xml("Memory size must be specified via <memory> or in the <numa> configuration");
        }
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

    /** What a paravirtual guest's boot options are (virDomainDefParseBootKernelOptions, BootLoaderOptions). */
    private static final Set<String> KERNEL_BOOT = Set.of("kernel", "initrd", "cmdline", "dtb", "root", "loader", "nvram");
    private static final Set<String> INIT_BOOT = Set.of("init", "initarg", "initenv", "initdir", "inituser", "initgroup");

    /**
     * virDomainDefParseBootOptions: an OS type reads only its own boot options — an HVM guest all of
     * them, a paravirtual one (xen, xenpvh, uml) its kernel and loader, a container its init, any
     * other ({@code linux} of a driver that does not convert it) none.
     */
    private static DomainOs bootOptions(DomainOs os) {
        String type = os.type();
        if ("hvm".equals(type)) {
            return os;
        }
        Set<String> read = "xen".equals(type) || "xenpvh".equals(type) || "uml".equals(type) ? KERNEL_BOOT
                : "exe".equals(type) ? INIT_BOOT : Set.of();
        DomainOs.Builder b = os.toBuilder();
        if (!read.contains("kernel")) {
            b.kernel(null).initrd(null).cmdline(null).root(null).loader(null).loaderType(null);
        }
        b.bootDevices(List.of());
        List<XmlElement> kept = new ArrayList<>(os.unknowns().elementsAt(""));
        kept.removeIf(e -> !read.contains(e.name()));
        DomainOs done = b.unknowns(os.unknowns().withElementsAt("", kept)).build();
        return done.equals(os) ? os : done;
    }

    /** virDomainDefParseBootOptions, virDomainDefPostParseOs and virDomainDefBootOrderPostParse. */
    private static DomainDefinition os(DomainDefinition def) {
        DomainOs os = def.os();
        if (os == null) {
            return def;
        }
        DomainOs read = bootOptions(os);
        if (read != os) {
            def = def.toBuilder().os(read).build();
            os = read;
        }
        DomainOs.Builder ob = null;
        // virDomainDefPostParseOs: a loader is a ROM unless it says otherwise.
        if (os.loader() != null && !os.loader().isEmpty() && os.loaderType() == null) {
            ob = os.toBuilder().loaderType("rom");
        }
        // virDomainDefBootOrderPostParse: an HVM guest with no boot order boots from its disk.
        boolean perDevice = !DevicePostParse.bootOrders(def).isEmpty();
        if (perDevice && !os.bootDevices().isEmpty()) {
            throw DomainErrors.unsupported("per-device boot elements cannot be used together with os/boot elements");
        }
        if ("hvm".equals(os.type()) && os.bootDevices().isEmpty() && !perDevice) {
            ob = (ob == null ? os.toBuilder() : ob).bootDevices(List.of("hd"));
        }
        return ob == null ? def : def.toBuilder().os(ob.build()).build();
    }
}
