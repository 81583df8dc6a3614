package org.jvirt.spi;

import java.util.Set;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.StartFlag;

/**
 * Implemented by a driver whose documents are read on the far side: the remote driver, whose daemon
 * parses, post-parses and validates domain, device and network XML with its own drivers' rules, as
 * libvirt's remote driver leaves them to libvirtd. For such a driver the core neither parses nor
 * validates a document: it checks the argument is not null and calls the method here instead of the
 * {@link DriverOperations} method that takes a parsed definition, passing every flag the caller gave
 * (VALIDATE included: the far side implements it).
 *
 * <p>This interface declares nothing: the operations are declared, as always, by implementing their
 * {@link DriverOperations} interfaces ({@link DriverOperations.DomainDefine} and so on), whose methods
 * must still work (for a definition the core built itself, e.g. in a composed connection). A method
 * here is called only for an operation the driver declares. Contract as {@link DriverOperations}':
 * arguments never null, failures are {@link org.jvirt.api.VirtException}s (here usually the far
 * side's error, unchanged), thread-safe.
 *
 * @since 1.1
 */
public interface ForwardsDocuments {
    /** {@link DriverOperations.DomainCreateTransient#createDomain} of the document {@code xml}. */
    DomainRef createDomainXml(String xml, Set<StartFlag> flags);

    /** {@link DriverOperations.DomainDefine#defineDomain} of the document {@code xml}. */
    DomainRef defineDomainXml(String xml, Set<DefineFlag> flags);

    /** {@link DriverOperations.DomainDevices#attachDevice} of the device document {@code xml}. */
    void attachDeviceXml(DomainRef domain, String xml, ModificationImpact impact);

    /** {@link DriverOperations.DomainDevices#detachDevice} of the device document {@code xml}. */
    void detachDeviceXml(DomainRef domain, String xml, ModificationImpact impact);

    /** {@link DriverOperations.DomainXmlToNative#domainXmlToNative} of the document {@code xml}. */
    String domainXmlToNativeXml(String format, String xml);

    /** {@link DriverOperations.NetworkCreateTransient#createNetwork} of the document {@code xml}. */
    NetworkRef createNetworkXml(String xml, Set<DefineFlag> flags);

    /** {@link DriverOperations.NetworkDefine#defineNetwork} of the document {@code xml}. */
    NetworkRef defineNetworkXml(String xml, Set<DefineFlag> flags);
}
