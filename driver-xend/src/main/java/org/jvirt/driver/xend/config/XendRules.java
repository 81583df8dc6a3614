package org.jvirt.driver.xend.config;

import java.util.List;
import org.jvirt.model.CharDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainRules;
import org.jvirt.model.InputDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.VideoDevice;

/**
 * The Xen rules of reading a domain, as libvirt 9's Xen driver has them ({@code libxl_domain.c}'s
 * parser configuration and {@code xen_common.c}), for what they say of any Xen guest:
 * <ul>
 *   <li>a paravirtualised guest always has a console, a pty, and its consoles are Xen's
 *       ({@code libxlDomainDefPostParse}, {@code libxlDomainDeviceDefPostParse});</li>
 *   <li>every guest has a mouse and a keyboard, on the PS/2 bus of an HVM guest or the Xen bus
 *       ({@code xenDomainDefAddImplicitInputDevice});</li>
 *   <li>every guest has Xen's memory balloon;</li>
 *   <li>a video adapter without a model is Xen's for a paravirtualised guest, else Cirrus.</li>
 * </ul>
 * libvirt's parser itself reads a Xen guest's OS type {@code linux} as {@code xen}. What libvirt 9
 * adds for libxl alone is left out: a xenbus controller, raw as the default disk format, video RAM
 * sized for a device model, PAE for x86_64 HVM guests (xend says nothing of the architecture).
 * Stateless and thread-safe.
 */
public final class XendRules implements DomainRules {
    /** The one instance. */
    public static final XendRules INSTANCE = new XendRules();

    private XendRules() {
    }

    @Override
    public DomainDefinition postParse(DomainDefinition definition) {
        boolean hvm = hvm(definition);
        DomainDefinition.Builder b = definition.toBuilder();
        boolean changed = false;
        List<CharDevice> chars = definition.devices(CharDevice.class);
        if (!hvm && chars.stream().noneMatch(c -> c.kind().equals("console"))) {
            b.addDevice(CharDevice.builder("console").type("pty").target("xen", 0).build());
            changed = true;
        }
        String bus = hvm ? "ps2" : "xen";
        for (String type : List.of("mouse", "keyboard")) {
            // virDomainDefMaybeAddInput: unless one of that type is on that bus already.
            if (definition.devices(InputDevice.class).stream()
                    .noneMatch(i -> type.equals(i.type()) && bus.equals(i.bus()))) {
                b.addDevice(InputDevice.of(type, bus));
                changed = true;
            }
        }
        if (definition.devices(MemballoonDevice.class).isEmpty()) {
            b.addDevice(MemballoonDevice.of("xen", null));
            changed = true;
        }
        return changed ? b.build() : definition;
    }

    @Override
    public Device postParseDevice(Device device, DomainDefinition definition) {
        boolean hvm = hvm(definition);
        if (device instanceof CharDevice c && c.kind().equals("console") && c.targetType() == null && !hvm) {
            return c.toBuilder().target("xen", c.targetPort()).build();
        }
        if (device instanceof VideoDevice video && video.modelType() == null) {
            return video.with(hvm ? "cirrus" : "xen", video.ram(), video.vram(), video.heads(), video.primary());
        }
        return device;
    }

    private static boolean hvm(DomainDefinition definition) {
        return definition.os() != null && "hvm".equals(definition.os().type());
    }
}
