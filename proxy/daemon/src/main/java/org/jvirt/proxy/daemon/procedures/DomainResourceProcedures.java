package org.jvirt.proxy.daemon.procedures;

import static org.jvirt.proxy.daemon.procedures.DomainProcedures.checkMax;
import static org.jvirt.proxy.daemon.procedures.DomainProcedures.dom;
import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.BlockStats;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.proxy.daemon.dispatch.Caller;
import org.jvirt.proxy.daemon.dispatch.HandlerTable;
import org.jvirt.proxy.daemon.dispatch.ProcedureGroup;
import org.jvirt.proxy.protocol.remote.*;

/**
 * What a domain has and uses: memory, virtual CPUs and their pinning, autostart, devices attached and
 * detached, the scheduler's parameters, block and interface statistics, and peeks at disk and memory.
 * Changes take libvirt's {@code VIR_DOMAIN_AFFECT_*} flags; both LIVE and CONFIG apply the change to the
 * running domain and then to its definition.
 */
public final class DomainResourceProcedures implements ProcedureGroup {
    /** {@code VIR_DOMAIN_MEM_MAXIMUM}. */
    static final int MEM_MAXIMUM = 4;

    @Override
    public void register(HandlerTable t) {
        registerMemoryAndCpus(t);
        registerDevicesAndScheduler(t);
        registerStatistics(t);
    }

    private static void registerMemoryAndCpus(HandlerTable t) {
        t.on(REMOTE_PROC_DOMAIN_SET_MEMORY, (Caller c, RemoteDomainSetMemoryArgs a) -> {
            dom(c, a.dom()).setMemory(a.memory());
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SET_MAX_MEMORY, (Caller c, RemoteDomainSetMaxMemoryArgs a) -> {
            dom(c, a.dom()).setMaxMemory(a.memory());
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SET_MEMORY_FLAGS, (Caller c, RemoteDomainSetMemoryFlagsArgs a) -> {
            List<ModificationImpact> impacts = WireFlags.impacts(a.flags(), WireFlags.IMPACT_BITS | MEM_MAXIMUM,
                    "virDomainSetMemoryFlags");
            Domain d = dom(c, a.dom());
            for (ModificationImpact i : impacts) {
                if ((a.flags() & MEM_MAXIMUM) != 0) {
                    d.setMaxMemory(a.memory(), i);
                } else {
                    d.setMemory(a.memory(), i);
                }
            }
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_GET_MAX_MEMORY, (Caller c, RemoteDomainGetMaxMemoryArgs a) ->
                new RemoteDomainGetMaxMemoryRet(dom(c, a.dom()).info().maxMemoryKiB()));
        t.on(REMOTE_PROC_DOMAIN_SET_VCPUS, (Caller c, RemoteDomainSetVcpusArgs a) -> {
            dom(c, a.dom()).setVcpus(a.nvcpus());
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SET_VCPUS_FLAGS, (Caller c, RemoteDomainSetVcpusFlagsArgs a) -> {
            VcpuFlag[] f = WireFlags.of(VcpuFlag.class, a.flags() & ~WireFlags.IMPACT_BITS, "virDomainSetVcpusFlags");
            Domain d = dom(c, a.dom());
            for (ModificationImpact i : WireFlags.impacts(a.flags() & WireFlags.IMPACT_BITS, WireFlags.IMPACT_BITS, "virDomainSetVcpusFlags")) {
                d.setVcpus(a.nvcpus(), i, f);
            }
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS, (Caller c, RemoteDomainGetVcpusFlagsArgs a) ->
                new RemoteDomainGetVcpusFlagsRet(vcpuCount(dom(c, a.dom()), a.flags())));
        t.on(REMOTE_PROC_DOMAIN_GET_MAX_VCPUS, (Caller c, RemoteDomainGetMaxVcpusArgs a) ->
                new RemoteDomainGetMaxVcpusRet(dom(c, a.dom()).maxVcpus()));
        t.on(REMOTE_PROC_DOMAIN_PIN_VCPU, (Caller c, RemoteDomainPinVcpuArgs a) -> {
            dom(c, a.dom()).pinVcpu(a.vcpu(), BitSet.valueOf(a.cpumap()));
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_PIN_VCPU_FLAGS, (Caller c, RemoteDomainPinVcpuFlagsArgs a) -> {
            Domain d = dom(c, a.dom());
            for (ModificationImpact i : WireFlags.impacts(a.flags(), WireFlags.IMPACT_BITS, "virDomainPinVcpuFlags")) {
                d.pinVcpu(a.vcpu(), BitSet.valueOf(a.cpumap()), i);
            }
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_GET_VCPUS, (Caller c, RemoteDomainGetVcpusArgs a) -> {
            checkMax(a.maxinfo(), RemoteProtocol.REMOTE_VCPUINFO_MAX, "maxinfo", "REMOTE_VCPUINFO_MAX");
            checkMaps(a.maxinfo(), a.maplen());
            List<VcpuInfo> infos = dom(c, a.dom()).vcpuInfo();
            List<RemoteVcpuInfo> out = new ArrayList<>();
            byte[] maps = new byte[a.maxinfo() * a.maplen()];
            for (int n = 0; n < infos.size() && n < a.maxinfo(); n++) {
                VcpuInfo v = infos.get(n);
                out.add(new RemoteVcpuInfo(v.number(), v.state(), v.cpuTimeNanos(), v.cpu()));
                copyMap(v.affinity(), maps, n, a.maplen());
            }
            return new RemoteDomainGetVcpusRet(out, maps);
        });
        t.on(REMOTE_PROC_DOMAIN_GET_VCPU_PIN_INFO, (Caller c, RemoteDomainGetVcpuPinInfoArgs a) -> {
            checkMax(a.ncpumaps(), RemoteProtocol.REMOTE_VCPUINFO_MAX, "ncpumaps", "REMOTE_VCPUINFO_MAX");
            checkMaps(a.ncpumaps(), a.maplen());
            List<BitSet> pins = dom(c, a.dom()).vcpuPinInfo(WireFlags.impact(a.flags(), WireFlags.IMPACT_BITS, "virDomainGetVcpuPinInfo"));
            byte[] maps = new byte[a.ncpumaps() * a.maplen()];
            int n = 0;
            for (; n < pins.size() && n < a.ncpumaps(); n++) {
                copyMap(pins.get(n), maps, n, a.maplen());
            }
            return new RemoteDomainGetVcpuPinInfoRet(maps, n);
        });
        t.on(REMOTE_PROC_DOMAIN_GET_AUTOSTART, (Caller c, RemoteDomainGetAutostartArgs a) ->
                new RemoteDomainGetAutostartRet(dom(c, a.dom()).autostart() ? 1 : 0));
        t.on(REMOTE_PROC_DOMAIN_SET_AUTOSTART, (Caller c, RemoteDomainSetAutostartArgs a) -> {
            dom(c, a.dom()).setAutostart(a.autostart() != 0);
            return null;
        });
    }

    private static void registerDevicesAndScheduler(HandlerTable t) {
        t.on(REMOTE_PROC_DOMAIN_ATTACH_DEVICE, (Caller c, RemoteDomainAttachDeviceArgs a) -> {
            dom(c, a.dom()).attachDevice(a.xml());
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_ATTACH_DEVICE_FLAGS, (Caller c, RemoteDomainAttachDeviceFlagsArgs a) -> {
            Domain d = dom(c, a.dom());
            for (ModificationImpact i : WireFlags.impacts(a.flags(), WireFlags.IMPACT_BITS, "virDomainAttachDeviceFlags")) {
                d.attachDevice(a.xml(), i);
            }
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_DETACH_DEVICE, (Caller c, RemoteDomainDetachDeviceArgs a) -> {
            dom(c, a.dom()).detachDevice(a.xml());
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_DETACH_DEVICE_FLAGS, (Caller c, RemoteDomainDetachDeviceFlagsArgs a) -> {
            Domain d = dom(c, a.dom());
            for (ModificationImpact i : WireFlags.impacts(a.flags(), WireFlags.IMPACT_BITS, "virDomainDetachDeviceFlags")) {
                d.detachDevice(a.xml(), i);
            }
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_GET_SCHEDULER_TYPE, (Caller c, RemoteDomainGetSchedulerTypeArgs a) -> {
            Domain d = dom(c, a.dom());
            String type = d.schedulerType();
            return new RemoteDomainGetSchedulerTypeRet(type, d.schedulerParameters().size());
        });
        t.on(REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS, (Caller c, RemoteDomainGetSchedulerParametersArgs a) -> {
            checkMax(a.nparams(), RemoteProtocol.REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, "nparams",
                    "REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX");
            return new RemoteDomainGetSchedulerParametersRet(TypedParams.toWire(dom(c, a.dom()).schedulerParameters(), a.nparams()));
        });
        t.on(REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS, (Caller c, RemoteDomainGetSchedulerParametersFlagsArgs a) -> {
            checkMax(a.nparams(), RemoteProtocol.REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, "nparams",
                    "REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX");
            // VIR_TYPED_PARAM_STRING_OKAY (4) is the client's promise that it reads string parameters
            ModificationImpact i = WireFlags.impact(a.flags() & ~TypedParams.STRING_OKAY, WireFlags.IMPACT_BITS,
                    "virDomainGetSchedulerParametersFlags");
            return new RemoteDomainGetSchedulerParametersFlagsRet(
                    TypedParams.toWire(dom(c, a.dom()).schedulerParameters(i), a.nparams()));
        });
        t.on(REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS, (Caller c, RemoteDomainSetSchedulerParametersArgs a) -> {
            dom(c, a.dom()).setSchedulerParameters(TypedParams.fromWire(a.params()));
            return null;
        });
        t.on(REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS, (Caller c, RemoteDomainSetSchedulerParametersFlagsArgs a) -> {
            Domain d = dom(c, a.dom());
            List<TypedParameter> params = TypedParams.fromWire(a.params());
            for (ModificationImpact i : WireFlags.impacts(a.flags(), WireFlags.IMPACT_BITS, "virDomainSetSchedulerParametersFlags")) {
                d.setSchedulerParameters(params, i);
            }
            return null;
        });
    }

    private static void registerStatistics(HandlerTable t) {
        t.on(REMOTE_PROC_DOMAIN_BLOCK_STATS, (Caller c, RemoteDomainBlockStatsArgs a) -> {
            BlockStats s = dom(c, a.dom()).blockStats(a.path());
            return new RemoteDomainBlockStatsRet(s.readRequests(), s.readBytes(), s.writeRequests(), s.writeBytes(), s.errors());
        });
        t.on(REMOTE_PROC_DOMAIN_INTERFACE_STATS, (Caller c, RemoteDomainInterfaceStatsArgs a) -> {
            InterfaceStats s = dom(c, a.dom()).interfaceStats(a.device());
            return new RemoteDomainInterfaceStatsRet(s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDrops(), s.txBytes(),
                    s.txPackets(), s.txErrors(), s.txDrops());
        });
        t.on(REMOTE_PROC_DOMAIN_BLOCK_PEEK, (Caller c, RemoteDomainBlockPeekArgs a) -> {
            checkMax(a.size(), RemoteProtocol.REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX, "size", "REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX");
            WireFlags.refuseUnknown(a.flags(), "virDomainBlockPeek");
            return new RemoteDomainBlockPeekRet(dom(c, a.dom()).blockPeek(a.path(), a.offset(), a.size()));
        });
        t.on(REMOTE_PROC_DOMAIN_MEMORY_PEEK, (Caller c, RemoteDomainMemoryPeekArgs a) -> {
            checkMax(a.size(), RemoteProtocol.REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX, "size", "REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX");
            MemoryPeekFlag[] f = WireFlags.of(MemoryPeekFlag.class, a.flags(), "virDomainMemoryPeek");
            return new RemoteDomainMemoryPeekRet(dom(c, a.dom()).memoryPeek(a.offset(), a.size(), f));
        });
    }

    /**
     * {@code virDomainGetVcpusFlags}: the vCPUs of the running domain (LIVE) or of its definition (CONFIG),
     * online ones or the maximum ({@code VIR_DOMAIN_VCPU_MAXIMUM}), read from the matching XML.
     */
    private static int vcpuCount(Domain d, int flags) {
        // counting the guest's own vCPUs (VIR_DOMAIN_VCPU_GUEST) needs a guest agent, which jvirt does not talk to:
        // refused as libvirt's drivers without one refuse it (virCheckFlags)
        int known = WireFlags.IMPACT_BITS | VcpuFlag.MAXIMUM.bit();
        WireFlags.refuseUnknown(flags & ~known, "virDomainGetVcpusFlags");
        ModificationImpact impact = WireFlags.impact(flags & WireFlags.IMPACT_BITS, WireFlags.IMPACT_BITS, "virDomainGetVcpusFlags");
        boolean active = d.isActive();
        if (impact == ModificationImpact.LIVE && !active) {
            throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "domain is not running", d.name());
        }
        boolean live = impact == ModificationImpact.LIVE || impact == ModificationImpact.CURRENT && active;
        DomainDefinition def = DomainXml.parse(live ? d.xmlDesc() : d.xmlDesc(XmlFlag.INACTIVE));
        return (flags & VcpuFlag.MAXIMUM.bit()) != 0 ? def.vcpus() : def.currentVcpus();
    }

    private static void checkMaps(int count, int maplen) {
        if (maplen <= 0 || (long) count * maplen > RemoteProtocol.REMOTE_CPUMAPS_MAX) {
            throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "maxinfo * maplen > REMOTE_CPUMAPS_MAX", null);
        }
    }

    private static void copyMap(BitSet cpus, byte[] maps, int n, int maplen) {
        byte[] b = cpus.toByteArray();
        System.arraycopy(b, 0, maps, n * maplen, Math.min(b.length, maplen));
    }
}
