package org.jvirt.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A connection to one hypervisor node, libvirt's {@code virConnectPtr}.
 *
 * <p>Safe to share between threads. Every method may throw {@link VirtException}: with
 * {@link ErrorCode#NO_SUPPORT} when no driver of this connection declares the operation (the
 * message names the operation and the drivers), {@link ErrorCode#OPERATION_DENIED} for a
 * mutating operation on a read-only connection, {@link ErrorCode#INVALID_CONN} once closed,
 * and the driver's own errors otherwise. No method returns null unless it says so.
 *
 * <p>Flags are libvirt's, as enums: a method takes the flags of its libvirt entry point as varargs
 * (none meaning libvirt's 0). A flag the connection's drivers do not honour for the operation
 * (see {@link #supportedFlags}) fails with INVALID_ARG, worded as libvirt's {@code virCheckFlags},
 * and changes nothing.
 *
 * @since 1.0
 */
public interface Connection extends AutoCloseable {

    /** The hypervisor type, e.g. {@code TEST}, {@code QEMU}, {@code Xen}. */
    String type();

    /** The hypervisor's version, encoded as libvirt does: major * 1,000,000 + minor * 1,000 + release. */
    long version();

    /** jvirt's own version, encoded as {@link #version()}. */
    long libraryVersion();

    /** The host's name. */
    String hostname();

    /**
     * Keepalive with the daemon that serves this connection, as libvirt's {@code virConnectSetKeepAlive}: a
     * ping after {@code interval} seconds without a message from the daemon, the connection given up (and
     * its close listeners told {@link CloseReason#KEEPALIVE}) after {@code count} unanswered ones;
     * {@code interval} 0 or less stops it. Connections of the remote driver start with keepalive on (5 s, 5).
     *
     * @return false when the daemon does not speak libvirt's keepalive protocol
     * @throws VirtException NO_SUPPORT for a connection no daemon serves (jvirt's local drivers);
     *     INVALID_ARG for a negative {@code count}
     * @since 1.1
     */
    boolean setKeepAlive(int interval, int count);

    /** The canonical URI this connection was opened with. */
    String uri();

    /** The most vCPUs a guest of {@code type} (for instance {@code kvm}; null for the default) may have. */
    int maxVcpus(String type);

    /** The host's processors and memory. */
    NodeInfo nodeInfo();

    /** libvirt's capabilities XML document describing the host and the guests it can run. */
    String capabilities();

    /**
     * The host's system information as libvirt's {@code <sysinfo>} XML document (SMBIOS tables),
     * as {@code virConnectGetSysinfo} returns it, ending with a newline.
     *
     * @return the document, never null
     * @throws VirtException NO_SUPPORT when no driver of the connection has host sysinfo;
     *     INTERNAL_ERROR or SYSTEM_ERROR when the host's tables cannot be read
     */
    String sysinfo();

    /** Free memory of the whole host, in bytes. */
    long freeMemory();

    /** Free memory of {@code maxCells} NUMA cells starting at {@code startCell}, in bytes each. */
    long[] cellsFreeMemory(int startCell, int maxCells);

    /**
     * The host's memory statistics, as {@code virNodeGetMemoryStats} returns them: {@link Long}
     * values in KiB named {@code total}, {@code free}, {@code buffers}, {@code cached} (those the
     * host reports, in that order).
     *
     * @param cell a NUMA cell, or -1 for the whole host
     * @return the statistics, never null
     * @throws VirtException INVALID_ARG for a cell below -1 or one the host does not have;
     *     NO_SUPPORT when no driver of the connection has node memory statistics
     */
    List<TypedParameter> nodeMemoryStats(int cell);

    /**
     * The host's CPUs and which of them are online, as {@code virNodeGetCPUMap}: the size of the
     * host's CPU maps ({@link NodeCpuMap#cpus()}, what virsh reads as the host's CPU count) and the
     * online ones.
     *
     * @return the map, never null
     * @throws VirtException NO_SUPPORT when no driver of the connection has the node's CPU map;
     *     SYSTEM_ERROR when the host's CPU list cannot be read
     */
    NodeCpuMap nodeCpuMap();

    /** The host's security driver. */
    NodeSecurityModel securityModel();

    /**
     * Converts a hypervisor's native configuration (e.g. {@code xen-xm} files, {@code xen-sxpr}) to
     * libvirt domain XML, as {@code virConnectDomainXMLFromNative}.
     *
     * @throws VirtException INVALID_ARG naming the known formats when no driver reads {@code format}
     */
    String domainXmlFromNative(String format, String nativeConfig);

    /**
     * Converts libvirt domain XML to a hypervisor's native configuration (e.g. {@code qemu-argv}, the
     * command line the driver would run), as {@code virConnectDomainXMLToNative}.
     *
     * @throws VirtException INVALID_ARG naming the known formats when no driver writes {@code format}
     */
    String domainXmlToNative(String format, String domainXml);

    /** Ids of the active domains. */
    int[] activeDomainIds();

    /** How many domains are active. */
    int activeDomainCount();

    /** Names of the defined (persistent) domains that are not active. */
    List<String> definedDomainNames();

    /** How many persistent domains are inactive. */
    int definedDomainCount();

    /** Every domain matching the filters (see {@link DomainListFilter}); no filter lists all. */
    List<Domain> listAllDomains(DomainListFilter... filters);

    /**
     * Creates and starts a transient domain from libvirt domain XML.
     *
     * @param flags as {@code virDomainCreateXML}'s: {@link StartFlag#PAUSED} leaves it paused,
     *     {@link StartFlag#VALIDATE} checks the document against libvirt's RelaxNG schema first
     * @throws VirtException XML_ERROR for malformed XML, XML_INVALID_SCHEMA with {@link StartFlag#VALIDATE},
     *     OPERATION_FAILED when a domain of that name or UUID exists
     */
    Domain createDomain(String xml, StartFlag... flags);

    /**
     * Defines a persistent domain from libvirt domain XML, or updates the definition of the
     * domain with the same name and UUID.
     *
     * @param flags as {@code virDomainDefineXMLFlags}': {@link DefineFlag#VALIDATE} checks the document
     *     against libvirt's RelaxNG schema first
     * @throws VirtException as {@link #createDomain}
     */
    Domain defineDomain(String xml, DefineFlag... flags);

    /** @throws VirtException NO_DOMAIN when no active domain has that id */
    Domain domainById(int id);

    /** @throws VirtException NO_DOMAIN when no domain has that UUID */
    Domain domainByUuid(UUID uuid);

    /** @throws VirtException INVALID_ARG for a malformed UUID string, NO_DOMAIN when none matches */
    Domain domainByUuidString(String uuid);

    /** @throws VirtException NO_DOMAIN when no domain has that name */
    Domain domainByName(String name);

    /**
     * Restores a domain from a file written by {@link Domain#save}, as {@code virDomainRestoreFlags}:
     * running or paused as {@code flags} say, else as the file says.
     *
     * @throws VirtException SYSTEM_ERROR when the file cannot be read, INVALID_ARG when it is not a
     *     save image of this driver, for both flags or for one the driver does not support; nothing
     *     changes then
     */
    Domain restore(Path file, SaveFlag... flags);

    /** Names of the active networks. */
    List<String> activeNetworkNames();

    /** How many networks are active. */
    int activeNetworkCount();

    /** Names of the inactive persistent networks. */
    List<String> definedNetworkNames();

    /** How many persistent networks are inactive. */
    int definedNetworkCount();

    /** Every network matching the filters (see {@link NetworkListFilter}); no filter lists all. */
    List<Network> listAllNetworks(NetworkListFilter... filters);

    /** @throws VirtException NO_NETWORK when none has that name */
    Network networkByName(String name);

    /** @throws VirtException NO_NETWORK when none has that UUID */
    Network networkByUuid(UUID uuid);

    /** @throws VirtException INVALID_ARG for a malformed UUID, NO_NETWORK when none matches */
    Network networkByUuidString(String uuid);

    /**
     * Creates and starts a transient network from libvirt network XML.
     *
     * @param flags {@link DefineFlag#VALIDATE} checks the document against libvirt's RelaxNG schema
     *     first (XML_INVALID_SCHEMA)
     */
    Network createNetwork(String xml, DefineFlag... flags);

    /** Defines a persistent (inactive) network from libvirt network XML; {@code flags} as {@link #createNetwork}. */
    Network defineNetwork(String xml, DefineFlag... flags);

    /** Whether some driver of this connection declares {@code operation}. Never throws. */
    boolean supports(Operation operation);

    /**
     * The flags of {@code operation} this connection honours: those some driver serving the
     * operation declares it honours (and those the core implements itself, such as
     * {@link DefineFlag#VALIDATE}). Empty when the operation is not supported or takes no flags.
     * Never throws.
     *
     * @param type the operation's {@link Operation#flagType()}
     * @throws IllegalArgumentException when {@code type} is not the operation's flag type
     * @since 1.0
     */
    <F extends Enum<F> & Flag> Set<F> supportedFlags(Operation operation, Class<F> type);

    /** Whether mutating operations are refused. Never throws. */
    boolean isReadOnly();

    /** Whether the connection is open. Never throws. */
    boolean isAlive();

    /** Delivers lifecycle events of every domain to {@code listener} until the subscription closes. */
    Subscription onDomainEvent(DomainEventListener listener);

    /** Tells {@code listener} once when this connection closes. */
    Subscription onClose(CloseListener listener);

    /** Closes the connection and every driver of it. Idempotent; never throws. */
    @Override
    void close();
}
