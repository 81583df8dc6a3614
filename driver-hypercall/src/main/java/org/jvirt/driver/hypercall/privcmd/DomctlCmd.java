package org.jvirt.driver.hypercall.privcmd;

/**
 * The {@code domctl} commands the driver issues, numbered as every interface version since Xen 3.0.3 numbers
 * them ({@code XEN_DOMCTL_*}; libvirt 0.4.4's {@code XEN_V2_OP_*}). Before Xen 4.5 the affinity commands were
 * libvirt's {@code SETVCPUMAP} and {@code GETVCPUMAP}.
 *
 * @since 1.0
 */
public enum DomctlCmd {
    DESTROYDOMAIN(2, "XEN_DOMCTL_destroydomain"),
    PAUSEDOMAIN(3, "XEN_DOMCTL_pausedomain"),
    UNPAUSEDOMAIN(4, "XEN_DOMCTL_unpausedomain"),
    SETVCPUAFFINITY(9, "XEN_DOMCTL_setvcpuaffinity"),
    MAX_MEM(11, "XEN_DOMCTL_max_mem"),
    GETVCPUINFO(14, "XEN_DOMCTL_getvcpuinfo"),
    MAX_VCPUS(15, "XEN_DOMCTL_max_vcpus"),
    GETVCPUAFFINITY(25, "XEN_DOMCTL_getvcpuaffinity");

    private final int number;
    private final String cName;

    DomctlCmd(int number, String cName) {
        this.number = number;
        this.cName = cName;
    }

    /** The command's number, written into {@code xen_domctl.cmd}. */
    public int number() {
        return number;
    }

    /** The C name, for messages. */
    public String cName() {
        return cName;
    }

    /** The command numbered {@code number}, or null. */
    public static DomctlCmd ofNumber(long number) {
        for (DomctlCmd c : values()) {
            if (c.number == number) {
                return c;
            }
        }
        return null;
    }
}
