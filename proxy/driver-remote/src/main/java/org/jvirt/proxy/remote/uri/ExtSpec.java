package org.jvirt.proxy.remote.uri;

import java.util.List;
import java.util.Objects;
import org.jvirt.proxy.remote.transport.CommandTransport;
import org.jvirt.proxy.remote.transport.Transport;

/**
 * libvirt's {@code ext} transport: the program {@code ?command=} names, run without arguments (libvirt's
 * {@code virNetClientNewExternal}: the value is the program, not a shell line), speaking the protocol on its
 * standard input and output.
 *
 * @param command the program
 */
public record ExtSpec(String command) implements RemoteTarget.TransportSpec {
    public ExtSpec {
        Objects.requireNonNull(command, "command");
    }

    @Override
    public Transport open() {
        return CommandTransport.start(List.of(command), List.of(), describe());
    }

    @Override
    public String describe() {
        return "command " + command;
    }
}
