package org.jvirt.cli;

/**
 * libvirt's words for a function the connection's driver lacks. jvirsh uses them in place of the
 * core's NO_SUPPORT message (which also names the connection's drivers), so that commands fail
 * exactly as virsh fails on a driver without that function.
 */
final class Unsupported {
    private Unsupported() {
    }

    /** {@code this function is not supported by the connection driver: virXxx}. */
    static String message(String libvirtFunction) {
        return "this function is not supported by the connection driver: " + libvirtFunction;
    }

    /** NO_SUPPORT in virsh's words, naming {@code libvirtFunction}; any other error as it is. */
    static RuntimeException asVirsh(org.jvirt.api.VirtException e, String libvirtFunction) {
        return e.code() == org.jvirt.api.ErrorCode.NO_SUPPORT ? new CommandError(message(libvirtFunction)) : e;
    }
}
