package org.jvirt.proxy.remote.uri;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The command ssh runs on the far side to bridge its standard input and output to the daemon's unix socket:
 * libvirt's ({@code virNetClientSSHHelperCommand}, byte for byte), with jvirt's own helper as a fallback.
 *
 * <p>libvirt's choice, by proxy mode: AUTO runs {@code virt-ssh-helper [-r] URI} where the far side has it, else
 * {@code nc -U SOCKET}; NATIVE runs virt-ssh-helper alone; NETCAT (a {@code ?socket=} or {@code ?netcat=} was given)
 * runs netcat alone. The URI is quoted twice (ssh's login shell, then {@code sh -c}); the socket is not quoted at
 * all, as in libvirt.
 *
 * <p>jvirt's order ({@link #jvirt()}): libvirt's first choice when the far side has it — virt-ssh-helper, or
 * {@code nc} for an explicit socket — else {@code jvirt-ssh-helper} (jvirtd hosts without libvirt) when the far side
 * has that, else libvirt's command unchanged, whose failure ("sh: 1: nc: not found") is then ssh's message. So a
 * libvirt host sees exactly what virsh would run, and a far side with neither helper nor netcat fails as with virsh.
 * A netcat named by {@code ?netcat=} or {@code ?proxy=netcat} is run as asked, without the fallback.
 *
 * @param proxy the proxy mode as libvirt's {@code doRemoteOpen} chose it (before a netcat path turns AUTO to NETCAT)
 * @param netcat the {@code ?netcat=} path, or null for {@code nc}
 * @param socket the daemon's socket on the far side, for netcat
 * @param daemonUri the URI the daemon opens, for the helpers
 * @param readOnly whether the helpers connect to the read-only socket
 * @param netcatAsked whether {@code ?proxy=netcat} was given: then no fallback
 */
public record FarSideCommand(ProxyMode proxy, String netcat, String socket, String daemonUri, boolean readOnly,
                             boolean netcatAsked) {
    /** jvirt's helper, which the far side finds on its PATH (the launcher at the root of jvirt's tree). */
    public static final String JVIRT_HELPER = "jvirt-ssh-helper";
    private static final String SHELL_METACHARACTERS = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~";

    /**
     * Checks the combination as libvirt does.
     *
     * @throws VirtException INVALID_ARG for a netcat path with the native proxy
     */
    public FarSideCommand {
        if (proxy == ProxyMode.NATIVE && netcat != null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                    "netcat path not valid with native proxy mode", null);
        }
    }

    /** The mode in effect: a netcat path makes AUTO netcat. */
    ProxyMode effective() {
        return proxy == ProxyMode.AUTO && netcat != null ? ProxyMode.NETCAT : proxy;
    }

    /** Exactly what libvirt 9's ssh transport runs, e.g. {@code sh -c 'which virt-ssh-helper ...'}. */
    public String libvirt() {
        return "sh -c '" + libvirtScript() + "'";
    }

    /** What jvirt runs: {@link #libvirt()}, behind jvirt's helper where libvirt's first choice is missing. */
    public String jvirt() {
        ProxyMode mode = effective();
        if (netcat != null || mode == ProxyMode.NETCAT && netcatAsked) {
            return libvirt();
        }
        String missing;
        String helper;
        if (mode == ProxyMode.NETCAT) {
            missing = "nc";
            helper = JVIRT_HELPER + " --socket '" + twice(socket) + "'";
        } else {
            missing = "virt-ssh-helper";
            helper = JVIRT_HELPER + (readOnly ? " -r " : " ") + "'" + twice(daemonUri) + "'";
        }
        return "sh -c 'if ! which " + missing + " >/dev/null 2>&1 && command -v " + JVIRT_HELPER
                + " >/dev/null 2>&1; then " + helper + "; else " + libvirtScript() + "; fi'";
    }

    private String libvirtScript() {
        String nc = twice(netcat != null ? netcat : "nc");
        String nccmd = "if '" + nc + "' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;"
                + "else ARG=;fi;'" + nc + "' $ARG -U " + socket;
        String helpercmd = "virt-ssh-helper" + (readOnly ? " -r " : " ") + "'" + twice(daemonUri) + "'";
        return switch (effective()) {
            case AUTO -> "which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     " + helpercmd
                    + "; else    " + nccmd + "; fi";
            case NETCAT -> nccmd;
            case NATIVE -> helpercmd;
        };
    }

    /** libvirt's {@code virNetClientDoubleEscapeShell}: quoted for ssh's login shell, then for {@code sh -c}. */
    static String twice(String s) {
        return shellQuote(shellQuote(s));
    }

    /** libvirt's {@code virBufferEscapeShell}: as it is without metacharacters, else single-quoted. */
    static String shellQuote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            plain = SHELL_METACHARACTERS.indexOf(s.charAt(i)) < 0;
        }
        return plain ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
