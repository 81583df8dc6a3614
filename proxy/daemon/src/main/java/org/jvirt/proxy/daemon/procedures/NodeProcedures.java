package org.jvirt.proxy.daemon.procedures;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.TypedParameter;
import org.jvirt.proxy.daemon.dispatch.Caller;
import org.jvirt.proxy.daemon.dispatch.HandlerTable;
import org.jvirt.proxy.daemon.dispatch.ProcedureGroup;
import org.jvirt.proxy.protocol.remote.*;

/** The node's procedures: its hardware, free memory per cell, CPU map, memory statistics, security model. */
public final class NodeProcedures implements ProcedureGroup {
    /** {@code char model[32]} of {@code virNodeInfo}: the model crosses the wire as 32 bytes, NUL-padded. */
    static final int MODEL_BYTES = 32;

    @Override
    public void register(HandlerTable t) {
        t.on(REMOTE_PROC_NODE_GET_INFO, (Caller c, Void a) -> {
            NodeInfo n = c.connection().nodeInfo();
            return new RemoteNodeGetInfoRet(fixed(n.model(), MODEL_BYTES), n.memoryKiB(), n.cpus(), n.mhz(), n.numaNodes(),
                    n.sockets(), n.cores(), n.threads());
        });
        t.on(REMOTE_PROC_NODE_GET_FREE_MEMORY, (Caller c, Void a) -> new RemoteNodeGetFreeMemoryRet(c.connection().freeMemory()));
        t.on(REMOTE_PROC_NODE_GET_CELLS_FREE_MEMORY, (Caller c, RemoteNodeGetCellsFreeMemoryArgs a) -> {
            long[] cells = c.connection().cellsFreeMemory(a.startCell(), a.maxcells());
            List<Long> out = new ArrayList<>(cells.length);
            for (long v : cells) {
                out.add(v);
            }
            return new RemoteNodeGetCellsFreeMemoryRet(out);
        });
        t.on(REMOTE_PROC_NODE_GET_CPU_MAP, (Caller c, RemoteNodeGetCpuMapArgs a) -> {
            WireFlags.refuseUnknown(a.flags(), "virNodeGetCPUMap");
            NodeCpuMap m = c.connection().nodeCpuMap();
            byte[] map = a.needMap() != 0 ? cpuMap(m.online(), (m.cpus() + 7) / 8) : new byte[0];
            return new RemoteNodeGetCpuMapRet(map, a.needOnline() != 0 ? m.onlineCount() : 0, m.cpus());
        });
        t.on(REMOTE_PROC_NODE_GET_MEMORY_STATS, (Caller c, RemoteNodeGetMemoryStatsArgs a) -> {
            WireFlags.refuseUnknown(a.flags(), "virNodeGetMemoryStats");
            List<TypedParameter> stats = c.connection().nodeMemoryStats(a.cellNum());
            if (a.nparams() == 0) {
                return new RemoteNodeGetMemoryStatsRet(List.of(), stats.size()); // the caller asks how many there are
            }
            List<RemoteNodeGetMemoryStats> out = new ArrayList<>();
            for (TypedParameter p : stats.subList(0, Math.min(stats.size(), a.nparams()))) {
                out.add(new RemoteNodeGetMemoryStats(p.name(), ((Number) p.value()).longValue()));
            }
            return new RemoteNodeGetMemoryStatsRet(out, out.size());
        });
        t.on(REMOTE_PROC_NODE_GET_SECURITY_MODEL, (Caller c, Void a) -> {
            NodeSecurityModel m = c.connection().securityModel();
            return new RemoteNodeGetSecurityModelRet(cString(m.model()), cString(m.doi()));
        });
    }

    /** A bitmap of {@code bytes} bytes, CPU 0 in the lowest bit of the first, as libvirt's cpumaps are. */
    static byte[] cpuMap(BitSet cpus, int bytes) {
        return Arrays.copyOf(cpus.toByteArray(), bytes);
    }

    /** {@code s} in exactly {@code n} bytes, NUL-padded, cut at n - 1 so that a NUL always ends it. */
    static byte[] fixed(String s, int n) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(Arrays.copyOf(b, Math.min(b.length, n - 1)), n);
    }

    /** A C string as libvirtd sends one in a variable-length field: its bytes and the NUL ({@code strlen + 1}). */
    static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }
}
