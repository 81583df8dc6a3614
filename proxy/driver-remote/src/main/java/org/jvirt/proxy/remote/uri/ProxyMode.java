package org.jvirt.proxy.remote.uri;

import java.util.Locale;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/** libvirt's {@code ?proxy=}: what bridges ssh to the daemon's socket on the far side ({@code virNetClientProxy}). */
public enum ProxyMode {
    /** virt-ssh-helper where the far side has it, else netcat. */
    AUTO,
    /** {@code nc -U SOCKET}. */
    NETCAT,
    /** virt-ssh-helper alone. */
    NATIVE;

    /**
     * The mode {@code text} names, as libvirt's {@code virNetClientProxyTypeFromString}.
     *
     * @throws VirtException INVALID_ARG "Unknown proxy type '...'"
     */
    public static ProxyMode parse(String text) {
        for (ProxyMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(text)) {
                return m;
            }
        }
        throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE, "Unknown proxy type '" + text + "'", null);
    }
}
