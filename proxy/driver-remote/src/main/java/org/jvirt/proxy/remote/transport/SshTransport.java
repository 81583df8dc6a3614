package org.jvirt.proxy.remote.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * libvirt's ssh transport: the system's {@code ssh} client, run as libvirt's {@code virNetSocketNewConnectSSH}
 * runs it, with a command for the far side that bridges to the daemon's unix socket. The argument vector is
 * libvirt's, in its order:
 * <pre>
 * ssh [-p PORT] [-l USER] [-i KEYFILE] -T -e none [-o BatchMode=yes] [-o StrictHostKeyChecking=no] -- HOST COMMAND
 * </pre>
 * {@code -T}: no terminal on the far side (the stream carries binary frames); {@code -e none}: no escape
 * character; {@code BatchMode} with {@code ?no_tty=1} (never ask for a password or a host key, fail instead);
 * {@code StrictHostKeyChecking=no} with {@code ?no_verify=1}.
 *
 * @param binary the ssh client, {@code ssh} from the PATH unless {@code ?command=} names another
 * @param host the host, {@code localhost} when the URI has none
 * @param port the port as written in the URI, or null for ssh's own default
 * @param user the user, or null for ssh's own default
 * @param keyfile the private key, or null
 * @param noTty whether ssh runs in batch mode
 * @param noVerify whether the host key goes unchecked
 * @param farSideCommand what the far side runs, e.g. {@code sh -c 'which virt-ssh-helper ...'}
 */
public record SshTransport(String binary, String host, String port, String user, String keyfile, boolean noTty,
                           boolean noVerify, String farSideCommand) {
    /** The variables libvirt passes to ssh besides its common ones (agent, askpass, Kerberos, X display). */
    static final List<String> PASSED_ENVIRONMENT = List.of("XDG_RUNTIME_DIR", "KRB5CCNAME", "SSH_AUTH_SOCK",
            "SSH_ASKPASS", "OPENSSL_CONF", "DISPLAY", "XAUTHORITY");

    public SshTransport {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(farSideCommand, "farSideCommand");
    }

    /** The whole command line, {@code binary} first. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of(binary));
        if (port != null) {
            argv.addAll(List.of("-p", port));
        }
        if (user != null) {
            argv.addAll(List.of("-l", user));
        }
        if (keyfile != null) {
            argv.addAll(List.of("-i", keyfile));
        }
        argv.addAll(List.of("-T", "-e", "none"));
        if (noTty) {
            argv.addAll(List.of("-o", "BatchMode=yes"));
        }
        if (noVerify) {
            argv.addAll(List.of("-o", "StrictHostKeyChecking=no"));
        }
        argv.addAll(List.of("--", host, farSideCommand));
        return argv;
    }

    /** What it reaches, for messages: {@code ssh root@host:2222}. */
    public String describe() {
        return "ssh " + (user != null ? user + "@" : "") + host + (port != null ? ":" + port : "");
    }

    /**
     * Starts ssh.
     *
     * @throws org.jvirt.api.VirtException SYSTEM_ERROR when the client cannot be started; ssh's own failures
     *     (host unknown, authentication refused, nothing to run on the far side) come later, as the end of the
     *     stream with ssh's words in {@link CommandTransport#farSideErrors()}
     */
    public CommandTransport open() {
        return CommandTransport.start(argv(), PASSED_ENVIRONMENT, describe());
    }
}
