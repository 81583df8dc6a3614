package org.jvirt.tck;

import static org.jvirt.api.Operation.CONNECT_LIST_ALL_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_LIST_ALL_NETWORKS;
import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_UUID;
import static org.jvirt.api.Operation.NETWORK_DEFINE_XML;
import static org.jvirt.api.Operation.NETWORK_LOOKUP_BY_UUID;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Network;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;

/**
 * Read-only connections (libvirt's {@code virConnectOpenReadOnly}): every mutating operation is
 * denied with OPERATION_DENIED naming it — declared or not, before any driver is reached — and
 * changes nothing; every reading operation works as on a read-write connection.
 *
 * @since 1.0
 */
public abstract class ReadOnlySuite extends TckSuite {

    @Test
    public void aReadOnlyConnectionSaysSo() {
        Connection ro = s.openReadOnly();
        Expect.check(ro.isReadOnly() && ro.isAlive(), "a read-only connection is alive and read-only");
        Expect.check(!s.conn().isReadOnly(), "a read-write connection is not read-only");
    }

    /** A domain the read-only connection sees: one the kit made, if the node is shared, else any. */
    private Domain visibleDomain(Connection ro) {
        if (s.declaresAll(DOMAIN_DEFINE_XML, DOMAIN_CREATE) || s.declares(Operation.DOMAIN_CREATE_XML)) {
            Domain mine = s.runningDomain();
            if (s.declares(DOMAIN_LOOKUP_BY_UUID)) {
                try {
                    return ro.domainByUuid(mine.uuid());
                } catch (VirtException e) {
                    s.note("the read-only connection does not see the kit's domain (a node per connection)");
                }
            }
        }
        if (s.declares(CONNECT_LIST_ALL_DOMAINS)) {
            List<Domain> all = ro.listAllDomains();
            if (!all.isEmpty()) {
                return all.get(0);
            }
        }
        return null;
    }

    private Network visibleNetwork(Connection ro) {
        if (s.declares(NETWORK_DEFINE_XML) && s.declares(NETWORK_LOOKUP_BY_UUID)) {
            Network mine = s.definedNetwork();
            try {
                return ro.networkByUuid(mine.uuid());
            } catch (VirtException e) {
                s.note("the read-only connection does not see the kit's network (a node per connection)");
            }
        }
        if (s.declares(CONNECT_LIST_ALL_NETWORKS)) {
            List<Network> all = ro.listAllNetworks();
            if (!all.isEmpty()) {
                return all.get(0);
            }
        }
        return null;
    }

    @Test
    public void everyMutationIsDeniedAndChangesNothing() {
        Connection ro = s.openReadOnly();
        Domain d = visibleDomain(ro);
        Network n = visibleNetwork(ro);
        DomainState before = d != null && canObserve(ro) ? observe(d) : null;
        int domains = s.domainCount();
        List<String> unchecked = new ArrayList<>();
        for (Operation op : Operation.values()) {
            if (!op.isMutating()) {
                continue;
            }
            OperationCalls.Invocation inv = OperationCalls.of(op);
            boolean needsDomain = inv.needs() == OperationCalls.Needs.DOMAIN
                    || inv.needs() == OperationCalls.Needs.RUNNING_DOMAIN;
            if (needsDomain && d == null || inv.needs() == OperationCalls.Needs.NETWORK && n == null) {
                unchecked.add(op.libvirtName());
                continue;
            }
            Expect.denied(op, () -> inv.call().call(ro, d, n, s));
            s.record.denied(op);
        }
        if (!unchecked.isEmpty()) {
            s.note("no domain or network visible on the read-only connection, so these were not tried: "
                    + String.join(", ", unchecked));
        }
        if (before != null) {
            Expect.check(observe(d) == before, "denied mutations change nothing: %s was %s and is %s", d.name(),
                    before, observe(d));
        }
        Expect.check(s.domainCount() == domains, "denied mutations add no domain");
    }

    private boolean canObserve(Connection ro) {
        return ro.supports(Operation.DOMAIN_GET_STATE) || ro.supports(Operation.DOMAIN_GET_INFO);
    }

    private DomainState observe(Domain d) {
        return d.connection().supports(Operation.DOMAIN_GET_STATE) ? d.state().state() : d.info().state();
    }

    @Test
    public void everyReadWorks() {
        Connection ro = s.openReadOnly();
        Domain d = visibleDomain(ro);
        Network n = visibleNetwork(ro);
        Set<Operation> answered = EnumSet.noneOf(Operation.class);
        List<String> unchecked = new ArrayList<>();
        Set<Operation> lacking = EnumSet.noneOf(Operation.class);
        for (Operation op : Operation.values()) {
            if (op.isMutating()) {
                continue;
            }
            OperationCalls.Invocation inv = OperationCalls.of(op);
            boolean needsDomain = inv.needs() == OperationCalls.Needs.DOMAIN
                    || inv.needs() == OperationCalls.Needs.RUNNING_DOMAIN;
            if (needsDomain && d == null || inv.needs() == OperationCalls.Needs.NETWORK && n == null) {
                unchecked.add(op.libvirtName());
                continue;
            }
            if (!ro.supports(op)) {
                Expect.noSupport(op, () -> inv.call().call(ro, d, n, s));
                s.record.noSupport(op);
                continue;
            }
            try {
                inv.call().call(ro, d, n, s);
            } catch (VirtException e) {
                if (e.code() == ErrorCode.NO_SUPPORT && s.record.throughDaemon()) {
                    lacking.add(op); // the daemon's driver lacks it: the others are still tried, the test skipped
                    continue;
                }
                Expect.check(e.code() != ErrorCode.OPERATION_DENIED && e.code() != ErrorCode.NO_SUPPORT,
                        "%s reads, so a read-only connection must allow it (and it is declared), but it failed with"
                                + " %s: %s", op.libvirtName(), e.code(), e.getMessage());
            } catch (Exception e) {
                throw new AssertionError(op.libvirtName() + " threw " + e + "; failures must be VirtExceptions", e);
            }
            answered.add(op);
        }
        if (!unchecked.isEmpty()) {
            s.note("no domain or network visible on the read-only connection, so these were not tried: "
                    + String.join(", ", unchecked));
        }
        answered.forEach(s.record::invoked);
        if (!lacking.isEmpty()) {
            throw DaemonLacks.of(s.record, lacking, "on a read-only connection");
        }
    }
}
