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

    DomainResolver(Connection connection) {
        this.connection = connection;
    }

    /** The domain the command's {@code --domain} option names. */
    Domain fromOption(ParsedCommand command, Set<By> ways) {
        return lookup(command.requiredString("domain"), ways);
    }

    /** The domain the command's {@code --domain} option names, by id, UUID or name. */
    Domain fromOption(ParsedCommand command) {
        return fromOption(command, ANY);
    }

    /**
     * @throws CommandError {@code failed to get domain 'TEXT'} when no allowed way finds one
     */
    Domain lookup(String text, Set<By> ways) {
        Domain found = null;
        if (ways.contains(By.ID)) {
            Integer id = parseId(text);
            if (id != null && id >= 0) {
                found = quietly(() -> connection.domainById(id));
            }
        }
        if (found == null && ways.contains(By.UUID) && text.length() == VirshUuid.STRING_LENGTH) {
            UUID uuid = VirshUuid.parse(text);
            if (uuid != null) {
                found = quietly(() -> connection.domainByUuid(uuid));
            }
        }
        if (found == null && ways.contains(By.NAME)) {
            found = quietly(() -> connection.domainByName(text));
        }
        if (found == null) {
            throw new CommandError("failed to get domain '" + text + "'");
        }
        return found;
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
        int i = 0;
        while (i < text.length() && VirshNumbers.isCSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int start = i;
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > Integer.MAX_VALUE + 1L) {
                return null;
            }
            i++;
        }
        if (i == start || i != text.length()) {
            return null;
        }
        value = negative ? -value : value;
        if (value > Integer.MAX_VALUE) {
            return null;
        }
        return (int) value;
    }
}
