package org.jvirt.cli;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.VirtException;

/**
 * Finds the domain a command argument names, exactly as virsh's {@code virshLookupDomainBy}: first as
 * an id (a decimal that fits an int and is not negative), then as a UUID (only if the text is 36
 * characters long), then as a name, each only if the command allows it. A failed lookup says
 * {@code failed to get domain 'TEXT'} and nothing else: virsh discards the library's error there.
 */
final class DomainResolver {
    /** The ways a command lets its argument name a domain. */
    enum By { ID, UUID, NAME }

    /** What most commands accept: "domain name, id or uuid". */
    static final Set<By> ANY = EnumSet.allOf(By.class);

    private final Connection connection;
    private final Output debug;

    DomainResolver(Connection connection) {
        this(connection, null);
    }

    /** @param debug where the lookup's debug lines go ({@code -d}), or null */
    DomainResolver(Connection connection, Output debug) {
        this.connection = connection;
        this.debug = debug;
    }

    /** The domain the command's {@code --domain} option names. */
    Domain fromOption(ParsedCommand command, Set<By> ways) {
        return fromOption(command, "domain", ways);
    }

    /** The domain the command's {@code --domain} option names, by id, UUID or name. */
    Domain fromOption(ParsedCommand command) {
        return fromOption(command, ANY);
    }

    /** The domain the command's option {@code option} names. */
    Domain fromOption(ParsedCommand command, String option, Set<By> ways) {
        String text = command.requiredString(option);
        if (debug != null) {
            debug.debug(Output.INFO, command.name() + ": found option <" + option + ">: " + text);
        }
        return lookup(command.name() + ": <" + option + ">", text, ways);
    }

    /**
     * @throws CommandError {@code failed to get domain 'TEXT'} when no allowed way finds one
     */
    Domain lookup(String text, Set<By> ways) {
        return lookup(null, text, ways);
    }

    private Domain lookup(String what, String text, Set<By> ways) {
        Domain found = null;
        if (ways.contains(By.ID)) {
            Integer id = VirshNumbers.parseInt(text);
            if (id != null && id >= 0) {
                debug(what, " looks like ID");
                found = quietly(() -> connection.domainById(id));
            }
        }
        if (found == null && ways.contains(By.UUID) && text.length() == VirshUuid.STRING_LENGTH) {
            debug(what, " trying as domain UUID");
            UUID uuid = VirshUuid.parse(text);
            if (uuid != null) {
                found = quietly(() -> connection.domainByUuid(uuid));
            }
        }
        if (found == null && ways.contains(By.NAME)) {
            debug(what, " trying as domain NAME");
            found = quietly(() -> connection.domainByName(text));
        }
        if (found == null) {
            throw new CommandError("failed to get domain '" + text + "'");
        }
        return found;
    }

    /** virsh's DEBUG-level line naming the way a lookup is tried; {@code what} is null outside a command. */
    private void debug(String what, String how) {
        if (debug != null && what != null) {
            debug.debug(Output.DEBUG, what + how);
        }
    }

    private interface Lookup {
        Domain find();
    }

    private static Domain quietly(Lookup lookup) {
        try {
            return lookup.find();
        } catch (VirtException e) {
            return null;
        }
    }

    /** {@code virStrToLong_i} with base 10: blanks, a sign, digits, nothing after; null otherwise. */
    static Integer parseId(String text) {
        return VirshNumbers.parseInt(text);
    }
}
