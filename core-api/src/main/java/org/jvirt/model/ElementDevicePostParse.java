package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorDomain;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's reading of devices the model keeps as elements ({@link UnknownDevice}), as far as it
 * changes what libvirt writes back: a filesystem's type and access mode
 * (virDomainFSDefPostParse), an RNG's default source (virDomainRNGDefPostParse), a shared
 * memory device's model and size (virDomainShmemDefParseXML and its formatter), the host side of
 * smartcards and USB redirection (the character device rules of {@link CharacterPostParse}), and
 * the device information libvirt writes last (virDomainDeviceInfoFormat). Stateless.
 */
final class ElementDevicePostParse {
    private static final Set<String> CHARACTER_HOSTED = Set.of("smartcard", "redirdev");

    private ElementDevicePostParse() {
    }

    static UnknownDevice apply(UnknownDevice device) {
        XmlElement e = device.element();
        XmlElement done = switch (e.name()) {
            case "filesystem" -> filesystem(e);
            case "rng" -> rng(e);
            case "shmem" -> shmem(e);
            case "smartcard", "redirdev" -> characterHosted(e);
            default -> e;
        };
        if (CHARACTER_HOSTED.contains(e.name()) || e.name().equals("shmem")) {
            done = deviceInfoLast(done);
        }
        return done.equals(e) ? device : new UnknownDevice(done);
    }

    /** A filesystem is a mount, passed through unless it names an access mode or is served over a socket. */
    private static XmlElement filesystem(XmlElement fs) {
        XmlElement source = fs.child("source");
        boolean socket = source != null && source.attribute("socket") != null;
        XmlElement.Builder b = XmlElement.builder("filesystem")
                .attribute("type", fs.attribute("type") == null ? "mount" : fs.attribute("type"));
        String accessmode = fs.attribute("accessmode") == null && !socket ? "passthrough" : fs.attribute("accessmode");
        if (accessmode != null) {
            b.attribute("accessmode", accessmode);
        }
        return rest(fs, b, Set.of("type", "accessmode"), fs.children());
    }

    /** The random backend reads {@code /dev/random} unless it names another source. */
    private static XmlElement rng(XmlElement rng) {
        List<XmlElement> children = new ArrayList<>(rng.children());
        children.replaceAll(c -> c.name().equals("backend") && "random".equals(c.attribute("model"))
                && c.text().isBlank() && c.children().isEmpty() ? c.toBuilder().text("/dev/random").build() : c);
        return Elements.withChildren(rng, children);
    }

    /** {@code <model>} first (ivshmem unless named), then the size in MiB, rounded down, as libvirt writes it. */
    private static XmlElement shmem(XmlElement shmem) {
        XmlElement model = shmem.child("model");
        XmlElement size = shmem.child("size");
        List<XmlElement> children = new ArrayList<>();
        children.add(model != null ? model : XmlElement.builder("model").attribute("type", "ivshmem").build());
        // An empty size is no size (virParseScaledValue, not required); one is held in unsigned bytes.
        if (size != null && !size.text().isEmpty()) {
            long bytes = ScaledValues.parse(size.text(), size.attribute("unit"), "./size[1]", 1, -1L);
            if (bytes != 0) {
                children.add(XmlElement.builder("size").attribute("unit", "M")
                        .text(Long.toUnsignedString(bytes >>> 20)).build());
            }
        }
        boolean server = shmem.child("server") != null;
        if (shmem.child("msi") != null && !server) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "msi option is only supported with a server");
        }
        for (XmlElement c : shmem.children()) {
            if (!c.name().equals("model") && !c.name().equals("size")) {
                children.add(c);
            }
        }
        return Elements.withChildren(shmem, children);
    }

    /**
     * A smartcard in passthrough mode and a USB redirection device have a character device's host
     * side: a TCP one has a mode and a protocol ({@code connect}, {@code raw} unless named), other
     * types no protocol, a UNIX socket without a path no source.
     */
    private static XmlElement characterHosted(XmlElement e) {
        String type = e.attribute("type");
        if (type == null || e.name().equals("smartcard") && !"passthrough".equals(e.attribute("mode"))) {
            return e;
        }
        List<XmlElement> children = new ArrayList<>();
        boolean protocolWritten = false;
        for (XmlElement c : e.children()) {
            if (c.name().equals("source")) {
                if (type.equals("tcp")) {
                    XmlElement.Builder s = XmlElement.builder("source")
                            .attribute("mode", c.attribute("mode") == null ? "connect" : c.attribute("mode"));
                    children.add(rest(c, s, Set.of("mode"), c.children()));
                    XmlElement protocol = e.child("protocol");
                    children.add(XmlElement.builder("protocol").attribute("type",
                            protocol == null || protocol.attribute("type") == null ? "raw"
                                    : protocol.attribute("type")).build());
                    protocolWritten = true;
                } else if (!type.equals("unix") || c.attribute("path") != null) {
                    children.add(c);
                }
            } else if (!c.name().equals("protocol") || type.equals("tcp") && !protocolWritten) {
                children.add(c);
            }
        }
        return Elements.withChildren(e, children);
    }

    /** The element with its device information children moved last, in libvirt's order. */
    private static XmlElement deviceInfoLast(XmlElement e) {
        List<XmlElement> own = new ArrayList<>();
        List<XmlElement> info = new ArrayList<>();
        for (XmlElement c : e.children()) {
            (DomainLayout.DEVICE_INFO.contains(c.name()) ? info : own).add(c);
        }
        info.sort((a, b) -> DomainLayout.DEVICE_INFO.indexOf(a.name()) - DomainLayout.DEVICE_INFO.indexOf(b.name()));
        own.addAll(info);
        return Elements.withChildren(e, own);
    }

    /** {@code b} completed with {@code e}'s other attributes (those not in {@code written}), {@code children} and text. */
    private static XmlElement rest(XmlElement e, XmlElement.Builder b, Set<String> written, List<XmlElement> children) {
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            if (!written.contains(a.getKey())) {
                b.attribute(a.getKey(), a.getValue());
            }
        }
        children.forEach(b::child);
        XmlElement done = b.text(e.text()).build();
        return done.equals(e) ? e : done;
    }
}
