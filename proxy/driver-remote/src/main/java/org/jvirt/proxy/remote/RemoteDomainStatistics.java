package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.Set;
import org.jvirt.api.BlockStats;
import org.jvirt.api.Flag;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/**
 * A running domain's counters (block and interface statistics, -1 for what the daemon does not know) and
 * peeks at its disks and memory. A peek larger than the protocol carries is refused before the call, and
 * an answer of another size than asked is an error, as libvirt's client has them.
 */
interface RemoteDomainStatistics extends RemoteOperations, DriverOperations.DomainBlockStats,
        DriverOperations.DomainInterfaceStats, DriverOperations.DomainBlockPeek, DriverOperations.DomainMemoryPeek {

    @Override
    default BlockStats blockStats(DomainRef domain, String disk) {
        RemoteDomainBlockStatsRet r = channel().call(REMOTE_PROC_DOMAIN_BLOCK_STATS,
                new RemoteDomainBlockStatsArgs(WireRefs.domain(domain), disk), RemoteDomainBlockStatsRet.class);
        return new BlockStats(r.rdReq(), r.rdBytes(), r.wrReq(), r.wrBytes(), r.errs());
    }

    @Override
    default InterfaceStats interfaceStats(DomainRef domain, String device) {
        RemoteDomainInterfaceStatsRet r = channel().call(REMOTE_PROC_DOMAIN_INTERFACE_STATS,
                new RemoteDomainInterfaceStatsArgs(WireRefs.domain(domain), device), RemoteDomainInterfaceStatsRet.class);
        return new InterfaceStats(r.rxBytes(), r.rxPackets(), r.rxErrs(), r.rxDrop(), r.txBytes(), r.txPackets(),
                r.txErrs(), r.txDrop());
    }

    @Override
    default byte[] blockPeek(DomainRef domain, String disk, long offset, int size) {
        if (size > RemoteProtocol.REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX) {
            throw WireValues.rpc("block peek request too large for remote protocol, " + size + " > "
                    + RemoteProtocol.REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX);
        }
        byte[] buffer = channel().call(REMOTE_PROC_DOMAIN_BLOCK_PEEK,
                new RemoteDomainBlockPeekArgs(WireRefs.domain(domain), disk, offset, size, 0),
                RemoteDomainBlockPeekRet.class).buffer();
        return sameSize(buffer, size);
    }

    @Override
    default byte[] memoryPeek(DomainRef domain, long start, int size, Set<MemoryPeekFlag> flags) {
        if (size > RemoteProtocol.REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX) {
            throw WireValues.rpc("memory peek request too large for remote protocol, " + size + " > "
                    + RemoteProtocol.REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX);
        }
        byte[] buffer = channel().call(REMOTE_PROC_DOMAIN_MEMORY_PEEK,
                new RemoteDomainMemoryPeekArgs(WireRefs.domain(domain), start, size, Flag.bits(flags)),
                RemoteDomainMemoryPeekRet.class).buffer();
        return sameSize(buffer, size);
    }

    @Override
    default Set<MemoryPeekFlag> memoryPeekFlags() {
        return Set.of(MemoryPeekFlag.values());
    }

    private static byte[] sameSize(byte[] buffer, int size) {
        if (buffer.length != size) {
            throw WireValues.rpc("returned buffer is not same size as requested");
        }
        return buffer;
    }
}
