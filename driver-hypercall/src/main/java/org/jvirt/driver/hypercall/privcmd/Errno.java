package org.jvirt.driver.hypercall.privcmd;

import java.util.Map;

/**
 * Names of the errno values a hypercall or the calls around it give, for messages. Xen's public
 * {@code errno.h} numbers them as Linux does on x86; hypercalls return them negated.
 *
 * @since 1.0
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;

    private static final Map<Integer, String[]> NAMES = Map.ofEntries(
            Map.entry(EPERM, new String[] {"EPERM", "Operation not permitted"}),
            Map.entry(ENOENT, new String[] {"ENOENT", "No such file or directory"}),
            Map.entry(ESRCH, new String[] {"ESRCH", "No such process"}),
            Map.entry(4, new String[] {"EINTR", "Interrupted system call"}),
            Map.entry(EIO, new String[] {"EIO", "Input/output error"}),
            Map.entry(6, new String[] {"ENXIO", "No such device or address"}),
            Map.entry(7, new String[] {"E2BIG", "Argument list too long"}),
            Map.entry(EBADF, new String[] {"EBADF", "Bad file descriptor"}),
            Map.entry(EAGAIN, new String[] {"EAGAIN", "Resource temporarily unavailable"}),
            Map.entry(12, new String[] {"ENOMEM", "Cannot allocate memory"}),
            Map.entry(EACCES, new String[] {"EACCES", "Permission denied"}),
            Map.entry(EFAULT, new String[] {"EFAULT", "Bad address"}),
            Map.entry(EBUSY, new String[] {"EBUSY", "Device or resource busy"}),
            Map.entry(17, new String[] {"EEXIST", "File exists"}),
            Map.entry(19, new String[] {"ENODEV", "No such device"}),
            Map.entry(EINVAL, new String[] {"EINVAL", "Invalid argument"}),
            Map.entry(25, new String[] {"ENOTTY", "Inappropriate ioctl for device"}),
            Map.entry(28, new String[] {"ENOSPC", "No space left on device"}),
            Map.entry(34, new String[] {"ERANGE", "Numerical result out of range"}),
            Map.entry(ENOSYS, new String[] {"ENOSYS", "Function not implemented"}),
            Map.entry(75, new String[] {"EOVERFLOW", "Value too large for defined data type"}),
            Map.entry(95, new String[] {"EOPNOTSUPP", "Operation not supported"}));

    private Errno() {
    }

    /** {@code EINVAL (22, Invalid argument)}, or {@code errno 4711} for a number not in the table. */
    public static String describe(int errno) {
        String[] n = NAMES.get(errno);
        return n == null ? "errno " + errno : n[0] + " (" + errno + ", " + n[1] + ")";
    }

    /** The symbolic name, e.g. {@code EINVAL}, or {@code errno 4711}. */
    public static String name(int errno) {
        String[] n = NAMES.get(errno);
        return n == null ? "errno " + errno : n[0];
    }
}
