package org.jvirt.model;

import java.util.List;
import org.jvirt.api.ErrorDomain;
import org.jvirt.model.xml.XmlElement;

/**
 * What libvirt's parser (virDomainDefParseXML and the parsers of each part) refuses in the parts
 * of a definition the model keeps as elements, with libvirt's code and words, beyond the attribute
 * values {@link AttributeRules} checks: a boot menu timeout, a mediated device without its UUID, a
 * disk encrypted twice, a TPM without a backend, USB companion controllers without their master, a
 * virtio interface's queue counts.
 * Stateless.
 */
final class ParseChecks {
    private ParseChecks() {
    }

    static void apply(DomainDefinition def) {
        os(def.os());
        usbMaster(def.devices());
        for (Device d : def.devices()) {
            if (d instanceof UnknownDevice u) {
                element(u.element());
            } else if (d instanceof DiskDevice disk) {
                disk(disk);
            } else if (d instanceof InterfaceDevice net) {
                interfaceDriver(net);
            }
        }
    }

    /**
     * virDomainDefParseBootXML reads the timeout of a boot menu that is on (virXMLPropUInt) and
     * virDomainDefBootValidate holds it to at most 65535 ms.
     */
    private static void os(DomainOs os) {
        if (os == null) {
            return;
        }
        for (XmlElement e : os.unknowns().elementsAt("")) {
            if (e.name().equals("bootmenu") && "yes".equals(e.attribute("enable"))) {
                Long timeout = XmlProps.uint(e, "timeout");
                if (timeout != null && timeout > 65535) {
                    throw DomainErrors.unsupported("invalid value for boot menu timeout, must be in range [0,65535]");
                }
            }
        }
    }

    /** virDomainDefControllersParse: USB controllers that are all companions have no master. */
    private static void usbMaster(List<Device> devices) {
        boolean other = false;
        boolean master = false;
        for (Device d : devices) {
            if (d instanceof ControllerDevice c && c.type().equals("usb") && !"none".equals(c.model())) {
                other = true;
                master |= c.unknowns().elementsAt("").stream().noneMatch(e -> e.name().equals("master"));
            }
        }
        if (other && !master) {
            throw DomainErrors.detail("No master USB controller specified");
        }
    }

    private static void element(XmlElement e) {
        switch (e.name()) {
            case "hostdev" -> {
                XmlElement source = e.child("source");
                if ("mdev".equals(e.attribute("type")) && "subsystem".equals(e.attribute("mode"))) {
                    XmlElement address = source == null ? null : source.child("address");
                    if (address == null) {
                        throw DomainErrors.unsupported("Missing <address> element");
                    }
                    if (address.attribute("uuid") == null) {
                        throw DomainErrors.unsupported("Missing 'uuid' attribute for element <address>");
                    }
                }
            }
            case "tpm" -> {
                if (e.child("backend") == null) {
                    throw XmlValues.invalid(ErrorDomain.DOMAIN, "missing TPM device backend");
                }
            }
            default -> {
                // Nothing the parser refuses beyond what the schema says.
            }
        }
    }

    /** virDomainDiskDefParseXML: encryption is said once, in the disk or in its source. */
    private static void disk(DiskDevice disk) {
        boolean inSource = disk.unknowns().elementsAt("source").stream().anyMatch(e -> e.name().equals("encryption"));
        boolean inDisk = disk.unknowns().elementsAt("").stream().anyMatch(e -> e.name().equals("encryption"));
        if (inSource && inDisk) {
            throw DomainErrors.unsupported("an <encryption> definition already found for disk source");
        }
    }

    /** virDomainNetDefParseXMLDriver: a virtio interface's queue counts are non-negative integers. */
    private static void interfaceDriver(InterfaceDevice net) {
        if (net.type().equals("hostdev") || !"virtio".equals(net.model())) {
            return;
        }
        for (XmlElement e : net.unknowns().elementsAt("")) {
            if (!e.name().equals("driver")) {
                continue;
            }
            for (String attribute : List.of("queues", "rx_queue_size", "tx_queue_size")) {
                XmlProps.uint(e, attribute);
            }
        }
    }
}
