package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.Set;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.Flag;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.ShutdownFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.UndefineFlag;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.ForwardsDocuments;

/**
 * A domain's lifecycle: create, define, undefine, start, suspend and resume, shutdown, reboot, destroy.
 * Every flag is declared: the daemon's driver decides which it honours, and libvirt's client sends them
 * unchanged. Without flags, the call is libvirt's flagless procedure ({@code DOMAIN_DESTROY} rather than
 * {@code DOMAIN_DESTROY_FLAGS}), as {@code virDomainDestroy} makes it, so that a daemon whose driver has only
 * the older entry point still serves it. Documents go to the daemon as given; a parsed definition is written
 * with jvirt's formatter first.
 */
interface RemoteDomainLifecycle extends RemoteOperations, DriverOperations.DomainCreateTransient,
        DriverOperations.DomainDefine, DriverOperations.DomainUndefine, DriverOperations.DomainStart,
        DriverOperations.DomainSuspendResume, DriverOperations.DomainShutdown, DriverOperations.DomainReboot,
        DriverOperations.DomainDestroy, ForwardsDocuments {

    @Override
    default DomainRef createDomain(DomainDefinition definition, Set<StartFlag> flags) {
        return createDomainXml(DomainXml.format(definition, -1, true), flags);
    }

    @Override
    default DomainRef createDomainXml(String xml, Set<StartFlag> flags) {
        return WireRefs.domain(channel().call(REMOTE_PROC_DOMAIN_CREATE_XML,
                new RemoteDomainCreateXmlArgs(xml, Flag.bits(flags)), RemoteDomainCreateXmlRet.class).dom());
    }

    @Override
    default Set<StartFlag> createFlags() {
        return Set.of(StartFlag.values());
    }

    @Override
    default DomainRef defineDomain(DomainDefinition definition, Set<DefineFlag> flags) {
        return defineDomainXml(DomainXml.format(definition, -1, true), flags);
    }

    @Override
    default DomainRef defineDomainXml(String xml, Set<DefineFlag> flags) {
        if (flags.isEmpty()) {
            return WireRefs.domain(channel().call(REMOTE_PROC_DOMAIN_DEFINE_XML, new RemoteDomainDefineXmlArgs(xml),
                    RemoteDomainDefineXmlRet.class).dom());
        }
        return WireRefs.domain(channel().call(REMOTE_PROC_DOMAIN_DEFINE_XML_FLAGS,
                new RemoteDomainDefineXmlFlagsArgs(xml, Flag.bits(flags)), RemoteDomainDefineXmlFlagsRet.class).dom());
    }

    @Override
    default void undefine(DomainRef domain, Set<UndefineFlag> flags) {
        if (flags.isEmpty()) {
            channel().call(REMOTE_PROC_DOMAIN_UNDEFINE, new RemoteDomainUndefineArgs(WireRefs.domain(domain)));
        } else {
            channel().call(REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS,
                    new RemoteDomainUndefineFlagsArgs(WireRefs.domain(domain), Flag.bits(flags)));
        }
    }

    @Override
    default Set<UndefineFlag> undefineFlags() {
        return Set.of(UndefineFlag.values());
    }

    /**
     * libvirt's client follows a flagless {@code DOMAIN_CREATE} with a lookup, to learn the id the procedure
     * does not return; jvirt asks for a domain's id when it is wanted, so the lookup is left out.
     */
    @Override
    default void start(DomainRef domain, Set<StartFlag> flags) {
        if (flags.isEmpty()) {
            channel().call(REMOTE_PROC_DOMAIN_CREATE, new RemoteDomainCreateArgs(WireRefs.domain(domain)));
        } else {
            channel().call(REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS,
                    new RemoteDomainCreateWithFlagsArgs(WireRefs.domain(domain), Flag.bits(flags)));
        }
    }

    @Override
    default Set<StartFlag> startFlags() {
        return Set.of(StartFlag.values());
    }

    @Override
    default void suspend(DomainRef domain) {
        channel().call(REMOTE_PROC_DOMAIN_SUSPEND, new RemoteDomainSuspendArgs(WireRefs.domain(domain)));
    }

    @Override
    default void resume(DomainRef domain) {
        channel().call(REMOTE_PROC_DOMAIN_RESUME, new RemoteDomainResumeArgs(WireRefs.domain(domain)));
    }

    @Override
    default void shutdown(DomainRef domain, Set<ShutdownFlag> flags) {
        if (flags.isEmpty()) {
            channel().call(REMOTE_PROC_DOMAIN_SHUTDOWN, new RemoteDomainShutdownArgs(WireRefs.domain(domain)));
        } else {
            channel().call(REMOTE_PROC_DOMAIN_SHUTDOWN_FLAGS,
                    new RemoteDomainShutdownFlagsArgs(WireRefs.domain(domain), Flag.bits(flags)));
        }
    }

    @Override
    default Set<ShutdownFlag> shutdownFlags() {
        return Set.of(ShutdownFlag.values());
    }

    /** {@code DOMAIN_REBOOT} carries its flags itself ({@code virDomainReboot} has always taken them). */
    @Override
    default void reboot(DomainRef domain, Set<RebootFlag> flags) {
        channel().call(REMOTE_PROC_DOMAIN_REBOOT, new RemoteDomainRebootArgs(WireRefs.domain(domain), Flag.bits(flags)));
    }

    @Override
    default Set<RebootFlag> rebootFlags() {
        return Set.of(RebootFlag.values());
    }

    @Override
    default void destroy(DomainRef domain, Set<DestroyFlag> flags) {
        if (flags.isEmpty()) {
            channel().call(REMOTE_PROC_DOMAIN_DESTROY, new RemoteDomainDestroyArgs(WireRefs.domain(domain)));
        } else {
            channel().call(REMOTE_PROC_DOMAIN_DESTROY_FLAGS,
                    new RemoteDomainDestroyFlagsArgs(WireRefs.domain(domain), Flag.bits(flags)));
        }
    }

    @Override
    default Set<DestroyFlag> destroyFlags() {
        return Set.of(DestroyFlag.values());
    }
}
