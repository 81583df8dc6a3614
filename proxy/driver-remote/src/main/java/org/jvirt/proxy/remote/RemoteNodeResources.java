package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.TypedParameter;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DriverOperations;

/** The host's free memory (whole and per cell), memory statistics, CPU map and security model. */
interface RemoteNodeResources extends RemoteOperations, DriverOperations.NodeFreeMemory,
        DriverOperations.NodeSecurity, DriverOperations.NodeMemoryStats, DriverOperations.NodeCpus {
    /** {@code VIR_SECURITY_MODEL_BUFLEN} and {@code VIR_SECURITY_DOI_BUFLEN}: the buffers libvirt copies into. */
    int SECURITY_MODEL_BUFLEN = 257;
    int SECURITY_DOI_BUFLEN = 257;

    /** In bytes, as {@code virNodeGetFreeMemory}. */
    @Override
    default long freeMemory() {
        return channel().call(REMOTE_PROC_NODE_GET_FREE_MEMORY, null, RemoteNodeGetFreeMemoryRet.class).freeMem();
    }

    /** In bytes; more than {@code REMOTE_NODE_MAX_CELLS} is refused before the call, as libvirt's client does. */
    @Override
    default long[] cellsFreeMemory(int startCell, int maxCells) {
        if (maxCells > RemoteProtocol.REMOTE_NODE_MAX_CELLS) {
            throw WireValues.rpc("too many NUMA cells: " + maxCells + " > " + RemoteProtocol.REMOTE_NODE_MAX_CELLS);
        }
        List<Long> cells = channel().call(REMOTE_PROC_NODE_GET_CELLS_FREE_MEMORY,
                new RemoteNodeGetCellsFreeMemoryArgs(startCell, maxCells), RemoteNodeGetCellsFreeMemoryRet.class)
                .cells();
        long[] out = new long[cells.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = cells.get(i);
        }
        return out;
    }

    @Override
    default NodeSecurityModel securityModel() {
        RemoteNodeGetSecurityModelRet r = channel().call(REMOTE_PROC_NODE_GET_SECURITY_MODEL, null,
                RemoteNodeGetSecurityModelRet.class);
        return new NodeSecurityModel(WireValues.cString(r.model(), SECURITY_MODEL_BUFLEN, "security model"),
                WireValues.cString(r.doi(), SECURITY_DOI_BUFLEN, "security doi"));
    }

    /**
     * As libvirt's callers ask it: how many statistics there are ({@code nparams} 0), then that many. Values
     * are KiB, as the daemon sends them.
     */
    @Override
    default List<TypedParameter> nodeMemoryStats(int cell) {
        int count = channel().call(REMOTE_PROC_NODE_GET_MEMORY_STATS, new RemoteNodeGetMemoryStatsArgs(0, cell, 0),
                RemoteNodeGetMemoryStatsRet.class).nparams();
        if (count <= 0) {
            return List.of();
        }
        List<RemoteNodeGetMemoryStats> stats = channel().call(REMOTE_PROC_NODE_GET_MEMORY_STATS,
                new RemoteNodeGetMemoryStatsArgs(count, cell, 0), RemoteNodeGetMemoryStatsRet.class).params();
        if (stats.size() > RemoteProtocol.REMOTE_NODE_MEMORY_STATS_MAX || stats.size() > count) {
            throw WireValues.rpc("remoteNodeGetMemoryStats: returned number of stats exceeds limit");
        }
        List<TypedParameter> out = new ArrayList<>(stats.size());
        for (RemoteNodeGetMemoryStats s : stats) {
            out.add(new TypedParameter(s.field(), s.value()));
        }
        return out;
    }

    /** The host's CPU count and online map in one call ({@code need_map} and {@code need_online}). */
    @Override
    default NodeCpuMap nodeCpuMap() {
        RemoteNodeGetCpuMapRet r = channel().call(REMOTE_PROC_NODE_GET_CPU_MAP, new RemoteNodeGetCpuMapArgs(1, 1, 0),
                RemoteNodeGetCpuMapRet.class);
        if (r.ret() <= 0) {
            throw WireValues.rpc("the daemon reports " + r.ret() + " host CPUs");
        }
        return new NodeCpuMap(r.ret(), WireValues.bitmap(r.cpumap(), 0, WireValues.mapLength(r.ret())).get(0, r.ret()));
    }
}
