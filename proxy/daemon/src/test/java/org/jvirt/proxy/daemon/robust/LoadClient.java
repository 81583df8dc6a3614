package org.jvirt.proxy.daemon.robust;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsArgs;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainCreateXmlArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainCreateXmlRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainDefineXmlArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainDefineXmlRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainDestroyArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetInfoArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetInfoRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetStateArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetStateRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetXmlDescArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetXmlDescRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainResumeArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainSetMemoryArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainSuspendArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainUndefineArgs;
import org.jvirt.proxy.protocol.remote.RemoteNodeGetInfoRet;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.XdrCodec;

/**
 * One client of the load test: a fixed number of calls over four lanes in flight at once — defining,
 * describing and undefining a domain of its own (two lanes), suspending, resuming and resizing a
 * running domain of its own, and reading what every client shares — each reply checked. It knows the
 * lifecycle events its calls must cause, domain by domain, in order.
 */
final class LoadClient {
    /** libvirt's lifecycle events and details, as "EVENT/DETAIL" (virDomainEventType and its details). */
    static final String DEFINED = "0/0";
    static final String UNDEFINED = "1/0";
    static final String STARTED = "2/0";
    static final String SUSPENDED = "3/0";
    static final String RESUMED = "4/0";
    static final String DESTROYED = "5/1";

    /** The calls outside the lanes: CONNECT_OPEN, DOMAIN_CREATE_XML, and DOMAIN_DESTROY at the end. */
    private static final int SETUP_CALLS = 3;
    private static final int DEFINE_CYCLE = 3;
    private static final int RUN_CYCLE = 5;

    private final WireClient client;
    private final int index;
    private final int defineCycles;
    private final int runCycles;
    private final int reads;
    private final AtomicInteger calls = new AtomicInteger();

    /** Client number {@code index} of the load, making {@code totalCalls} calls on {@code client} (not yet opened). */
    LoadClient(WireClient client, int index, int totalCalls) {
        this.client = client;
        this.index = index;
        int lanes = totalCalls - SETUP_CALLS;
        this.defineCycles = lanes / 4 / DEFINE_CYCLE;
        this.runCycles = lanes / 4 / RUN_CYCLE;
        this.reads = lanes - 2 * defineCycles * DEFINE_CYCLE - runCycles * RUN_CYCLE;
    }

    static String xml(String name, long memoryKiB) {
        return "<domain type='test'><name>" + name + "</name><memory unit='KiB'>" + memoryKiB
                + "</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";
    }

    private String name(String role) {
        return "load-" + index + "-" + role;
    }

    /** Opens, runs every lane, destroys its running domain; completes when all its calls are answered and checked. */
    CompletableFuture<Void> run() {
        return call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs.CODEC,
                new org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs(java.util.Optional.of("test:///default"), 0), null)
                .thenCompose(v -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_CREATE_XML, RemoteDomainCreateXmlArgs.CODEC,
                        new RemoteDomainCreateXmlArgs(xml(name("run"), 131072), 0), RemoteDomainCreateXmlRet.CODEC))
                .thenCompose(created -> {
                    RemoteNonnullDomain run = created.dom();
                    return CompletableFuture.allOf(defineLane("a"), defineLane("b"), runLane(run), readLane())
                            .thenCompose(v -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_DESTROY, RemoteDomainDestroyArgs.CODEC,
                                    new RemoteDomainDestroyArgs(run), null));
                })
                .thenApply(v -> null);
    }

    /** How many calls were answered. */
    int calls() {
        return calls.get();
    }

    /** The lifecycle events this client's calls cause, by domain name, in the order they must arrive. */
    Map<String, List<String>> expectedEvents() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String role : new String[] {"a", "b"}) {
            List<String> e = new ArrayList<>();
            for (int i = 0; i < defineCycles; i++) {
                e.add(DEFINED);
                e.add(UNDEFINED);
            }
            m.put(name(role), e);
        }
        List<String> run = new ArrayList<>();
        run.add(STARTED);
        for (int i = 0; i < runCycles; i++) {
            run.add(SUSPENDED);
            run.add(RESUMED);
        }
        run.add(DESTROYED);
        m.put(name("run"), run);
        return m;
    }

    private CompletableFuture<Void> defineLane(String role) {
        String name = name(role);
        return Lanes.repeat(defineCycles, i -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_DEFINE_XML, RemoteDomainDefineXmlArgs.CODEC,
                new RemoteDomainDefineXmlArgs(xml(name, 65536 + i)), RemoteDomainDefineXmlRet.CODEC)
                .thenCompose(defined -> {
                    RemoteNonnullDomain dom = expect(defined.dom(), d -> d.name().equals(name), "the domain defined");
                    CompletableFuture<?> look = role.equals("a")
                            ? call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC, RemoteDomainGetXmlDescArgs.CODEC,
                                    new RemoteDomainGetXmlDescArgs(dom, 0), RemoteDomainGetXmlDescRet.CODEC)
                                    .thenApply(x -> expect(x.xml(), s -> s.contains("<name>" + name + "</name>")
                                            && s.contains(">" + (65536 + i) + "</memory>"), "its XML"))
                            : call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_INFO, RemoteDomainGetInfoArgs.CODEC,
                                    new RemoteDomainGetInfoArgs(dom), RemoteDomainGetInfoRet.CODEC)
                                    .thenApply(info -> expect(info, n -> n.state() == 5 && n.maxMem() == 65536 + i, "its info"));
                    return look.thenCompose(v -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_UNDEFINE, RemoteDomainUndefineArgs.CODEC,
                            new RemoteDomainUndefineArgs(dom), null));
                }));
    }

    private CompletableFuture<Void> runLane(RemoteNonnullDomain run) {
        return Lanes.repeat(runCycles, i -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_SUSPEND, RemoteDomainSuspendArgs.CODEC,
                new RemoteDomainSuspendArgs(run), null)
                .thenCompose(v -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_STATE, RemoteDomainGetStateArgs.CODEC,
                        new RemoteDomainGetStateArgs(run, 0), RemoteDomainGetStateRet.CODEC))
                .thenApply(s -> expect(s, st -> st.state() == 3, "paused"))
                .thenCompose(v -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_RESUME, RemoteDomainResumeArgs.CODEC,
                        new RemoteDomainResumeArgs(run), null))
                .thenCompose(v -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_SET_MEMORY, RemoteDomainSetMemoryArgs.CODEC,
                        new RemoteDomainSetMemoryArgs(run, 65536 + i), null))
                .thenCompose(v -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_INFO, RemoteDomainGetInfoArgs.CODEC,
                        new RemoteDomainGetInfoArgs(run), RemoteDomainGetInfoRet.CODEC))
                .thenApply(info -> expect(info, n -> n.state() == 1 && n.memory() == 65536 + i, "running with its new memory")));
    }

    private CompletableFuture<Void> readLane() {
        RemoteNonnullDomain[] test = new RemoteNonnullDomain[1];
        return Lanes.repeat(reads, i -> switch (i % 6) {
            case 0 -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME, RemoteDomainLookupByNameArgs.CODEC,
                    new RemoteDomainLookupByNameArgs("test"), RemoteDomainLookupByNameRet.CODEC)
                    .thenApply(r -> test[0] = expect(r.dom(), d -> d.name().equals("test") && d.id() == 1, "test"));
            case 1 -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_INFO, RemoteDomainGetInfoArgs.CODEC,
                    new RemoteDomainGetInfoArgs(test[0]), RemoteDomainGetInfoRet.CODEC)
                    .thenApply(info -> expect(info, n -> n.state() == 1 && n.maxMem() == 8388608L, "test's info"));
            case 2 -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC, RemoteDomainGetXmlDescArgs.CODEC,
                    new RemoteDomainGetXmlDescArgs(test[0], 0), RemoteDomainGetXmlDescRet.CODEC)
                    .thenApply(x -> expect(x.xml(), s -> s.contains("<name>test</name>"), "test's XML"));
            case 3 -> call(RemoteProcedure.REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, RemoteConnectListAllDomainsArgs.CODEC,
                    new RemoteConnectListAllDomainsArgs(1, 0), RemoteConnectListAllDomainsRet.CODEC)
                    .thenApply(all -> expect(all, a -> a.domains().stream().anyMatch(d -> d.name().equals("test"))
                            && a.domains().stream().anyMatch(d -> d.name().equals(name("run"))), "every domain listed"));
            case 4 -> call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_STATE, RemoteDomainGetStateArgs.CODEC,
                    new RemoteDomainGetStateArgs(test[0], 0), RemoteDomainGetStateRet.CODEC)
                    .thenApply(s -> expect(s, st -> st.state() == 1, "test running"));
            default -> callNoArgs(RemoteProcedure.REMOTE_PROC_NODE_GET_INFO, RemoteNodeGetInfoRet.CODEC)
                    .thenApply(n -> expect(n, node -> node.cpus() == 16, "the node's info"));
        });
    }

    private <A, R> CompletableFuture<R> call(RemoteProcedure p, XdrCodec<A> args, A value, XdrCodec<R> ret) {
        return answered(p, client.call(p, args, value), ret);
    }

    private <R> CompletableFuture<R> callNoArgs(RemoteProcedure p, XdrCodec<R> ret) {
        return answered(p, client.call(p, new byte[0]), ret);
    }

    private <R> CompletableFuture<R> answered(RemoteProcedure p, CompletableFuture<Message> reply, XdrCodec<R> ret) {
        return reply.thenApply(m -> {
            calls.incrementAndGet();
            try {
                if (ret == null) {
                    Replies.ok(m);
                    return null;
                }
                return Replies.ok(m, ret);
            } catch (AssertionError e) {
                throw new CompletionException(new AssertionError("client " + index + ", " + p.constantName() + ": "
                        + e.getMessage(), e));
            }
        });
    }

    private <T> T expect(T value, java.util.function.Predicate<T> ok, String what) {
        if (!ok.test(value)) {
            throw new CompletionException(new AssertionError("client " + index + ": not " + what + ": " + value));
        }
        return value;
    }
}
