package org.jvirt.cli;

/**
 * libvirt's words for a function the connection's driver lacks. jvirsh uses them for the virsh
 * commands whose operation jvirt's API does not have yet, so that they fail exactly as virsh fails
 * on a driver without that function.
 */
final class Unsupported {
    private Unsupported() {
    }

    /** {@code this function is not supported by the connection driver: virXxx}. */
    static String message(String libvirtFunction) {
        return "this function is not supported by the connection driver: " + libvirtFunction;
    }
}
