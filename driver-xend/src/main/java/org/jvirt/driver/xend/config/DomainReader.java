package org.jvirt.driver.xend.config;

import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.xml.XmlElement;

/**
 * xend's {@code (domain ...)} as a definition: the domain XML libvirt 0.4.4's
 * {@code xend_parse_sexp_desc} wrote for it, part by part, read as libvirt 9's parser reads domain
 * XML. Post-parse is left to the caller: it would drop what only a running domain has.
 */
final class DomainReader {
    private DomainReader() {
    }

    static DomainDefinition read(SxpGuest g) {
        XmlElement.Builder domain = XmlElement.builder("domain").attribute("type", "xen");
        GuestSection.readIdentity(g, domain);
        boolean bootloader = OsSection.readBootloader(g, domain);
        OsSection.readOs(g, bootloader, domain);
        GuestSection.readResources(g, domain);
        PlatformSection.readLifecycle(g, domain);
        PlatformSection.readFeaturesAndClock(g, domain);
        XmlElement.Builder devices = XmlElement.builder("devices");
        String emulator = g.nonEmpty(g.image("device_model"));
        if (emulator != null) {
            devices.child(GuestSection.text("emulator", emulator));
        }
        DiskSection.read(g).forEach(devices::child);
        InterfaceSection.read(g).forEach(devices::child);
        InputSoundSection.readInputs(g).forEach(devices::child);
        GraphicsSection.read(g).forEach(devices::child);
        CharSection.read(g).forEach(devices::child);
        InputSoundSection.readSound(g).forEach(devices::child);
        domain.child(devices.build());
        return DomainXml.fromElement(domain.build());
    }
}
