package org.jvirt.tck;

import static org.jvirt.api.Operation.CONNECT_GET_CAPABILITIES;
import static org.jvirt.api.Operation.CONNECT_GET_HOSTNAME;
import static org.jvirt.api.Operation.CONNECT_GET_MAX_VCPUS;
import static org.jvirt.api.Operation.CONNECT_GET_TYPE;
import static org.jvirt.api.Operation.CONNECT_GET_VERSION;
import static org.jvirt.api.Operation.CONNECT_NUM_OF_DOMAINS;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_GET_SECURITY_LABEL;
import static org.jvirt.api.Operation.NODE_GET_CELLS_FREE_MEMORY;
import static org.jvirt.api.Operation.NODE_GET_FREE_MEMORY;
import static org.jvirt.api.Operation.NODE_GET_INFO;
import static org.jvirt.api.Operation.NODE_GET_SECURITY_MODEL;
import static org.jvirt.api.Operation.CONNECT_GET_SYSINFO;
import static org.jvirt.api.Operation.NODE_GET_CPU_MAP;
import static org.jvirt.api.Operation.NODE_GET_MEMORY_STATS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvirt.api.CloseReason;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.Operation;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.TypedParameter;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;

/** Connection and node: identity, host facts, capabilities, free memory, security model, closing, declarations.
 *
 * @since 1.0
 */
public abstract class ConnectionSuite extends TckSuite {

    @Test
    public void hypervisorTypeAndVersion() {
        Connection c = s.conn();
        Expect.check(c.isAlive() && !c.isReadOnly(), "a fresh read-write connection is alive and not read-only");
        Expect.check(c.uri() != null && !c.uri().isBlank(), "virConnectGetURI names the connection");
        Expect.check(c.libraryVersion() > 0, "virConnectGetLibVersion is positive, got %d", c.libraryVersion());
        if (s.declaredElseNoSupportOnConnection(CONNECT_GET_TYPE, Connection::type)) {
            String type = Expect.ok(CONNECT_GET_TYPE, c::type);
            Expect.check(type != null && !type.isBlank(), "virConnectGetType names the hypervisor, got '%s'", type);
            Expect.check(type.equals(c.type()), "virConnectGetType is stable");
            s.contract(CONNECT_GET_TYPE);
        }
        if (s.declaredElseNoSupportOnConnection(CONNECT_GET_VERSION, Connection::version)) {
            long version = Expect.ok(CONNECT_GET_VERSION, c::version);
            Expect.check(version >= 0, "virConnectGetVersion is not negative, got %d", version);
            s.contract(CONNECT_GET_VERSION);
        }
    }

    @Test
    public void hostname() {
        if (s.declaredElseNoSupportOnConnection(CONNECT_GET_HOSTNAME, Connection::hostname)) {
            String host = Expect.ok(CONNECT_GET_HOSTNAME, s.conn()::hostname);
            Expect.check(host != null && !host.isBlank(), "virConnectGetHostname names the host, got '%s'", host);
            s.contract(CONNECT_GET_HOSTNAME);
        }
    }

    @Test
    public void maxVcpus() {
        if (s.declaredElseNoSupportOnConnection(CONNECT_GET_MAX_VCPUS, c -> c.maxVcpus(null))) {
            int max = Expect.ok(CONNECT_GET_MAX_VCPUS, () -> s.conn().maxVcpus(null));
            Expect.check(max >= 1, "virConnectGetMaxVcpus(NULL) is at least 1, got %d", max);
            s.contract(CONNECT_GET_MAX_VCPUS);
        }
    }

    @Test
    public void capabilitiesDescribeTheHost() {
        if (s.declaredElseNoSupportOnConnection(CONNECT_GET_CAPABILITIES, Connection::capabilities)) {
            String xml = Expect.ok(CONNECT_GET_CAPABILITIES, s.conn()::capabilities);
            XmlElement root = XmlReader.parse(xml);
            Expect.check(root.name().equals("capabilities"), "capabilities XML has root <capabilities>, got <%s>",
                    root.name());
            XmlElement host = root.child("host");
            Expect.check(host != null && host.child("cpu") != null, "capabilities describe the <host> and its <cpu>");
            s.contract(CONNECT_GET_CAPABILITIES);
        }
    }

    @Test
    public void nodeInfo() {
        if (s.declaredElseNoSupportOnConnection(NODE_GET_INFO, Connection::nodeInfo)) {
            NodeInfo n = Expect.ok(NODE_GET_INFO, s.conn()::nodeInfo);
            Expect.check(n.model() != null && !n.model().isBlank(), "virNodeGetInfo names the CPU model");
            Expect.check(n.memoryKiB() > 0, "virNodeGetInfo: memory is positive, got %d KiB", n.memoryKiB());
            Expect.check(n.cpus() > 0, "virNodeGetInfo: active CPUs are positive, got %d", n.cpus());
            Expect.check(n.mhz() >= 0, "virNodeGetInfo: MHz is not negative, got %d", n.mhz());
            Expect.check(n.numaNodes() >= 1 && n.sockets() >= 1 && n.cores() >= 1 && n.threads() >= 1,
                    "virNodeGetInfo: cells, sockets, cores and threads are at least 1, got %s", n);
            s.contract(NODE_GET_INFO);
        }
    }

    @Test
    public void freeMemory() {
        boolean free = s.declaredElseNoSupportOnConnection(NODE_GET_FREE_MEMORY, Connection::freeMemory);
        boolean cells = s.declaredElseNoSupportOnConnection(NODE_GET_CELLS_FREE_MEMORY, c -> c.cellsFreeMemory(0, 1));
        Connection c = s.conn();
        if (free) {
            long bytes = Expect.ok(NODE_GET_FREE_MEMORY, c::freeMemory);
            Expect.check(bytes >= 0, "virNodeGetFreeMemory is not negative, got %d", bytes);
            s.contract(NODE_GET_FREE_MEMORY);
        }
        if (cells) {
            long[] first = Expect.ok(NODE_GET_CELLS_FREE_MEMORY, () -> c.cellsFreeMemory(0, 1));
            Expect.check(first.length == 1 && first[0] >= 0, "virNodeGetCellsFreeMemory(0, 1) gives one"
                    + " non-negative value");
            long[] all = Expect.ok(NODE_GET_CELLS_FREE_MEMORY, () -> c.cellsFreeMemory(0, 4096));
            Expect.check(all.length >= 1, "virNodeGetCellsFreeMemory(0, 4096) gives every cell, got none");
            if (s.declares(NODE_GET_INFO)) {
                int numa = c.nodeInfo().numaNodes();
                Expect.check(all.length == numa, "virNodeGetCellsFreeMemory gives one value per NUMA cell of"
                        + " virNodeGetInfo (%d), got %d", numa, all.length);
            }
            Expect.fails(NODE_GET_CELLS_FREE_MEMORY, ErrorCode.INVALID_ARG, "the start cell is past the last cell",
                    () -> c.cellsFreeMemory(all.length, 1));
            Expect.fails(NODE_GET_CELLS_FREE_MEMORY, ErrorCode.INVALID_ARG, "the start cell is negative",
                    () -> c.cellsFreeMemory(-1, 1));
            s.contract(NODE_GET_CELLS_FREE_MEMORY);
        }
    }

    @Test
    public void sysinfoMemoryStatsAndCpuMap() {
        if (s.declaredElseNoSupportOnConnection(CONNECT_GET_SYSINFO, Connection::sysinfo)) {
            String doc = Expect.ok(CONNECT_GET_SYSINFO, s.conn()::sysinfo);
            Expect.check(doc != null && doc.startsWith("<sysinfo") && doc.endsWith("\n"),
                    "virConnectGetSysinfo answers a <sysinfo> document ending with a newline, got %s", doc);
            s.contract(CONNECT_GET_SYSINFO);
        }
        if (s.declaredElseNoSupportOnConnection(NODE_GET_MEMORY_STATS, c -> c.nodeMemoryStats(-1))) {
            List<TypedParameter> stats = Expect.ok(NODE_GET_MEMORY_STATS, () -> s.conn().nodeMemoryStats(-1));
            Expect.check(!stats.isEmpty() && stats.stream().allMatch(p -> p.value() instanceof Long),
                    "virNodeGetMemoryStats of the whole node answers Long statistics, got %s", stats);
            Expect.fails(NODE_GET_MEMORY_STATS, ErrorCode.INVALID_ARG, "the cell is below -1",
                    () -> s.conn().nodeMemoryStats(-2));
            s.contract(NODE_GET_MEMORY_STATS);
        }
        if (s.declaredElseNoSupportOnConnection(NODE_GET_CPU_MAP, Connection::nodeCpuMap)) {
            NodeCpuMap map = Expect.ok(NODE_GET_CPU_MAP, s.conn()::nodeCpuMap);
            Expect.check(map.onlineCount() > 0 && map.online().length() <= map.cpus(),
                    "virNodeGetCPUMap answers at least one online CPU, all within the map, got %s", map);
            s.contract(NODE_GET_CPU_MAP);
        }
    }

    @Test
    public void securityModelAndLabels() {
        boolean model = s.declaredElseNoSupportOnConnection(NODE_GET_SECURITY_MODEL, Connection::securityModel);
        boolean label = s.declaredElseNoSupport(DOMAIN_GET_SECURITY_LABEL, Domain::securityLabel);
        if (model) {
            NodeSecurityModel m = Expect.ok(NODE_GET_SECURITY_MODEL, s.conn()::securityModel);
            Expect.check(m != null && m.model() != null && m.doi() != null, "virNodeGetSecurityModel answers a model"
                    + " and a DOI (both may be empty), got %s", m);
            s.contract(NODE_GET_SECURITY_MODEL);
        }
        if (label) {
            Domain running = s.runningDomain();
            Expect.check(Expect.ok(DOMAIN_GET_SECURITY_LABEL, running::securityLabel) != null,
                    "virDomainGetSecurityLabel of a running domain answers");
            if (s.declares(DOMAIN_DEFINE_XML)) {
                SecurityLabel none = Expect.ok(DOMAIN_GET_SECURITY_LABEL, s.definedDomain()::securityLabel);
                Expect.check(none.label().isEmpty(), "an inactive domain has no security label, got '%s'",
                        none.label());
            }
            s.contract(DOMAIN_GET_SECURITY_LABEL);
        }
    }

    @Test
    public void closingIsIdempotentAndTellsListeners() {
        Connection other = s.openReadWrite();
        List<CloseReason> told = new ArrayList<>();
        other.onClose((c, reason) -> {
            Expect.check(c == other, "the close listener is told which connection closed");
            told.add(reason);
        });
        other.close();
        other.close();
        Expect.check(!other.isAlive(), "a closed connection is not alive");
        Expect.check(told.equals(List.of(CloseReason.CLIENT)), "close listeners are told once, reason CLIENT;"
                + " got %s", told);
        Operation op = s.declares(CONNECT_GET_TYPE) ? CONNECT_GET_TYPE : CONNECT_NUM_OF_DOMAINS;
        Expect.fails(op, ErrorCode.INVALID_CONN, "the connection is closed",
                () -> {
                    if (op == CONNECT_GET_TYPE) {
                        other.type();
                    } else {
                        other.activeDomainCount();
                    }
                });
        Expect.check(s.conn().isAlive(), "closing one connection leaves the others open");
    }

    @Test
    public void declarationsAreStableAndNeverThrow() {
        Connection a = s.conn();
        Connection b = s.openReadWrite();
        Expect.check(!a.supports(null), "supports(null) is false");
        List<Operation> differ = new ArrayList<>();
        for (Operation op : Operation.values()) {
            if (a.supports(op) != b.supports(op)) {
                differ.add(op);
            }
        }
        Expect.check(differ.isEmpty(), "two connections to the same target declare the same operations;"
                + " these differ: %s", differ);
        Connection ro = s.openReadOnly();
        for (Operation op : Operation.values()) {
            Expect.check(ro.supports(op) == a.supports(op), "a read-only connection declares what a read-write one"
                    + " does (mutations are refused, not undeclared): %s differs", op.libvirtName());
        }
    }
}
