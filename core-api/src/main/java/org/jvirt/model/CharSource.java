package org.jvirt.model;

/**
 * One {@code <source>} of a character device. Which fields matter depends on the device type:
 * {@code path} for {@code file}, {@code pipe}, {@code dev}, {@code pty} and {@code unix};
 * {@code mode}, {@code host} and {@code service} for {@code tcp} and {@code udp} (a UDP device
 * has a {@code connect} and a {@code bind} source).
 *
 * @param mode {@code bind} or {@code connect}, or null
 * @param path a file, device or socket path, or null
 * @param host a host name or address, or null
 * @param service a port number or service name, or null
 *
 * @since 1.0
 */
public record CharSource(String mode, String path, String host, String service) {

    /** A source that is only a path. */
    public static CharSource path(String path) {
        return new CharSource(null, path, null, null);
    }

    /** A network source: {@code mode='bind'|'connect' host= service=}. */
    public static CharSource network(String mode, String host, String service) {
        return new CharSource(mode, null, host, service);
    }
}
