package org.jvirt.proxy.remote;

import java.nio.file.Path;
import org.jvirt.core.Jvirt;
import org.jvirt.tck.TckTarget;

/**
 * The conformance kit's targets served through a daemon: the remote driver opened on a daemon's sockets,
 * read-only connections through its read-only socket (as libvirt's clients open them), and what every
 * domain of libvirt's {@code test} type accepts.
 */
final class DaemonTargets {
    /** A domain with a disk and an interface, so that the statistics are tried on real devices. */
    static final String TEST_DOMAIN = """
            <domain type='test'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory unit='KiB'>131072</memory>
              <currentMemory unit='KiB'>131072</currentMemory>
              <vcpu>2</vcpu>
              <os><type arch='i686'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/{name}.img'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <interface type='network'>
                  <source network='default'/>
                  <target dev='vnet-{uuid}'/>
                </interface>
              </devices>
            </domain>
            """;

    /** What libvirt's and the test driver's rules complete: controllers, drive addresses, console, video. */
    static final String FULL_TEST_DOMAIN = """
            <domain type='test'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory unit='KiB'>131072</memory>
              <vcpu>2</vcpu>
              <os><type>hvm</type><loader>/usr/share/bios.bin</loader></os>
              <cpu><topology sockets='1' cores='2' threads='1'/></cpu>
              <devices>
                <disk type='file' device='disk'><source file='/guest/{name}.img'/><target dev='hda'/></disk>
                <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>
                <disk type='file' device='disk'><source file='/guest/{name}-s.img'/><target dev='sdb'/></disk>
                <interface type='network'><source network='default'/></interface>
                <serial type='pty'/>
                <input type='mouse'/>
                <graphics type='vnc' port='-1' listen='127.0.0.1'/>
              </devices>
            </domain>
            """;

    /*
     * Why tests of the kit are not applicable through a daemon: libvirt and jvirt differ, and the kit encodes
     * jvirt's side (each reported with the kit's expectation and what the daemon answers).
     */

    /** ConnectionSuite.freeMemory asks for 4096 cells. */
    static final String CELLS_LIMIT = "the kit asks virNodeGetCellsFreeMemory(0, 4096); libvirt's client refuses more"
            + " than REMOTE_NODE_MAX_CELLS (1024) before the call, VIR_ERR_RPC 'too many NUMA cells: 4096 > 1024',"
            + " and so does the remote driver";

    /** EventSuite's tests that subscribe after starting their domain. */
    static final String ASYNC_EVENTS = "through a daemon, events come after the reply of the call that caused them"
            + " (libvirtd sends them from its event loop, jvirtd from its connection's dispatcher): the STARTED_BOOTED"
            + " of the domain the test starts before it subscribes may reach its new listener";


    /** DomainLifecycleSuite.malformedXmlIsRefusedAndChangesNothing wants XML_ERROR. */
    static final String XML_DETAIL = "libvirt reports malformed domain XML as VIR_ERR_XML_DETAIL (libxml2's parse"
            + " error, e.g. \"(domain_definition):1: Couldn't find end of Start Tag domain\"), not XML_ERROR";

    /** MemoryAndVcpuSuite.setVcpus and the flags suite's MAXIMUM of virDomainSetVcpusFlags read the maximum back. */
    static final String MAX_VCPUS_INACTIVE = "the kit reads virDomainGetMaxVcpus of an inactive domain; libvirt's"
            + " drivers answer it only for a running one (OPERATION_INVALID 'domain is not running')";

    /** MemoryAndVcpuSuite.schedulerParameters reads LIVE and CONFIG. */
    static final String SCHEDULER_FLAGS = "libvirt's test driver refuses every flag of"
            + " virDomainGetSchedulerParametersFlags (virCheckFlags(0)): LIVE of an inactive domain answers"
            + " INVALID_ARG 'unsupported flags (0x5)', not OPERATION_INVALID";

    private DaemonTargets() {
    }

    /**
     * A target reaching {@code daemonUri} (libvirt's {@code name}) through the daemon's sockets: read-write
     * connections through {@code socket}, read-only ones through {@code readOnlySocket}.
     *
     * @param scheme the URI's driver part, e.g. {@code test}
     */
    static TckTarget.Builder through(String scheme, String daemonUri, Path socket, Path readOnlySocket) {
        String name = java.net.URLEncoder.encode(daemonUri, java.nio.charset.StandardCharsets.UTF_8);
        return TckTarget.builder(readOnly -> Jvirt.builder().uri(scheme + "+unix:///?name=" + name + "&socket="
                        + (readOnly ? readOnlySocket : socket)).readOnly(readOnly).open())
                .throughDaemon();
    }

    /**
     * The kit's target over ssh: {@code uri} read-write and read-only alike (a read-only open asks the far side's
     * helper for the daemon's read-only socket, as libvirt's client does).
     */
    static TckTarget.Builder overSsh(String uri) {
        return TckTarget.forUri(uri).throughDaemon();
    }
}
