package org.jvirt.model;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.jvirt.model.xml.XmlWriter;

/**
 * libvirt's domain XML: reads every dialect from libvirt 0.4 (unit-less KiB memory, UUIDs
 * without dashes, {@code <console tty=>}...) to libvirt 9, and writes libvirt 9's form exactly
 * as {@code virsh dumpxml} shows it, valid against libvirt 9's RelaxNG schemas.
 *
 * <p>Where libvirt 0.4 wrote something libvirt 9 forbids, the parser reads it as libvirt 9's
 * equivalent, so that what is formatted is modern: tcp character devices' {@code <source wiremode=>}
 * becomes {@code <protocol type=>}, OS type {@code linux} of Xen domains is {@code xen}, a
 * bootloader guest without {@code <os>} gets {@code <os><type>xen</type></os>}, and the
 * {@code <source dev=>} of an ethernet interface, which no hypervisor ever used and libvirt 9
 * ignores, is not kept.
 *
 * <p>Parsing is a pure function: it either returns a definition or throws a
 * {@link VirtException}, never another exception, and changes nothing. Syntax errors are
 * XML_ERROR in domain XML with line and column (see {@link XmlReader}); errors of meaning are
 * XML_ERROR in domain DOMAIN naming the element, NO_NAME for a missing name and NO_TARGET for a
 * disk without a target. Elements and attributes the model does not know are kept and written
 * back, see {@link DomainDefinition#unmodelled()}. The attributes read and not kept are that
 * ethernet {@code <source dev=>} and {@code <domain id=>}: a running domain's id is state, which
 * {@link #format} takes as an argument.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 1.0
 */
public final class DomainXml {
    private DomainXml() {
    }

    /**
     * Parses a whole domain document.
     *
     * @throws VirtException see the class comment
     */
    public static DomainDefinition parse(String xml) {
        return fromElement(XmlReader.parse(xml));
    }

    /**
     * Reads an already parsed {@code <domain>} element, such as one inline in the test driver's
     * node file.
     *
     * @throws VirtException see the class comment
     */
    public static DomainDefinition fromElement(XmlElement domain) {
        try {
            return DomainParser.parse(domain);
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected("domain", e);
        }
    }

    /**
     * Writes a definition as libvirt 9 does, ending with a newline (virsh adds one more line).
     *
     * @param id the running domain's id, or -1 for an inactive domain (no {@code id=} attribute)
     * @param secure whether to include secrets (graphics passwords), as
     *               {@code VIR_DOMAIN_XML_SECURE} does
     */
    public static String format(DomainDefinition definition, int id, boolean secure) {
        return DomainFormatter.format(definition, id, secure);
    }

    /**
     * Parses one device element, as given to attach-device and detach-device. A kind the model
     * does not know comes back as an {@link UnknownDevice}.
     *
     * @throws VirtException as {@link #parse}
     */
    public static Device parseDevice(String xml) {
        XmlElement element = XmlReader.parse(xml);
        if (!LIBVIRT_DEVICES.contains(element.name())) {
            // Inside <devices> an unknown element is kept; on its own it cannot be a device at all.
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                    ErrorCode.XML_ERROR.format("unknown device type '" + element.name() + "'"), null, element.name(), null);
        }
        try {
            return DeviceParser.parse(element);
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected("device", e);
        }
    }

    /** The element names libvirt 9 accepts as a device (virDomainDeviceType), modelled or kept verbatim. */
    private static final java.util.Set<String> LIBVIRT_DEVICES = java.util.Set.of("disk", "lease", "filesystem",
            "interface", "input", "sound", "video", "hostdev", "watchdog", "controller", "graphics", "hub",
            "redirdev", "smartcard", "serial", "parallel", "console", "channel", "memballoon", "nvram", "rng",
            "shmem", "tpm", "panic", "memory", "iommu", "vsock", "audio", "crypto");

    /** Writes one device as libvirt does, at the top level, secrets included, ending with a newline. */
    public static String formatDevice(Device device) {
        XmlWriter w = new XmlWriter(256);
        DeviceFormatter.write(w, device, true);
        return w.toString();
    }

    private static VirtException unexpected(String what, RuntimeException e) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                "XML error: cannot read " + what + " definition: " + e, null, null, e);
    }
}
