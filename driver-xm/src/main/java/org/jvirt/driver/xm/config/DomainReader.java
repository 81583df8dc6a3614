package org.jvirt.driver.xm.config;

import java.util.List;
import java.util.Set;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.model.xml.XmlElement;

/**
 * Reads a configuration file into the domain XML libvirt 0.4.4's {@code xenXMDomainFormatXML} made
 * of it — the same elements in the same order — which {@code DomainXml} then reads as libvirt 9
 * reads such a document. Each setting's meaning is its class's ({@link Identity}, {@link Boot},
 * {@link Resources}, {@link Lifecycle}, {@link Features}, {@link Clock}, {@link EmulatedDevices},
 * {@link Disks}, {@link Interfaces}, {@link Graphics}, {@link SerialPorts}). Stateless.
 */
final class DomainReader {
    private DomainReader() {
    }

    /**
     * What a file says.
     *
     * @param domain the {@code <domain>} element
     * @param read the settings it was made from
     */
    record Reading(XmlElement domain, Set<String> read) {
    }

    static Reading read(XmConfigFile file, int version) {
        XmSettings s = new XmSettings(file);
        boolean hvm = Boot.hvm(s);
        XmlElement.Builder domain = Xml.element("domain", "type", "xen");
        add(domain, Identity.read(s));
        add(domain, Boot.read(s, hvm));
        add(domain, Resources.read(s));
        add(domain, Lifecycle.read(s));
        add(domain, Features.read(s, hvm));
        add(domain, Clock.read(s, hvm));
        XmlElement.Builder devices = Xml.element("devices");
        add(devices, EmulatedDevices.emulator(s, hvm));
        add(devices, Disks.read(s, hvm, version));
        add(devices, Interfaces.read(s));
        add(devices, EmulatedDevices.usbInput(s, hvm));
        add(devices, Graphics.read(s, hvm, version));
        add(devices, SerialPorts.read(s, hvm));
        add(devices, EmulatedDevices.sound(s, hvm));
        domain.child(devices.build());
        return new Reading(domain.build(), Set.copyOf(s.read()));
    }

    private static void add(XmlElement.Builder parent, List<XmlElement> children) {
        children.forEach(parent::child);
    }
}
