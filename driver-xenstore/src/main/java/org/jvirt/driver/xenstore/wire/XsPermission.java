package org.jvirt.driver.xenstore.wire;

import java.util.Objects;
import org.jvirt.api.ErrorCode;

/**
 * One entry of a node's permissions as xenstored writes them: a letter and a domain id, such as
 * {@code r5}. The first entry names the owner (who may do anything) and what every domain not listed
 * may do; later entries grant a listed domain {@code access}.
 *
 * @param access what the domain may do
 * @param domid the domain, 0 to 65535
 */
public record XsPermission(Access access, int domid) {
    /** XS_PERM_NONE, _READ, _WRITE and both, as their letters {@code n r w b}. */
    public enum Access {
        NONE('n'), READ('r'), WRITE('w'), BOTH('b');

        private final char letter;

        Access(char letter) {
            this.letter = letter;
        }

        /** The letter xenstored uses. */
        public char letter() {
            return letter;
        }
    }

    public XsPermission {
        Objects.requireNonNull(access, "access");
        if (domid < 0 || domid > 0xffff) {
            throw XenstoreException.of(ErrorCode.INVALID_ARG, "a domain id is 0 to 65535, not " + domid, null, null,
                    null);
        }
    }

    /**
     * Reads an entry as xenstored writes it.
     *
     * @throws XenstoreException RPC when {@code text} is no permission (xenstored never sends such)
     */
    public static XsPermission parse(String text) {
        if (text.length() >= 2) {
            for (Access a : Access.values()) {
                if (a.letter == text.charAt(0)) {
                    try {
                        return new XsPermission(a, Integer.parseInt(text.substring(1)));
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        throw XenstoreException.of(ErrorCode.RPC, "xenstored sent '" + text + "' as a permission", null,
                XsType.GET_PERMS, null);
    }

    /** As xenstored writes it, e.g. {@code b0}. */
    @Override
    public String toString() {
        return access.letter + Integer.toString(domid);
    }
}
