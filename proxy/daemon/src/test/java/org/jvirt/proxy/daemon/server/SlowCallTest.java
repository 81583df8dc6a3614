package org.jvirt.proxy.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.daemon.dispatch.ConnectionFactory;
import org.jvirt.proxy.protocol.FrameReader;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.RpcClient;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetInfoArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainSaveArgs;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * A slow call holds up nothing else: while one client's save is stuck in the driver, other clients are
 * answered, and so is the same client's next call, sent on the same connection behind it (libvirt's
 * clients may have several calls in flight and match replies by serial), whose reply overtakes the save's.
 * A save that blocks until the test lets it go stands for a slow one, without any timing in the test.
 */
class SlowCallTest {
    private final CountDownLatch saveEntered = new CountDownLatch(1);
    private final CountDownLatch releaseSave = new CountDownLatch(1);

    @Test
    void aSlowSaveBlocksNeitherItsConnectionNorOtherClients(@TempDir Path dir) throws Exception {
        AbstractModule slowSaves = new AbstractModule() {
            @Override
            protected void configure() {
                bind(ConnectionFactory.class).toInstance((uri, ro) -> slowSaving(Jvirt.builder().uri(uri).readOnly(ro).open()));
            }
        };
        try (RunningJvirtd d = RunningJvirtd.start(dir, slowSaves);
             SocketChannel saver = SocketChannel.open(StandardProtocolFamily.UNIX);
             RpcClient other = new RpcClient(d.socket())) {
            saver.connect(UnixDomainSocketAddress.of(d.socket()));
            FrameReader replies = new FrameReader(saver);
            Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, 0, RemoteConnectOpenArgs.CODEC,
                    new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)).writeTo(saver);
            assertThat(replies.next().orElseThrow().header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
            RemoteNonnullDomain test = open(other);

            Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_SAVE, 1, RemoteDomainSaveArgs.CODEC,
                    new RemoteDomainSaveArgs(test, dir.resolve("test.save").toString())).writeTo(saver);
            assertThat(saveEntered.await(30, TimeUnit.SECONDS)).as("the save reached the driver").isTrue();

            // another client is answered while the save waits
            Message info = other.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_INFO,
                    RemoteDomainGetInfoArgs.CODEC.toBytes(new RemoteDomainGetInfoArgs(test)));
            assertThat(info.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);

            // and so is the saving client's own next call, sent behind the save on the same connection:
            // its reply comes first
            Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_INFO, 2, RemoteDomainGetInfoArgs.CODEC,
                    new RemoteDomainGetInfoArgs(test)).writeTo(saver);
            Message first = replies.next().orElseThrow();
            assertThat(first.header().serial()).isEqualTo(2);
            assertThat(first.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
            assertThat(saveEntered.getCount()).isZero();

            releaseSave.countDown();
            Message saved = replies.next().orElseThrow();
            assertThat(saved.header().serial()).isEqualTo(1);
            assertThat(saved.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
        } finally {
            releaseSave.countDown();
        }
    }

    private static RemoteNonnullDomain open(RpcClient c) throws Exception {
        c.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN,
                RemoteConnectOpenArgs.CODEC.toBytes(new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)));
        return c.call(RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME,
                RemoteDomainLookupByNameArgs.CODEC.toBytes(new RemoteDomainLookupByNameArgs("test")))
                .payload(RemoteDomainLookupByNameRet.CODEC).dom();
    }

    /** {@code real}, whose domains' saves wait for the test to release them. */
    private Connection slowSaving(Connection real) {
        InvocationHandler domains = (proxy, m, args) -> invoke(real, m, args, true);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, domains);
    }

    private Object invoke(Object target, java.lang.reflect.Method m, Object[] args, boolean wrapDomains) throws Throwable {
        if (m.getName().equals("save") && target instanceof Domain) {
            saveEntered.countDown();
            releaseSave.await();
        }
        Object result;
        try {
            result = m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (wrapDomains && result instanceof Domain dom) {
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Domain.class},
                    (p, dm, dargs) -> invoke(dom, dm, dargs, false));
        }
        return result;
    }
}
