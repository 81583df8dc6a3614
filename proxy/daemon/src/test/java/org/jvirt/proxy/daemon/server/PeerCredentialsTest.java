package org.jvirt.proxy.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.RpcClient;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/** The daemon logs who connects, from the kernel's credentials of the peer (SO_PEERCRED), and on which socket. */
class PeerCredentialsTest {
    @Test
    void theLogNamesThePeerFromTheKernel(@TempDir Path dir) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters() == null ? new Object[0] : r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(ClientSession.class.getName());
        log.addHandler(capture);
        try (RunningJvirtd d = RunningJvirtd.start(dir); RpcClient ro = new RpcClient(d.readOnlySocket())) {
            ro.call(RemoteProcedure.REMOTE_PROC_AUTH_LIST, new byte[0]);
            String me = System.getProperty("user.name");
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("connected (uid " + me + " gid ").contains("read-only socket"));
        } finally {
            log.removeHandler(capture);
        }
    }
}
