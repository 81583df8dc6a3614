package org.jvirt.cli;

import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Network;
import org.jvirt.api.VirtException;

/**
 * Finds the network a command argument names, as virsh's {@code virshCommandOptNetworkBy}: by UUID
 * when the text is 36 characters long, else (or then) by name. Unlike domains, virsh keeps the
 * library's error here, so a failure prints two lines: {@code failed to get network 'X'} and the
 * lookup's own message.
 */
final class NetworkResolver {
    private final Connection connection;

    NetworkResolver(Connection connection) {
        this.connection = connection;
    }

    /** The network the command's {@code --network} option names. */
    Network fromOption(ParsedCommand command) {
        return lookup(command.requiredString("network"));
    }

    /** @throws CommandError when neither lookup finds it */
    Network lookup(String text) {
        VirtException last = null;
        if (text.length() == VirshUuid.STRING_LENGTH) {
            UUID uuid = VirshUuid.parse(text);
            if (uuid != null) {
                try {
                    return connection.networkByUuid(uuid);
                } catch (VirtException e) {
                    last = e;
                }
            }
        }
        try {
            return connection.networkByName(text);
        } catch (VirtException e) {
            last = e;
        }
        throw new CommandError("failed to get network '" + text + "'", last);
    }
}
