package org.jvirt.proxy.remote.uri;

import java.util.Objects;
import org.jvirt.proxy.remote.transport.SshTransport;
import org.jvirt.proxy.remote.transport.Transport;

/**
 * A daemon on the far side of ssh.
 *
 * @param ssh the ssh client's command line
 * @param command what the far side runs to reach the daemon ({@code ssh}'s last argument is its {@code jvirt()})
 */
public record SshSpec(SshTransport ssh, FarSideCommand command) implements RemoteTarget.TransportSpec {
    public SshSpec {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(command, "command");
    }

    @Override
    public Transport open() {
        return ssh.open();
    }

    @Override
    public String describe() {
        return ssh.describe();
    }
}
