package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.Set;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Flag;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/** What describes a domain: info, state and reason, activity and id, persistence, XML, OS type, security label. */
interface RemoteDomainReading extends RemoteOperations, DriverOperations.DomainGetInfo, DriverOperations.DomainGetState,
        DriverOperations.DomainIsActive, DriverOperations.DomainIsPersistent, DriverOperations.DomainXmlDescription,
        DriverOperations.DomainOsType, DriverOperations.DomainSecurityLabel {
    /** {@code VIR_SECURITY_LABEL_BUFLEN}: the buffer libvirt's client copies a label into. */
    int SECURITY_LABEL_BUFLEN = 4097;

    /**
     * Memory in KiB and CPU time in nanoseconds, as {@code virDomainInfo}; the state is an unsigned char
     * and the vCPU count an unsigned short on the wire.
     */
    @Override
    default DomainInfo domainInfo(DomainRef domain) {
        RemoteDomainGetInfoRet r = channel().call(REMOTE_PROC_DOMAIN_GET_INFO,
                new RemoteDomainGetInfoArgs(WireRefs.domain(domain)), RemoteDomainGetInfoRet.class);
        return new DomainInfo(state(Byte.toUnsignedInt(r.state())), r.maxMem(), r.memory(),
                Short.toUnsignedInt(r.nrVirtCpu()), r.cpuTime());
    }

    @Override
    default DomainStateReason domainState(DomainRef domain) {
        RemoteDomainGetStateRet r = channel().call(REMOTE_PROC_DOMAIN_GET_STATE,
                new RemoteDomainGetStateArgs(WireRefs.domain(domain), 0), RemoteDomainGetStateRet.class);
        return DomainStateReason.of(state(r.state()), r.reason());
    }

    private static DomainState state(int number) {
        try {
            return DomainState.ofNumber(number);
        } catch (IllegalArgumentException e) {
            throw WireValues.rpc("unknown domain state " + number);
        }
    }

    /**
     * {@code virDomainIsActive}; for an active domain its id comes from a lookup by UUID, as libvirt's client
     * learns a started domain's id ({@code remoteDomainCreate}).
     */
    @Override
    default int domainId(DomainRef domain) {
        int active = channel().call(REMOTE_PROC_DOMAIN_IS_ACTIVE, new RemoteDomainIsActiveArgs(WireRefs.domain(domain)),
                RemoteDomainIsActiveRet.class).active();
        if (active == 0) {
            return -1;
        }
        return channel().call(REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID,
                new RemoteDomainLookupByUuidArgs(WireRefs.bytes(domain.uuid())), RemoteDomainLookupByUuidRet.class)
                .dom().id();
    }

    @Override
    default boolean isPersistent(DomainRef domain) {
        return channel().call(REMOTE_PROC_DOMAIN_IS_PERSISTENT,
                new RemoteDomainIsPersistentArgs(WireRefs.domain(domain)), RemoteDomainIsPersistentRet.class)
                .persistent() != 0;
    }

    /**
     * As libvirt's {@code virDomainGetXMLDesc}: on a read-only connection the secure flag is refused before
     * the call (OPERATION_DENIED "virDomainGetXMLDesc with secure flag").
     */
    @Override
    default String xmlDesc(DomainRef domain, Set<XmlFlag> flags) {
        if (session().readOnly() && flags.contains(XmlFlag.SECURE)) {
            throw new VirtException(ErrorCode.OPERATION_DENIED, ErrorDomain.DOMAIN,
                    ErrorCode.OPERATION_DENIED.format("virDomainGetXMLDesc with secure flag"), null, domain.name(),
                    null);
        }
        return channel().call(REMOTE_PROC_DOMAIN_GET_XML_DESC,
                new RemoteDomainGetXmlDescArgs(WireRefs.domain(domain), Flag.bits(flags)),
                RemoteDomainGetXmlDescRet.class).xml();
    }

    @Override
    default Set<XmlFlag> xmlDescFlags() {
        return Set.of(XmlFlag.values());
    }

    @Override
    default String osType(DomainRef domain) {
        return channel().call(REMOTE_PROC_DOMAIN_GET_OS_TYPE, new RemoteDomainGetOsTypeArgs(WireRefs.domain(domain)),
                RemoteDomainGetOsTypeRet.class).type();
    }

    /** No label on the wire (an empty array) is an empty label, not enforcing, as libvirt's client leaves it. */
    @Override
    default SecurityLabel securityLabel(DomainRef domain) {
        RemoteDomainGetSecurityLabelRet r = channel().call(REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL,
                new RemoteDomainGetSecurityLabelArgs(WireRefs.domain(domain)), RemoteDomainGetSecurityLabelRet.class);
        if (r.label().length == 0) {
            return new SecurityLabel("", false);
        }
        return new SecurityLabel(WireValues.cString(r.label(), SECURITY_LABEL_BUFLEN, "security label"),
                r.enforcing() != 0);
    }
}
