package org.jvirt.proxy.remote.uri;

import java.util.Locale;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/** libvirt's {@code ?mode=}: which daemon's socket a unix connection takes by default. */
enum RemoteMode {
    /** The per-driver daemon's socket when it exists, else libvirtd's. */
    AUTO,
    /** The monolithic libvirtd's socket ({@code libvirt-sock}). */
    LEGACY,
    /** The per-driver daemon's socket, e.g. {@code virtqemud-sock}. */
    DIRECT;

    /**
     * The mode {@code text} names, as libvirt's {@code remoteDriverModeTypeFromString} (exact, lower case).
     *
     * @throws VirtException INVALID_ARG "Unknown remote mode '...'"
     */
    static RemoteMode parse(String text) {
        for (RemoteMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(text)) {
                return m;
            }
        }
        throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE, "Unknown remote mode '" + text + "'", null);
    }
}
