package org.jvirt.core;

import java.util.Set;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/** Converts one native format each way, as the Xen family's drivers will (xend: sxpr, xm: config files). */
class NativeFormatDriver implements Driver, DriverOperations.DomainXmlToNative, DriverOperations.DomainXmlFromNative {
    final String name;
    final String format;

    NativeFormatDriver(String name, String format) {
        this.name = name;
        this.format = format;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
    }

    @Override
    public Set<String> toNativeFormats() {
        return Set.of(format);
    }

    @Override
    public String domainXmlToNative(String requested, DomainDefinition definition) {
        return name + ":" + requested + ":" + definition.name();
    }

    @Override
    public Set<String> fromNativeFormats() {
        return Set.of(format);
    }

    @Override
    public DomainDefinition domainXmlFromNative(String requested, String nativeConfig) {
        return DomainXml.parse("<domain type='xen'><name>" + name + "-" + nativeConfig + "</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>");
    }
}
