package org.jvirt.model;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * Reads a {@code <domain>} element into a {@link DomainDefinition}, keeping what it does not know.
 *
 * @since 1.0
 */
final class DomainParser {
    private static final ErrorDomain DOMAIN = ErrorDomain.DOMAIN;
    private static final Set<String> ACTIONS = Set.of("destroy", "restart", "rename-restart", "preserve");
    private static final Set<String> CRASH_ACTIONS = Set.of("destroy", "restart", "rename-restart",
            "preserve", "coredump-destroy", "coredump-restart");

    private DomainParser() {
    }

    static DomainDefinition parse(XmlElement root) {
        if (!root.name().equals("domain")) {
            throw XmlValues.invalid(DOMAIN, "expecting root element of 'domain', not '" + root.name() + "'");
        }
        ElementCursor c = ElementCursor.root(root, "domain", DOMAIN);
        DomainDefinition.Builder b = DomainDefinition.builder();
        String type = c.attr("type");
        if (type == null || type.isBlank()) {
            throw DomainErrors.internal("missing domain type attribute");
        }
        AttributeRules.check(root);
        b.type(type);
        // The id of a running domain is state, not definition: format() takes it as an argument.
        c.attr("id");

        String name = c.childText("name");
        if (name == null || name.isEmpty()) {
            // libvirt's words: VIR_ERR_NO_NAME without detail, as virDomainDefParseXML and virNetworkDefParseXML say it
            throw new VirtException(ErrorCode.NO_NAME, DOMAIN, "missing name information");
        }
        if (name.indexOf('/') >= 0) {
            throw XmlValues.invalid(DOMAIN, "domain name '" + name + "' cannot contain '/'");
        }
        b.name(name);
        String uuid = c.childText("uuid");
        if (uuid != null) {
            b.uuid(XmlValues.uuid(uuid, DOMAIN));
        }
        b.title(c.childText("title"));
        b.description(c.childText("description"));

        // Without <memory>, the total is inferred from NUMA cells, or refused, by post-parse.
        ElementCursor memory = c.child("memory");
        b.memoryKiB(memory == null ? 0 : MemoryUnits.kib(memory));
        ElementCursor current = c.child("currentMemory");
        if (current != null) {
            b.currentMemoryKiB(MemoryUnits.kib(current));
        }
        ElementCursor vcpu = c.child("vcpu");
        if (vcpu != null) {
            vcpu(vcpu, b);
        }
        String bootloader = c.childText("bootloader");
        b.bootloader(bootloader);
        b.bootloaderArgs(c.childText("bootloader_args"));
        XmlElement os = c.takeChild("os");
        if (os != null) {
            b.os(xenOsType(type, os(os)));
        } else if (bootloader != null) {
            // As libvirt 9 reads it (virDomainDefParseCaps): a guest booted by a bootloader and
            // without <os> is a Xen paravirtualised one, and is written with <os><type>xen</type>.
            b.os(DomainOs.builder("xen").build());
        }
        ElementCursor features = c.child("features");
        if (features != null) {
            b.features(features.takeRemaining());
        }
        ElementCursor clock = c.child("clock");
        if (clock != null) {
            String offset = clock.attr("offset");
            b.clock(new DomainClock(offset == null ? "utc" : offset, clock.takeRemainingAttributes(),
                    clock.takeRemaining()));
        }
        b.onPoweroff(action(c, "on_poweroff", ACTIONS, "destroy"));
        b.onReboot(action(c, "on_reboot", ACTIONS, "restart"));
        b.onCrash(action(c, "on_crash", CRASH_ACTIONS, "destroy"));

        ElementCursor devices = c.child("devices");
        if (devices != null) {
            b.emulator(devices.childText("emulator"));
            List<Device> parsed = new ArrayList<>();
            Map<Device, String> busesAsWritten = new IdentityHashMap<>();
            for (XmlElement d : devices.takeRemaining()) {
                Device device = DeviceParser.parse(d);
                if (device instanceof DiskDevice) {
                    XmlElement target = d.child("target");
                    busesAsWritten.put(device, target == null ? null : target.attribute("bus"));
                }
                parsed.add(device);
            }
            // libvirt inserts disks, controllers and videos where they belong as it reads them.
            b.devices(DeviceOrder.asRead(parsed, busesAsWritten::get));
        }
        b.unknowns(c.unknowns());
        return b.build();
    }

    private static void vcpu(ElementCursor vcpu, DomainDefinition.Builder b) {
        String placement = vcpu.attr("placement");
        if (placement != null) {
            b.vcpuPlacement(placement);
        }
        b.cpuset(vcpu.attr("cpuset"));
        long max = XmlValues.nonNegativeLong(vcpu.text(), "<domain/vcpu>", DOMAIN);
        if (max < 1 || max > Integer.MAX_VALUE) {
            throw XmlValues.invalid(DOMAIN, "invalid number of vCPUs: " + max);
        }
        b.vcpus((int) max);
        String current = vcpu.attr("current");
        if (current != null) {
            long cur = XmlValues.nonNegativeLong(current, "<vcpu current=>", DOMAIN);
            if (cur < 1 || cur > max) {
                throw XmlValues.invalid(DOMAIN, "current vCPUs " + cur
                        + " must be between 1 and the maximum, " + max);
            }
            b.currentVcpus((int) cur);
        }
    }

    private static DomainOs os(XmlElement os) {
        ElementCursor c = ElementCursor.root(os, "domain/os", DOMAIN);
        DomainOs.Builder b = DomainOs.builder(null);
        ElementCursor type = c.child("type");
        if (type != null) {
            b.type(type.text().strip()).arch(type.attr("arch")).machine(type.attr("machine"));
        }
        ElementCursor loader = c.child("loader");
        if (loader != null) {
            b.loaderType(loader.attr("type")).loader(loader.text());
        }
        b.kernel(c.childText("kernel"));
        b.initrd(c.childText("initrd"));
        b.cmdline(c.childText("cmdline"));
        b.root(c.childText("root"));
        List<String> boots = new ArrayList<>();
        for (ElementCursor boot : c.children("boot")) {
            String dev = boot.attr("dev");
            if (dev == null) {
                throw XmlValues.invalid(DOMAIN, "missing boot device: <boot> needs a dev attribute");
            }
            boots.add(dev);
        }
        b.bootDevices(boots);
        return b.unknowns(c.unknowns()).build();
    }

    /**
     * libvirt 0.4 called Xen's paravirtualised guests {@code linux}, which libvirt 9 (whose
     * capabilities say {@code xen}) reads as {@code xen} in Xen domains, and writes back as
     * {@code linux} (see {@link DomainFormatter}).
     */
    private static DomainOs xenOsType(String domainType, DomainOs os) {
        if ("xen".equals(domainType) && "linux".equals(os.type())) {
            return os.toBuilder().type("xen").build();
        }
        return os;
    }

    private static String action(ElementCursor c, String element, Set<String> allowed, String fallback) {
        String text = c.childText(element);
        if (text == null) {
            return fallback;
        }
        String action = text.strip();
        if (!allowed.contains(action)) {
            throw XmlValues.invalid(DOMAIN, "invalid value '" + text + "' for <" + element
                    + ">: expecting one of " + new TreeSet<>(allowed));
        }
        return action;
    }
}
