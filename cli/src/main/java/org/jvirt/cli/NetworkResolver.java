package org.jvirt.cli;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Network;
import org.jvirt.api.VirtException;

/**
 * Finds the network a command argument names, as virsh's {@code virshCommandOptNetworkBy}: by UUID
 * when the text is 36 characters long, else (or then) by name, each only if the command allows it.
 * Unlike domains, virsh keeps the library's error here, so a failure prints two lines:
 * {@code failed to get network 'X'} and the last lookup's own message (only the first when no lookup
 * was tried, as {@code net-name default}).
 */
final class NetworkResolver {
    /** The ways a command lets its argument name a network. */
    enum By { UUID, NAME }

    private final Connection connection;
    private final Output debug;

    NetworkResolver(Connection connection) {
        this(connection, null);
    }

    NetworkResolver(Connection connection, Output debug) {
        this.connection = connection;
        this.debug = debug;
    }

    /** The network the command's {@code --network} option names, by UUID or name. */
    Network fromOption(ParsedCommand command) {
        return fromOption(command, EnumSet.allOf(By.class));
    }

    /** The network the command's {@code --network} option names, looked up as {@code ways} allow. */
    Network fromOption(ParsedCommand command, Set<By> ways) {
        String text = command.requiredString("network");
        debug(Output.INFO, command.name() + ": found option <network>: " + text);
        return lookup(command.name() + ": <network>", text, ways);
    }

    /** @throws CommandError when neither lookup finds it */
    Network lookup(String text) {
        return lookup(null, text, EnumSet.allOf(By.class));
    }

    private Network lookup(String what, String text, Set<By> ways) {
        VirtException last = null;
        if (ways.contains(By.UUID) && text.length() == VirshUuid.STRING_LENGTH) {
            debug(Output.DEBUG, what == null ? null : what + " trying as network UUID");
            UUID uuid = VirshUuid.parse(text);
            try {
                if (uuid == null) {
                    return connection.networkByUuidString(text); // fails as libvirt words a malformed UUID
                }
                return connection.networkByUuid(uuid);
            } catch (VirtException e) {
                last = e;
            }
        }
        if (ways.contains(By.NAME)) {
            debug(Output.DEBUG, what == null ? null : what + " trying as network NAME");
            try {
                return connection.networkByName(text);
            } catch (VirtException e) {
                last = e;
            }
        }
        if (last == null) {
            throw new CommandError("failed to get network '" + text + "'");
        }
        throw new CommandError("failed to get network '" + text + "'", last);
    }

    private void debug(int level, String line) {
        if (debug != null && line != null) {
            debug.debug(level, line);
        }
    }
}
