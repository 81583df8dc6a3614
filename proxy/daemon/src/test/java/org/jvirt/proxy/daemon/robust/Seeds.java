package org.jvirt.proxy.daemon.robust;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jvirt.proxy.protocol.FrameDecoder;
import org.jvirt.proxy.protocol.FrameException;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.*;

/**
 * Valid calls of many procedures, on test:///default's domain {@code test}: the seeds the fuzzers
 * mutate. Also tells which byte streams would reach a procedure that writes files (save, restore,
 * core dump), which a fuzzer must not send to a daemon running as root.
 */
final class Seeds {
    private Seeds() {
    }

    static final RemoteNonnullDomain TEST = new RemoteNonnullDomain("test",
            HexFormat.of().parseHex("6695eb01f6a4830479aa97f2502e193f"), 1);

    private static final List<RemoteTypedParam> PARAMS = List.of(
            new RemoteTypedParam("weight", new RemoteTypedParamValue.VirTypedParamUint(100)),
            new RemoteTypedParam("cap", new RemoteTypedParamValue.VirTypedParamUint(0)));

    private static final Set<Integer> WRITES_FILES = Set.of(
            RemoteProcedure.REMOTE_PROC_DOMAIN_CORE_DUMP.number(), RemoteProcedure.REMOTE_PROC_DOMAIN_SAVE.number(),
            RemoteProcedure.REMOTE_PROC_DOMAIN_SAVE_FLAGS.number(), RemoteProcedure.REMOTE_PROC_DOMAIN_RESTORE.number(),
            RemoteProcedure.REMOTE_PROC_DOMAIN_RESTORE_FLAGS.number(),
            RemoteProcedure.REMOTE_PROC_DOMAIN_CORE_DUMP_WITH_FORMAT.number(),
            RemoteProcedure.REMOTE_PROC_DOMAIN_MANAGED_SAVE.number(), RemoteProcedure.REMOTE_PROC_DOMAIN_SAVE_PARAMS.number(),
            RemoteProcedure.REMOTE_PROC_DOMAIN_RESTORE_PARAMS.number(),
            RemoteProcedure.REMOTE_PROC_DOMAIN_SAVE_IMAGE_DEFINE_XML.number());

    /** Whole frames, serials 1 and up. */
    static final List<byte[]> CALLS = calls();

    private static List<byte[]> calls() {
        List<Message> m = new ArrayList<>();
        int s = 1;
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, s++, RemoteConnectOpenArgs.CODEC,
                new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_TYPE, s++, new byte[0]));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_CAPABILITIES, s++, new byte[0]));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, s++, RemoteConnectSupportsFeatureArgs.CODEC,
                new RemoteConnectSupportsFeatureArgs(10)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, s++, RemoteConnectListAllDomainsArgs.CODEC,
                new RemoteConnectListAllDomainsArgs(1, 0)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_LIST_DOMAINS, s++, RemoteConnectListDomainsArgs.CODEC,
                new RemoteConnectListDomainsArgs(10)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME, s++, RemoteDomainLookupByNameArgs.CODEC,
                new RemoteDomainLookupByNameArgs("test")));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID, s++, RemoteDomainLookupByUuidArgs.CODEC,
                new RemoteDomainLookupByUuidArgs(TEST.uuid())));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_ID, s++, RemoteDomainLookupByIdArgs.CODEC,
                new RemoteDomainLookupByIdArgs(1)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_INFO, s++, RemoteDomainGetInfoArgs.CODEC,
                new RemoteDomainGetInfoArgs(TEST)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC, s++, RemoteDomainGetXmlDescArgs.CODEC,
                new RemoteDomainGetXmlDescArgs(TEST, 0)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_STATE, s++, RemoteDomainGetStateArgs.CODEC,
                new RemoteDomainGetStateArgs(TEST, 0)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_VCPUS, s++, RemoteDomainGetVcpusArgs.CODEC,
                new RemoteDomainGetVcpusArgs(TEST, 2, 2)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS, s++,
                RemoteDomainGetSchedulerParametersArgs.CODEC, new RemoteDomainGetSchedulerParametersArgs(TEST, 5)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS, s++,
                RemoteDomainSetSchedulerParametersArgs.CODEC, new RemoteDomainSetSchedulerParametersArgs(TEST, PARAMS)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_SET_MEMORY_FLAGS, s++, RemoteDomainSetMemoryFlagsArgs.CODEC,
                new RemoteDomainSetMemoryFlagsArgs(TEST, 2_097_152, 0)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_SET_VCPUS_FLAGS, s++, RemoteDomainSetVcpusFlagsArgs.CODEC,
                new RemoteDomainSetVcpusFlagsArgs(TEST, 2, 0)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_PIN_VCPU, s++, RemoteDomainPinVcpuArgs.CODEC,
                new RemoteDomainPinVcpuArgs(TEST, 0, new byte[] {3, 0})));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_DEFINE_XML, s++, RemoteDomainDefineXmlArgs.CODEC,
                new RemoteDomainDefineXmlArgs(LoadClient.xml("fuzz", 65536))));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_ATTACH_DEVICE_FLAGS, s++, RemoteDomainAttachDeviceFlagsArgs.CODEC,
                new RemoteDomainAttachDeviceFlagsArgs(TEST, "<disk type='file'><source file='/guest/x'/><target dev='vdb'/></disk>", 2)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, s++,
                RemoteConnectDomainEventCallbackRegisterAnyArgs.CODEC, new RemoteConnectDomainEventCallbackRegisterAnyArgs(0,
                        Optional.of(TEST))));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, s++,
                RemoteConnectDomainEventCallbackDeregisterAnyArgs.CODEC, new RemoteConnectDomainEventCallbackDeregisterAnyArgs(1)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_NODE_GET_INFO, s++, new byte[0]));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_NODE_GET_CELLS_FREE_MEMORY, s++, RemoteNodeGetCellsFreeMemoryArgs.CODEC,
                new RemoteNodeGetCellsFreeMemoryArgs(0, 2)));
        m.add(Message.call(RemoteProcedure.REMOTE_PROC_NETWORK_LOOKUP_BY_NAME, s++, RemoteNetworkLookupByNameArgs.CODEC,
                new RemoteNetworkLookupByNameArgs("default")));
        m.add(new Message(new VirNetMessageHeader(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION,
                KeepaliveProcedure.KEEPALIVE_PROC_PING.number(), VirNetMessageType.VIR_NET_MESSAGE, 0,
                VirNetMessageStatus.VIR_NET_OK), new byte[0]));
        return m.stream().map(Message::toFrame).toList();
    }

    /**
     * Whether any frame of {@code stream}, cut as the daemon cuts it, would call a procedure that writes
     * a file: such a stream is not sent (the daemon runs as the test's user, root on CI).
     */
    static boolean reachesFileWriters(byte[] stream) {
        FrameDecoder d = new FrameDecoder();
        ByteBuffer b = ByteBuffer.wrap(stream);
        try {
            for (Optional<byte[]> body = d.feed(b); body.isPresent(); body = d.feed(b)) {
                byte[] h = body.get();
                if (h.length >= 12 && WRITES_FILES.contains(ByteBuffer.wrap(h, 8, 4).getInt())) {
                    return true;
                }
            }
        } catch (FrameException e) {
            return false; // the daemon stops reading here too
        }
        return false;
    }
}
