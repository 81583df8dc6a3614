package org.jvirt.proxy.remote.uri;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.remote.rpc.RpcChannel;

/**
 * The query parameters the remote driver takes for itself, as libvirt's {@code doRemoteOpen} takes them (names
 * in any case, the last of a name winning), and the rest, which travel to the daemon in their order.
 *
 * <p>libvirt's: {@code name command socket auth sshauth netcat keyfile pkipath known_hosts known_hosts_verify
 * tls_priority mode proxy no_sanity no_verify no_tty authfile}. Those of TLS and libssh (and {@code auth},
 * {@code authfile}) are taken and have no effect in jvirt. jvirt's own, for the channel (libvirt's client reads
 * the keepalive pair from libvirt.conf, which jvirt does not read):
 * <ul>
 *   <li>{@code call_timeout=SECONDS}: how long one call may wait for its reply before the connection is given up
 *       (default 120);</li>
 *   <li>{@code keepalive_interval=SECONDS}: silence from the daemon after which a ping is sent (default 5; 0 or
 *       -1 turns keepalive off, as libvirt.conf's -1);</li>
 *   <li>{@code keepalive_count=N}: pings left unanswered before the connection is closed (default 5, at least
 *       1).</li>
 * </ul>
 *
 * @param values the remote driver's parameters (the last of each name, as written) by lower-case name
 * @param forwarded the others, in order, for the daemon's URI
 */
record RemoteParams(Map<String, RemoteUri.Param> values, List<RemoteUri.Param> forwarded) {
    /** libvirt's string parameters. */
    private static final Set<String> LIBVIRT_STRINGS = Set.of("name", "command", "socket", "auth", "sshauth", "netcat",
            "keyfile", "pkipath", "known_hosts", "known_hosts_verify", "tls_priority", "mode", "proxy", "authfile");
    /** libvirt's boolean parameters: an integer, non-zero meaning yes. */
    private static final Set<String> LIBVIRT_BOOLEANS = Set.of("no_sanity", "no_verify", "no_tty");
    /** jvirt's parameters of the channel. */
    static final Set<String> JVIRT_SETTINGS = Set.of("call_timeout", "keepalive_interval", "keepalive_count");

    /**
     * Takes the remote driver's parameters out of {@code params}.
     *
     * @throws VirtException INVALID_ARG naming a boolean parameter that is not an integer
     */
    static RemoteParams of(List<RemoteUri.Param> params) {
        Map<String, RemoteUri.Param> values = new HashMap<>();
        List<RemoteUri.Param> forwarded = new ArrayList<>();
        for (RemoteUri.Param p : params) {
            String key = p.name().toLowerCase(Locale.ROOT);
            if (LIBVIRT_BOOLEANS.contains(key)) {
                parseInt(p.name(), p.value());
            }
            if (LIBVIRT_STRINGS.contains(key) || LIBVIRT_BOOLEANS.contains(key) || JVIRT_SETTINGS.contains(key)) {
                values.put(key, p);
            } else {
                forwarded.add(p);
            }
        }
        return new RemoteParams(Map.copyOf(values), List.copyOf(forwarded));
    }

    /** The value of the string parameter {@code key}, or null. */
    String get(String key) {
        RemoteUri.Param p = values.get(key);
        return p == null ? null : p.value();
    }

    /** Whether the boolean parameter {@code key} (e.g. {@code no_verify}) is given and not 0. */
    boolean flag(String key) {
        RemoteUri.Param p = values.get(key);
        return p != null && parseInt(p.name(), p.value()) != 0;
    }

    /**
     * The channel's settings: jvirt's parameters over {@link RpcChannel.Settings#DEFAULTS}.
     *
     * @throws VirtException INVALID_ARG naming a parameter out of range or not an integer
     */
    RpcChannel.Settings settings() {
        RpcChannel.Settings d = RpcChannel.Settings.DEFAULTS;
        Duration call = d.callTimeout();
        Duration interval = d.keepaliveInterval();
        int count = d.keepaliveCount();
        if (values.containsKey("call_timeout")) {
            call = Duration.ofSeconds(atLeast("call_timeout", 1));
        }
        if (values.containsKey("keepalive_interval")) {
            int s = atLeast("keepalive_interval", -1);
            interval = Duration.ofSeconds(Math.max(0, s));
        }
        if (values.containsKey("keepalive_count")) {
            count = atLeast("keepalive_count", 1);
        }
        return new RpcChannel.Settings(call, interval, count);
    }

    private int atLeast(String key, int min) {
        RemoteUri.Param p = values.get(key);
        int v = parseInt(p.name(), p.value());
        if (v < min) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE, "Failed to parse value of URI component "
                    + p.name() + ": " + v + " is below " + min, null);
        }
        return v;
    }

    /**
     * libvirt's {@code virStrToLong_i} on the whole value: optional leading white space and sign, then digits.
     *
     * @throws VirtException INVALID_ARG "Failed to parse value of URI component NAME", as libvirt words it
     */
    static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.stripLeading());
        } catch (NumberFormatException e) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                    "Failed to parse value of URI component " + name, null);
        }
    }
}
