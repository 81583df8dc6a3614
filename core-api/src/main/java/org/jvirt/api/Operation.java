package org.jvirt.api;

/**
 * Every operation a driver may implement, named after the libvirt function it corresponds to.
 *
 * <p>A driver declares an operation by implementing the SPI interface that carries it (see
 * {@code org.jvirt.spi.DriverOperations}); the core derives {@link Connection#supports(Operation)}
 * and its routing from those declarations. Mutating operations are refused on read-only
 * connections before any driver is reached. Where libvirt's entry point takes {@code flags}, the
 * operation names their enum ({@link #flagType()}).
 *
 * @since 1.0
 */
public enum Operation {
    CONNECT_GET_TYPE("virConnectGetType", false),
    CONNECT_GET_VERSION("virConnectGetVersion", false),
    CONNECT_GET_HOSTNAME("virConnectGetHostname", false),
    CONNECT_GET_MAX_VCPUS("virConnectGetMaxVcpus", false),
    CONNECT_GET_CAPABILITIES("virConnectGetCapabilities", false),
    CONNECT_GET_SYSINFO("virConnectGetSysinfo", false),
    CONNECT_SET_KEEPALIVE("virConnectSetKeepAlive", false),
    NODE_GET_INFO("virNodeGetInfo", false),
    NODE_GET_FREE_MEMORY("virNodeGetFreeMemory", false),
    NODE_GET_CELLS_FREE_MEMORY("virNodeGetCellsFreeMemory", false),
    NODE_GET_SECURITY_MODEL("virNodeGetSecurityModel", false),
    NODE_GET_MEMORY_STATS("virNodeGetMemoryStats", false),
    NODE_GET_CPU_MAP("virNodeGetCPUMap", false),
    CONNECT_DOMAIN_XML_FROM_NATIVE("virConnectDomainXMLFromNative", false),
    CONNECT_DOMAIN_XML_TO_NATIVE("virConnectDomainXMLToNative", false),

    CONNECT_LIST_DOMAINS("virConnectListDomains", false),
    CONNECT_NUM_OF_DOMAINS("virConnectNumOfDomains", false),
    CONNECT_LIST_DEFINED_DOMAINS("virConnectListDefinedDomains", false),
    CONNECT_NUM_OF_DEFINED_DOMAINS("virConnectNumOfDefinedDomains", false),
    CONNECT_LIST_ALL_DOMAINS("virConnectListAllDomains", false, DomainListFilter.class, "virConnectListAllDomains"),
    DOMAIN_LOOKUP_BY_ID("virDomainLookupByID", false),
    DOMAIN_LOOKUP_BY_UUID("virDomainLookupByUUID", false),
    DOMAIN_LOOKUP_BY_NAME("virDomainLookupByName", false),

    DOMAIN_GET_INFO("virDomainGetInfo", false),
    DOMAIN_GET_STATE("virDomainGetState", false),
    DOMAIN_GET_XML_DESC("virDomainGetXMLDesc", false, XmlFlag.class, "virDomainGetXMLDesc"),
    DOMAIN_GET_OS_TYPE("virDomainGetOSType", false),
    DOMAIN_IS_ACTIVE("virDomainIsActive", false),
    DOMAIN_IS_PERSISTENT("virDomainIsPersistent", false),
    DOMAIN_GET_SECURITY_LABEL("virDomainGetSecurityLabel", false),

    DOMAIN_CREATE_XML("virDomainCreateXML", true, StartFlag.class, "virDomainCreateXML"),
    DOMAIN_DEFINE_XML("virDomainDefineXML", true, DefineFlag.class, "virDomainDefineXMLFlags"),
    DOMAIN_UNDEFINE("virDomainUndefine", true, UndefineFlag.class, "virDomainUndefineFlags"),
    DOMAIN_CREATE("virDomainCreate", true, StartFlag.class, "virDomainCreateWithFlags"),
    DOMAIN_SUSPEND("virDomainSuspend", true),
    DOMAIN_RESUME("virDomainResume", true),
    DOMAIN_SHUTDOWN("virDomainShutdown", true, ShutdownFlag.class, "virDomainShutdownFlags"),
    DOMAIN_REBOOT("virDomainReboot", true, RebootFlag.class, "virDomainReboot"),
    DOMAIN_DESTROY("virDomainDestroy", true, DestroyFlag.class, "virDomainDestroyFlags"),
    DOMAIN_SAVE("virDomainSave", true, SaveFlag.class, "virDomainSaveFlags"),
    DOMAIN_RESTORE("virDomainRestore", true, SaveFlag.class, "virDomainRestoreFlags"),
    DOMAIN_CORE_DUMP("virDomainCoreDump", true, CoreDumpFlag.class, "virDomainCoreDumpWithFormat"),
    DOMAIN_GET_JOB_INFO("virDomainGetJobInfo", false),
    DOMAIN_ABORT_JOB("virDomainAbortJob", true),

    DOMAIN_SET_MEMORY("virDomainSetMemoryFlags", true),
    DOMAIN_SET_MAX_MEMORY("virDomainSetMaxMemory", true),
    DOMAIN_SET_VCPUS("virDomainSetVcpus", true, VcpuFlag.class, "virDomainSetVcpusFlags"),
    DOMAIN_PIN_VCPU("virDomainPinVcpu", true),
    DOMAIN_GET_VCPUS("virDomainGetVcpus", false),
    DOMAIN_GET_VCPU_PIN_INFO("virDomainGetVcpuPinInfo", false),
    DOMAIN_GET_MAX_VCPUS("virDomainGetMaxVcpus", false),
    DOMAIN_GET_AUTOSTART("virDomainGetAutostart", false),
    DOMAIN_SET_AUTOSTART("virDomainSetAutostart", true),
    DOMAIN_ATTACH_DEVICE("virDomainAttachDevice", true),
    DOMAIN_DETACH_DEVICE("virDomainDetachDevice", true),
    DOMAIN_GET_SCHEDULER_TYPE("virDomainGetSchedulerType", false),
    DOMAIN_GET_SCHEDULER_PARAMETERS("virDomainGetSchedulerParameters", false),
    DOMAIN_SET_SCHEDULER_PARAMETERS("virDomainSetSchedulerParameters", true),
    DOMAIN_BLOCK_STATS("virDomainBlockStats", false),
    DOMAIN_INTERFACE_STATS("virDomainInterfaceStats", false),
    DOMAIN_BLOCK_PEEK("virDomainBlockPeek", true),
    DOMAIN_MEMORY_PEEK("virDomainMemoryPeek", true, MemoryPeekFlag.class, "virDomainMemoryPeek"),
    CONNECT_DOMAIN_EVENT_REGISTER("virConnectDomainEventRegisterAny", false),

    CONNECT_LIST_NETWORKS("virConnectListNetworks", false),
    CONNECT_NUM_OF_NETWORKS("virConnectNumOfNetworks", false),
    CONNECT_LIST_DEFINED_NETWORKS("virConnectListDefinedNetworks", false),
    CONNECT_NUM_OF_DEFINED_NETWORKS("virConnectNumOfDefinedNetworks", false),
    CONNECT_LIST_ALL_NETWORKS("virConnectListAllNetworks", false, NetworkListFilter.class, "virConnectListAllNetworks"),
    NETWORK_LOOKUP_BY_NAME("virNetworkLookupByName", false),
    NETWORK_LOOKUP_BY_UUID("virNetworkLookupByUUID", false),
    NETWORK_GET_XML_DESC("virNetworkGetXMLDesc", false, NetworkXmlFlag.class, "virNetworkGetXMLDesc"),
    NETWORK_GET_BRIDGE_NAME("virNetworkGetBridgeName", false),
    NETWORK_IS_ACTIVE("virNetworkIsActive", false),
    NETWORK_IS_PERSISTENT("virNetworkIsPersistent", false),
    NETWORK_CREATE_XML("virNetworkCreateXML", true, DefineFlag.class, "virNetworkCreateXMLFlags"),
    NETWORK_DEFINE_XML("virNetworkDefineXML", true, DefineFlag.class, "virNetworkDefineXMLFlags"),
    NETWORK_UNDEFINE("virNetworkUndefine", true),
    NETWORK_CREATE("virNetworkCreate", true),
    NETWORK_DESTROY("virNetworkDestroy", true),
    NETWORK_GET_AUTOSTART("virNetworkGetAutostart", false),
    NETWORK_SET_AUTOSTART("virNetworkSetAutostart", true);

    private final String libvirtName;
    private final boolean mutating;
    private final Class<? extends Flag> flagType;
    private final String flagsFunction;

    Operation(String libvirtName, boolean mutating) {
        this(libvirtName, mutating, null, libvirtName);
    }

    Operation(String libvirtName, boolean mutating, Class<? extends Flag> flagType, String flagsFunction) {
        this.libvirtName = libvirtName;
        this.mutating = mutating;
        this.flagType = flagType;
        this.flagsFunction = flagsFunction;
    }

    /** The libvirt API function this operation corresponds to, e.g. {@code virDomainSuspend}. */
    public String libvirtName() {
        return libvirtName;
    }

    /**
     * Whether read-only connections refuse the operation: every one that changes anything, and, as libvirt's
     * {@code virCheckReadOnlyGoto} in {@code virDomainBlockPeek} and {@code virDomainMemoryPeek}, the peeks
     * at a guest's disks and memory (they read what the guest keeps private).
     */
    public boolean isMutating() {
        return mutating;
    }

    /**
     * The enum of this operation's libvirt flags (e.g. {@link UndefineFlag} for
     * {@code virDomainUndefineFlags}), or null when libvirt defines none for it.
     *
     * @since 1.0
     */
    public Class<? extends Flag> flagType() {
        return flagType;
    }

    /**
     * The libvirt function that takes this operation's flags, e.g. {@code virDomainUndefineFlags}
     * for {@link #DOMAIN_UNDEFINE}; {@link #libvirtName()} when it is the same function or the
     * operation has no flags.
     *
     * @since 1.0
     */
    public String flagsFunction() {
        return flagsFunction;
    }
}
