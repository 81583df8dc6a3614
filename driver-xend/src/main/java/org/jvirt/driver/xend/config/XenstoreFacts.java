package org.jvirt.driver.xend.config;

/**
 * What libvirt 0.4.4 read from xenstore, not from xend, when it described a running domain: the pty
 * of its console ({@code /local/domain/ID/console/tty}) and the port its VNC server listens on
 * ({@code /local/domain/ID/console/vnc-port}). Neither exists for an inactive domain.
 *
 * @param consoleTty the console's pty, such as {@code /dev/pts/5}, or null when not known
 * @param vncPort the VNC server's TCP port, or -1 when not known
 */
public record XenstoreFacts(String consoleTty, int vncPort) {
    /** Nothing known: an inactive domain, or no xenstore to ask, as in libvirt's own tests. */
    public static final XenstoreFacts NONE = new XenstoreFacts(null, -1);
}
