package org.jvirt.driver.xm.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainRules;
import org.jvirt.model.InputDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.VideoDevice;

/**
 * The Xen driver's part of reading a domain, as libvirt 9's Xen driver has it
 * ({@code libxlDomainDefParserConfig}: {@code libxlDomainDefPostParse},
 * {@code libxlDomainDeviceDefPostParse}, {@code libxlDomainDefValidate}), for the definitions the xm
 * driver keeps — those of libvirt 0.4's Xen guests included:
 * <ul>
 * <li>only {@code xen} domains, of OS type {@code hvm} or {@code xen} (libvirt 0.4's {@code linux},
 *     which the parser already reads as {@code xen}); a guest with neither {@code <os>} nor
 *     {@code <bootloader>} has no OS type, which libvirt refuses;</li>
 * <li>a paravirtual guest always has a console, a pty of target type {@code xen}; a console that
 *     names no target type in such a guest is of type {@code xen};</li>
 * <li>a mouse and a keyboard on the guest's bus ({@code ps2} for HVM, {@code xen} otherwise), a
 *     {@code xen} balloon and a {@code xenbus} controller, each unless the guest has one;</li>
 * <li>a video adapter without a model is {@code xen} in a paravirtual guest, {@code cirrus} in an
 *     HVM one, where its video memory is what its device model gives it;</li>
 * <li>a disk without a format is {@code raw}, xl's default (xm's {@code tap:aio:} is one);</li>
 * <li>an interface without a MAC address gets one of Xen's ({@code 00:16:3e}, libvirt's
 *     {@code macPrefix} for Xen);</li>
 * <li>a {@code bridge} interface that names no bridge — how libvirt 0.4 wrote a Xen {@code vif}
 *     naming none, left to xend's {@code vif-bridge} script — is the {@code ethernet} interface
 *     libvirt 9's Xen configuration reader makes of such a {@code vif}; libvirt 9's generic parser
 *     would refuse it;</li>
 * <li>a guest's (first) sound card is one Xen's device model has: {@code sb16}, {@code es1370},
 *     {@code ac97} or {@code ich6}.</li>
 * </ul>
 * What libvirt 9 learns from the host is left out: the guest's architecture (its capabilities'),
 * PAE forced on x86_64 HVM guests, and the device model's kind, which libvirt asks the emulator
 * binary for — here an emulator named {@code qemu-dm}, Xen's traditional device model, is that kind
 * and any other is upstream QEMU.
 *
 * <p>Applying the rules to their own result changes nothing. Thread-safe when the MAC supplier is.
 *
 * @since 1.0
 */
public final class XmRules implements DomainRules {
    private static final Set<String> OS_TYPES = Set.of("hvm", "xen");
    private static final Set<String> SOUND_MODELS = Set.of("sb16", "es1370", "ac97", "ich6");

    private final Supplier<String> macs;

    /** The rules, giving interfaces without a MAC address random ones of Xen's prefix. */
    public XmRules() {
        this(XmRules::randomMac);
    }

    /**
     * Rules giving interfaces without a MAC address the ones {@code macs} makes: for tests, whose
     * results must not change from run to run.
     */
    public XmRules(Supplier<String> macs) {
        this.macs = Objects.requireNonNull(macs, "macs");
    }

    /** A MAC address of Xen's prefix ({@code 00:16:3e}), the rest random. */
    public static String randomMac() {
        int bits = ThreadLocalRandom.current().nextInt(1 << 24);
        return String.format(Locale.ROOT, "00:16:3e:%02x:%02x:%02x", bits >> 16 & 0xff, bits >> 8 & 0xff, bits & 0xff);
    }

    /** Only Xen guests, of an OS type Xen runs. */
    @Override
    public DomainDefinition postParseBasic(DomainDefinition def) {
        if (!"xen".equals(def.type())) {
            throw unsupported(def, "domain type '" + def.type() + "' is not supported by the xm driver, only 'xen'");
        }
        if (def.os() == null || def.os().type() == null) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                    ErrorCode.XML_ERROR.format("an os <type> must be specified"), null, def.name(), null);
        }
        if (!OS_TYPES.contains(def.os().type())) {
            throw unsupported(def, "OS type '" + def.os().type()
                    + "' is not supported by the xm driver, only 'hvm' and 'xen' ('linux')");
        }
        return def;
    }

    /** libxlDomainDefPostParse: the console, inputs, balloon and xenbus every Xen guest has. */
    @Override
    public DomainDefinition postParse(DomainDefinition def) {
        boolean hvm = hvm(def);
        List<Device> devices = new ArrayList<>(def.devices());
        if (!hvm && devices.stream().noneMatch(d -> d instanceof CharDevice c && c.kind().equals("console"))) {
            devices.add(CharDevice.builder("console").type("pty").target("xen", 0).build());
        }
        String bus = hvm ? "ps2" : "xen";
        for (String type : List.of("mouse", "keyboard")) {
            if (devices.stream().noneMatch(d -> d instanceof InputDevice i && i.type().equals(type)
                    && bus.equals(i.bus()))) {
                devices.add(InputDevice.of(type, bus));
            }
        }
        if (devices.stream().noneMatch(MemballoonDevice.class::isInstance)) {
            devices.add(MemballoonDevice.of("xen", null));
        }
        if (devices.stream().noneMatch(d -> d instanceof ControllerDevice c && c.type().equals("xenbus"))) {
            devices.add(ControllerDevice.of("xenbus", 0));
        }
        return devices.equals(def.devices()) ? def : def.toBuilder().devices(devices).build();
    }

    /** libxlDomainDeviceDefPostParse, with the interface rules above. */
    @Override
    public Device postParseDevice(Device device, DomainDefinition def) {
        if (device instanceof CharDevice c && c.kind().equals("console") && c.targetType() == null && !hvm(def)) {
            return c.toBuilder().target("xen", c.targetPort()).build();
        }
        if (device instanceof VideoDevice v) {
            return XenVideo.withDefaults(v, def);
        }
        if (device instanceof DiskDevice d && d.driverType() == null) {
            return d.toBuilder().driver(d.driverName(), "raw", d.driverCache()).build();
        }
        if (device instanceof InterfaceDevice n) {
            InterfaceDevice.Builder b = null;
            if (n.mac() == null) {
                b = n.toBuilder().mac(macs.get());
            }
            if (n.type().equals("bridge") && n.sourceBridge() == null
                    && n.unknowns().attributesAt("source").isEmpty() && n.unknowns().elementsAt("source").isEmpty()) {
                b = (b == null ? n.toBuilder() : b).type("ethernet");
            }
            return b == null ? n : b.build();
        }
        return device;
    }

    /** libxlDomainDefValidate: a sound card Xen's device model has. */
    @Override
    public void validate(DomainDefinition def) {
        List<SoundDevice> sounds = def.devices(SoundDevice.class);
        if (!sounds.isEmpty() && !SOUND_MODELS.contains(sounds.get(0).model())) {
            throw unsupported(def, "unsupported audio model " + sounds.get(0).model());
        }
    }

    static boolean hvm(DomainDefinition def) {
        return def.os() != null && "hvm".equals(def.os().type());
    }

    private static VirtException unsupported(DomainDefinition def, String detail) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XENXM,
                ErrorCode.CONFIG_UNSUPPORTED.format(detail), "xm", def.name(), null);
    }
}
