package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.Set;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.ForwardsDocuments;

/**
 * Native configurations, converted by the daemon ({@code virConnectDomainXMLFromNative} /
 * {@code ...ToNative}). Which formats the daemon's driver reads is the daemon's to say: the remote driver
 * offers every format libvirt 9 knows, and a format the daemon's driver lacks gets the daemon's error.
 */
interface RemoteNativeFormats extends RemoteOperations, DriverOperations.DomainXmlFromNative,
        DriverOperations.DomainXmlToNative, ForwardsDocuments {
    /** libvirt 9's native formats read: QEMU, Xen (xm, sxpr, xl), VMware, LXC and bhyve. */
    Set<String> FROM_NATIVE = Set.of("qemu-argv", "xen-xm", "xen-sxpr", "xen-xl", "vmware-vmx", "lxc-tools",
            "bhyve-argv");
    /** libvirt 9's native formats written (LXC's is read only). */
    Set<String> TO_NATIVE = Set.of("qemu-argv", "xen-xm", "xen-sxpr", "xen-xl", "vmware-vmx", "bhyve-argv");

    @Override
    default Set<String> fromNativeFormats() {
        return FROM_NATIVE;
    }

    /** The daemon's domain XML, read with jvirt's model (the daemon has completed it already). */
    @Override
    default DomainDefinition domainXmlFromNative(String format, String nativeConfig) {
        return DomainXml.parse(channel().call(REMOTE_PROC_CONNECT_DOMAIN_XML_FROM_NATIVE,
                new RemoteConnectDomainXmlFromNativeArgs(format, nativeConfig, 0),
                RemoteConnectDomainXmlFromNativeRet.class).domainXml());
    }

    @Override
    default Set<String> toNativeFormats() {
        return TO_NATIVE;
    }

    @Override
    default String domainXmlToNative(String format, DomainDefinition definition) {
        return domainXmlToNativeXml(format, DomainXml.format(definition, -1, true));
    }

    @Override
    default String domainXmlToNativeXml(String format, String xml) {
        return channel().call(REMOTE_PROC_CONNECT_DOMAIN_XML_TO_NATIVE,
                new RemoteConnectDomainXmlToNativeArgs(format, xml, 0), RemoteConnectDomainXmlToNativeRet.class)
                .nativeConfig();
    }
}
