package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/**
 * A domain's vCPUs and their pinning. libvirt's reads take buffers sized by the caller, and jvirt's answer
 * is whole, so the remote driver sizes them as libvirt's callers do: one map per vCPU ({@code virDomainGetInfo}'s
 * count, or the definition's maximum for pinning), each {@code VIR_CPU_MAPLEN} of the host's CPU count (the
 * larger of {@code virNodeGetCPUMap}'s and {@code virNodeGetInfo}'s). Sizes and answers are checked against the
 * protocol's limits as libvirt's client checks them.
 */
interface RemoteDomainVcpus extends RemoteOperations, DriverOperations.DomainVcpuInfo, DriverOperations.DomainPinVcpu,
        DriverOperations.DomainVcpuPinInfo {

    @Override
    default List<VcpuInfo> vcpuInfo(DomainRef domain) {
        int maxinfo = Short.toUnsignedInt(channel().call(REMOTE_PROC_DOMAIN_GET_INFO,
                new RemoteDomainGetInfoArgs(WireRefs.domain(domain)), RemoteDomainGetInfoRet.class).nrVirtCpu());
        int maplen = WireValues.mapLength(hostCpus());
        checkMaps(maxinfo, maplen);
        RemoteDomainGetVcpusRet r = channel().call(REMOTE_PROC_DOMAIN_GET_VCPUS,
                new RemoteDomainGetVcpusArgs(WireRefs.domain(domain), maxinfo, maplen), RemoteDomainGetVcpusRet.class);
        checkAnswer(r.info().size(), r.cpumaps().length, maxinfo, maplen);
        List<VcpuInfo> out = new ArrayList<>(r.info().size());
        for (int i = 0; i < r.info().size(); i++) {
            RemoteVcpuInfo v = r.info().get(i);
            out.add(new VcpuInfo(v.number(), v.state(), v.cpuTime(), v.cpu(),
                    WireValues.bitmap(r.cpumaps(), i * maplen, maplen)));
        }
        return out;
    }

    @Override
    default int maxVcpus(DomainRef domain) {
        return channel().call(REMOTE_PROC_DOMAIN_GET_MAX_VCPUS, new RemoteDomainGetMaxVcpusArgs(WireRefs.domain(domain)),
                RemoteDomainGetMaxVcpusRet.class).num();
    }

    /** The map is as long as its highest CPU needs (libvirt's drivers take any {@code maplen}). */
    @Override
    default void pinVcpu(DomainRef domain, int vcpu, BitSet cpus, ModificationImpact impact) {
        byte[] map = WireValues.cpumap(cpus, Math.max(1, WireValues.mapLength(cpus.length())));
        if (map.length > RemoteProtocol.REMOTE_CPUMAP_MAX) {
            throw WireValues.rpc("cpumap length greater than maximum: " + map.length + " > "
                    + RemoteProtocol.REMOTE_CPUMAP_MAX);
        }
        channel().call(REMOTE_PROC_DOMAIN_PIN_VCPU_FLAGS,
                new RemoteDomainPinVcpuFlagsArgs(WireRefs.domain(domain), vcpu, map, impact.bit()));
    }

    @Override
    default List<BitSet> vcpuPinInfo(DomainRef domain, ModificationImpact impact) {
        int ncpumaps = channel().call(REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS, new RemoteDomainGetVcpusFlagsArgs(
                WireRefs.domain(domain), impact.bit() | VcpuFlag.MAXIMUM.bit()), RemoteDomainGetVcpusFlagsRet.class).num();
        int maplen = WireValues.mapLength(hostCpus());
        checkMaps(ncpumaps, maplen);
        RemoteDomainGetVcpuPinInfoRet r = channel().call(REMOTE_PROC_DOMAIN_GET_VCPU_PIN_INFO,
                new RemoteDomainGetVcpuPinInfoArgs(WireRefs.domain(domain), ncpumaps, maplen, impact.bit()),
                RemoteDomainGetVcpuPinInfoRet.class);
        checkAnswer(r.num(), r.cpumaps().length, ncpumaps, maplen);
        List<BitSet> out = new ArrayList<>(r.num());
        for (int i = 0; i < r.num(); i++) {
            out.add(WireValues.bitmap(r.cpumaps(), i * maplen, maplen));
        }
        return out;
    }

    /**
     * How many host CPUs a map must cover: the larger of {@code virNodeGetCPUMap}'s count (virsh's choice) and
     * {@code virNodeGetInfo}'s topology ({@code VIR_NODEINFO_MAXCPUS}, the bindings' older choice). The two can
     * disagree (libvirt's test driver: 8 and 16), and a map sized by the smaller would cut CPUs off.
     */
    private int hostCpus() {
        RemoteNodeGetInfoRet n = channel().call(REMOTE_PROC_NODE_GET_INFO, null, RemoteNodeGetInfoRet.class);
        int topology = n.nodes() * n.sockets() * n.cores() * n.threads();
        try {
            return Math.max(topology, channel().call(REMOTE_PROC_NODE_GET_CPU_MAP, new RemoteNodeGetCpuMapArgs(0, 0, 0),
                    RemoteNodeGetCpuMapRet.class).ret());
        } catch (VirtException e) {
            if (e.code() != ErrorCode.NO_SUPPORT) {
                throw e;
            }
            return topology;
        }
    }

    private static void checkMaps(int count, int maplen) {
        if (count > RemoteProtocol.REMOTE_VCPUINFO_MAX) {
            throw WireValues.rpc("vCPU count exceeds maximum: " + count + " > " + RemoteProtocol.REMOTE_VCPUINFO_MAX);
        }
        if ((long) count * maplen > RemoteProtocol.REMOTE_CPUMAPS_MAX) {
            throw WireValues.rpc("vCPU map buffer length exceeds maximum: " + (long) count * maplen + " > "
                    + RemoteProtocol.REMOTE_CPUMAPS_MAX);
        }
    }

    private static void checkAnswer(int vcpus, int mapBytes, int asked, int maplen) {
        if (vcpus > asked) {
            throw WireValues.rpc("host reports too many vCPUs: " + vcpus + " > " + asked);
        }
        if (mapBytes > asked * maplen) {
            throw WireValues.rpc("host reports map buffer length exceeds maximum: " + mapBytes + " > " + asked * maplen);
        }
    }
}
