package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import org.jvirt.api.ModificationImpact;
import org.jvirt.model.Device;
import org.jvirt.model.DomainXml;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.ForwardsDocuments;

/**
 * Attaching and detaching devices: the device document goes to the daemon as given (a parsed device is
 * written with jvirt's formatter first), with the impact's {@code VIR_DOMAIN_AFFECT_*} bits
 * ({@code virDomainAttachDeviceFlags}).
 */
interface RemoteDomainDevices extends RemoteOperations, DriverOperations.DomainDevices, ForwardsDocuments {

    @Override
    default void attachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        attachDeviceXml(domain, DomainXml.formatDevice(device), impact);
    }

    @Override
    default void detachDevice(DomainRef domain, Device device, ModificationImpact impact) {
        detachDeviceXml(domain, DomainXml.formatDevice(device), impact);
    }

    @Override
    default void attachDeviceXml(DomainRef domain, String xml, ModificationImpact impact) {
        channel().call(REMOTE_PROC_DOMAIN_ATTACH_DEVICE_FLAGS,
                new RemoteDomainAttachDeviceFlagsArgs(WireRefs.domain(domain), xml, impact.bit()));
    }

    @Override
    default void detachDeviceXml(DomainRef domain, String xml, ModificationImpact impact) {
        channel().call(REMOTE_PROC_DOMAIN_DETACH_DEVICE_FLAGS,
                new RemoteDomainDetachDeviceFlagsArgs(WireRefs.domain(domain), xml, impact.bit()));
    }
}
