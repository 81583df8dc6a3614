package org.jvirt.model;

/**
 * A driver's part of reading a domain definition — what libvirt's {@code virDomainDefParserConfig}
 * says of a driver: its callbacks, which {@link PostParse} runs between libvirt's generic rules, and
 * the defaults it chooses. A driver hands its rules to the core through
 * {@code org.jvirt.spi.Driver#domainRules()}; the core applies them to every definition before the
 * driver sees it, and a driver applies them itself to the definitions it reads (node files, saved
 * images, native configurations) with {@link PostParse#apply}.
 *
 * <p>Every method returns its argument unchanged (or null for a default) unless overridden; a rule
 * that refuses a definition throws {@link org.jvirt.api.VirtException} with libvirt's code.
 * Implementations are thread-safe.
 *
 * @since 1.0
 */
public interface DomainRules {
    /** No driver rules: libvirt's generic post-parse alone. */
    DomainRules GENERIC = new DomainRules() {
    };

    /**
     * The architecture of a guest whose definition names none: the one the driver's capabilities
     * give the guest's OS type, else libvirt's {@code defArch}. Null leaves it unset.
     */
    default String defaultArch(DomainDefinition definition) {
        return null;
    }

    /**
     * The URI of the driver's own XML namespace (libvirt's {@code virXMLNamespace}, such as the test
     * driver's {@code http://libvirt.org/schemas/domain/test/1.0}): top-level elements of other
     * namespaces are dropped as libvirt drops them (those inside {@code <metadata>} stay). Null,
     * unless overridden: the driver has none, and every namespaced element is dropped.
     */
    default String xmlNamespace() {
        return null;
    }

    /**
     * The prefix libvirt writes the driver's namespace with ({@code virXMLNamespace.prefix}, such as
     * {@code qemu}): elements of {@link #xmlNamespace()} are read back under it, whatever prefix (or
     * default namespace) the document used, with its declaration on {@code <domain>}. Null, unless
     * overridden: the document's own prefixes and declarations are kept.
     */
    default String xmlNamespacePrefix() {
        return null;
    }

    /**
     * Whether SCSI buses are wide (libvirt's {@code VIR_DOMAIN_DEF_FEATURE_WIDE_SCSI}): 15 disks a
     * controller, unit 7 skipped, rather than 7. False unless overridden.
     */
    default boolean wideScsi() {
        return false;
    }

    /**
     * Whether the driver defines with libvirt's {@code VIR_DOMAIN_DEF_PARSE_ABI_UPDATE} (the QEMU
     * driver does): the NUMA cells' memory then replaces a {@code <memory>} given as well. False
     * unless overridden.
     */
    default boolean abiUpdate() {
        return false;
    }

    /** libvirt's {@code domainPostParseBasicCallback}: first, before any generic rule. */
    default DomainDefinition postParseBasic(DomainDefinition definition) {
        return definition;
    }

    /** libvirt's {@code domainPostParseCallback}: after controller indexes, before the devices. */
    default DomainDefinition postParse(DomainDefinition definition) {
        return definition;
    }

    /**
     * libvirt's {@code devicesPostParseCallback}: one device of {@code definition}, before libvirt's
     * generic rules for it (for instance, the video model the driver gives a video without one).
     */
    default Device postParseDevice(Device device, DomainDefinition definition) {
        return device;
    }

    /** libvirt's {@code assignAddressesCallback}: once implicit devices were added. */
    default DomainDefinition assignAddresses(DomainDefinition definition) {
        return definition;
    }

    /**
     * libvirt's {@code domainValidateCallback}: refuses, with libvirt's code, a completed definition
     * the driver can never run, before libvirt's own checks. Accepts everything unless overridden.
     */
    default void validate(DomainDefinition definition) {
    }
}
