package org.jvirt.api;

/**
 * Which part of the system raised an error, numbered exactly as libvirt's {@code virErrorDomain}
 * ({@code VIR_FROM_*}). Never renumber: append only.
 *
 * @since 1.0
 */
public enum ErrorDomain {
    NONE(0),
    XEN(1),
    XEND(2),
    XENSTORE(3),
    SEXPR(4),
    XML(5),
    DOM(6),
    RPC(7),
    PROXY(8),
    CONF(9),
    QEMU(10),
    NET(11),
    TEST(12),
    REMOTE(13),
    OPENVZ(14),
    XENXM(15),
    STATS_LINUX(16),
    LXC(17),
    STORAGE(18),
    NETWORK(19),
    DOMAIN(20),
    UML(21),
    NODEDEV(22),
    XEN_INOTIFY(23),
    SECURITY(24),
    VBOX(25),
    INTERFACE(26),
    ONE(27),
    ESX(28),
    PHYP(29),
    SECRET(30),
    CPU(31),
    XENAPI(32),
    NWFILTER(33),
    HOOK(34),
    DOMAIN_SNAPSHOT(35),
    AUDIT(36),
    SYSINFO(37),
    STREAMS(38),
    VMWARE(39),
    EVENT(40),
    LIBXL(41),
    LOCKING(42),
    HYPERV(43),
    CAPABILITIES(44),
    URI(45),
    AUTH(46),
    DBUS(47),
    PARALLELS(48),
    DEVICE(49),
    SSH(50),
    LOCKSPACE(51),
    INITCTL(52),
    IDENTITY(53),
    CGROUP(54),
    ACCESS(55),
    SYSTEMD(56),
    BHYVE(57),
    CRYPTO(58),
    FIREWALL(59),
    POLKIT(60),
    THREAD(61),
    ADMIN(62),
    LOGGING(63),
    XENXL(64),
    PERF(65),
    LIBSSH(66),
    RESCTRL(67),
    FIREWALLD(68),
    DOMAIN_CHECKPOINT(69),
    TPM(70),
    BPF(71),
    CH(72);

    private static final ErrorDomain[] BY_NUMBER = new ErrorDomain[values().length];

    static {
        for (ErrorDomain domain : values()) {
            BY_NUMBER[domain.number] = domain;
        }
    }

    private final int number;

    ErrorDomain(int number) {
        this.number = number;
    }

    /** The libvirt {@code virErrorDomain} value. */
    public int number() {
        return number;
    }

    /**
     * The domain with the given libvirt number.
     *
     * @throws IllegalArgumentException if libvirt defines no such number (as known to jvirt)
     */
    public static ErrorDomain ofNumber(int number) {
        if (number < 0 || number >= BY_NUMBER.length) {
            throw new IllegalArgumentException("unknown libvirt error domain " + number);
        }
        return BY_NUMBER[number];
    }
}
