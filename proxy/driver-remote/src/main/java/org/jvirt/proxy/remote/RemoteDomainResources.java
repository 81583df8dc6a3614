package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.Set;
import org.jvirt.api.Flag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VcpuFlag;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/**
 * What a domain may use: its memory and most memory (KiB, as the wire carries them), its vCPU count, and
 * whether it starts with the host. Changes carry libvirt's {@code VIR_DOMAIN_AFFECT_*} bits of the impact.
 */
interface RemoteDomainResources extends RemoteOperations, DriverOperations.DomainSetMemory,
        DriverOperations.DomainSetMaxMemory, DriverOperations.DomainSetVcpus, DriverOperations.DomainAutostart {
    /** {@code VIR_DOMAIN_MEM_MAXIMUM}: {@code virDomainSetMemoryFlags} changes the most memory. */
    int MEM_MAXIMUM = 4;

    @Override
    default void setMemory(DomainRef domain, long kib, ModificationImpact impact) {
        channel().call(REMOTE_PROC_DOMAIN_SET_MEMORY_FLAGS,
                new RemoteDomainSetMemoryFlagsArgs(WireRefs.domain(domain), kib, impact.bit()));
    }

    /** {@code virDomainSetMemoryFlags} with {@code VIR_DOMAIN_MEM_MAXIMUM}: the one that takes an impact. */
    @Override
    default void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact) {
        channel().call(REMOTE_PROC_DOMAIN_SET_MEMORY_FLAGS,
                new RemoteDomainSetMemoryFlagsArgs(WireRefs.domain(domain), kib, impact.bit() | MEM_MAXIMUM));
    }

    @Override
    default void setVcpus(DomainRef domain, int count, ModificationImpact impact, Set<VcpuFlag> flags) {
        channel().call(REMOTE_PROC_DOMAIN_SET_VCPUS_FLAGS,
                new RemoteDomainSetVcpusFlagsArgs(WireRefs.domain(domain), count, impact.bit() | Flag.bits(flags)));
    }

    @Override
    default Set<VcpuFlag> setVcpusFlags() {
        return Set.of(VcpuFlag.values());
    }

    @Override
    default boolean autostart(DomainRef domain) {
        return channel().call(REMOTE_PROC_DOMAIN_GET_AUTOSTART, new RemoteDomainGetAutostartArgs(WireRefs.domain(domain)),
                RemoteDomainGetAutostartRet.class).autostart() != 0;
    }

    @Override
    default void setAutostart(DomainRef domain, boolean autostart) {
        channel().call(REMOTE_PROC_DOMAIN_SET_AUTOSTART,
                new RemoteDomainSetAutostartArgs(WireRefs.domain(domain), autostart ? 1 : 0));
    }
}
