package org.jvirt.driver.xenstore.wire;

/**
 * The message types of XenStore's wire protocol, numbered as {@code enum xsd_sockmsg_type} of
 * {@code xen/io/xs_wire.h}. A reply carries its request's type, or {@link #ERROR}; {@link #WATCH_EVENT}
 * arrives unasked. Number 20 (XS_RESTRICT) was removed from Xen and is unknown here.
 */
public enum XsType {
    CONTROL(0),
    DIRECTORY(1),
    READ(2),
    GET_PERMS(3),
    WATCH(4),
    UNWATCH(5),
    TRANSACTION_START(6),
    TRANSACTION_END(7),
    INTRODUCE(8),
    RELEASE(9),
    GET_DOMAIN_PATH(10),
    WRITE(11),
    MKDIR(12),
    RM(13),
    SET_PERMS(14),
    WATCH_EVENT(15),
    ERROR(16),
    IS_DOMAIN_INTRODUCED(17),
    RESUME(18),
    SET_TARGET(19),
    RESET_WATCHES(21),
    DIRECTORY_PART(22);

    private static final XsType[] BY_NUMBER = new XsType[23];

    static {
        for (XsType t : values()) {
            BY_NUMBER[t.number] = t;
        }
    }

    private final int number;

    XsType(int number) {
        this.number = number;
    }

    /** The type's number on the wire. */
    public int number() {
        return number;
    }

    /** The type numbered {@code number}, or null when xs_wire.h defines none (a protocol fault). */
    public static XsType ofNumber(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
