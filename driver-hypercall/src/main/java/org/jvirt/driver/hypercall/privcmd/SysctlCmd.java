package org.jvirt.driver.hypercall.privcmd;

/**
 * The {@code sysctl} commands the driver issues, numbered as every interface version since Xen 3.0.3 numbers
 * them ({@code XEN_SYSCTL_*}; libvirt 0.4.4's {@code XEN_V2_OP_*}).
 *
 * @since 1.0
 */
public enum SysctlCmd {
    PHYSINFO(3, "XEN_SYSCTL_physinfo"),
    GETDOMAININFOLIST(6, "XEN_SYSCTL_getdomaininfolist"),
    AVAILHEAP(9, "XEN_SYSCTL_availheap");

    private final int number;
    private final String cName;

    SysctlCmd(int number, String cName) {
        this.number = number;
        this.cName = cName;
    }

    /** The command's number, written into {@code xen_sysctl.cmd}. */
    public int number() {
        return number;
    }

    /** The C name, for messages. */
    public String cName() {
        return cName;
    }

    /** The command numbered {@code number}, or null. */
    public static SysctlCmd ofNumber(long number) {
        for (SysctlCmd c : values()) {
            if (c.number == number) {
                return c;
            }
        }
        return null;
    }
}
