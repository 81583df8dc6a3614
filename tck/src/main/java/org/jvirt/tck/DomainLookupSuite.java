package org.jvirt.tck;

import static org.jvirt.api.Operation.CONNECT_LIST_ALL_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_LIST_DEFINED_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_LIST_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_NUM_OF_DEFINED_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_NUM_OF_DOMAINS;
import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_CREATE_XML;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_DESTROY;
import static org.jvirt.api.Operation.DOMAIN_GET_INFO;
import static org.jvirt.api.Operation.DOMAIN_GET_OS_TYPE;
import static org.jvirt.api.Operation.DOMAIN_GET_STATE;
import static org.jvirt.api.Operation.DOMAIN_IS_ACTIVE;
import static org.jvirt.api.Operation.DOMAIN_IS_PERSISTENT;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_ID;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_NAME;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_UUID;
import static org.jvirt.api.Operation.DOMAIN_UNDEFINE;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;

/** Domain lookup and listing: by name, UUID and id; counts, lists and list-all filters; status reads.
 *
 * @since 1.0
 */
public abstract class DomainLookupSuite extends TckSuite {

    @Test
    public void lookupByName() {
        if (!s.declaredElseNoSupportOnConnection(DOMAIN_LOOKUP_BY_NAME, c -> c.domainByName("tck-none"))) {
            return;
        }
        Connection c = s.conn();
        Expect.fails(DOMAIN_LOOKUP_BY_NAME, ErrorCode.NO_DOMAIN, "no domain has the name",
                () -> c.domainByName(TckSession.newName()));
        s.contract(DOMAIN_LOOKUP_BY_NAME);
        Domain d = s.anyDomainHandle("looking a domain up by name");
        Domain found = Expect.ok(DOMAIN_LOOKUP_BY_NAME, () -> c.domainByName(d.name()));
        Expect.check(found.equals(d) && found.hashCode() == d.hashCode(), "the handle found by name equals the"
                + " domain's handle");
        Expect.check(found.uuid().equals(d.uuid()) && found.name().equals(d.name()), "the handle found by name has"
                + " the domain's name and UUID");
        Expect.check(found.connection() == c, "a handle belongs to the connection that made it");
    }

    @Test
    public void lookupByUuid() {
        if (!s.declaredElseNoSupportOnConnection(DOMAIN_LOOKUP_BY_UUID, c -> c.domainByUuid(UUID.randomUUID()))) {
            return;
        }
        Connection c = s.conn();
        Expect.fails(DOMAIN_LOOKUP_BY_UUID, ErrorCode.NO_DOMAIN, "no domain has the UUID",
                () -> c.domainByUuid(UUID.randomUUID()));
        Expect.fails(DOMAIN_LOOKUP_BY_UUID, ErrorCode.INVALID_ARG, "the UUID string is malformed",
                () -> c.domainByUuidString("not-a-uuid"));
        s.contract(DOMAIN_LOOKUP_BY_UUID);
        Domain d = s.anyDomainHandle("looking a domain up by UUID");
        Expect.check(Expect.ok(DOMAIN_LOOKUP_BY_UUID, () -> c.domainByUuid(d.uuid())).equals(d),
                "the handle found by UUID equals the domain's handle");
        String dashed = d.uuid().toString();
        Expect.check(c.domainByUuidString(dashed).equals(d), "lookup by the UUID string %s", dashed);
        Expect.check(c.domainByUuidString(dashed.replace("-", "")).equals(d),
                "lookup by the UUID string without dashes (libvirt accepts both)");
    }

    @Test
    public void lookupById() {
        if (!s.declaredElseNoSupportOnConnection(DOMAIN_LOOKUP_BY_ID, c -> c.domainById(1))) {
            return;
        }
        Connection c = s.conn();
        Expect.fails(DOMAIN_LOOKUP_BY_ID, ErrorCode.NO_DOMAIN, "no active domain has the id",
                () -> c.domainById(999_999));
        Expect.fails(DOMAIN_LOOKUP_BY_ID, ErrorCode.INVALID_ARG, "the id is negative", () -> c.domainById(-1));
        s.contract(DOMAIN_LOOKUP_BY_ID);
        s.require("reading a domain's id", DOMAIN_IS_ACTIVE);
        Domain d = s.runningDomain();
        int id = Expect.ok(DOMAIN_IS_ACTIVE, d::id);
        Expect.check(id >= 0, "a running domain has an id, got %d", id);
        Expect.check(Expect.ok(DOMAIN_LOOKUP_BY_ID, () -> c.domainById(id)).equals(d),
                "the handle found by id equals the domain's handle");
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.check(inactive.id() == -1, "an inactive domain's id is -1, got %d", inactive.id());
        }
        if (s.declares(DOMAIN_DESTROY)) {
            Expect.ok(DOMAIN_DESTROY, () -> d.destroy());
            Expect.fails(DOMAIN_LOOKUP_BY_ID, ErrorCode.NO_DOMAIN, "the domain with that id was stopped",
                    () -> c.domainById(id));
        }
    }

    @Test
    public void countsMatchLists() {
        boolean ids = s.declaredElseNoSupportOnConnection(CONNECT_LIST_DOMAINS, Connection::activeDomainIds);
        boolean active = s.declaredElseNoSupportOnConnection(CONNECT_NUM_OF_DOMAINS, Connection::activeDomainCount);
        boolean names = s.declaredElseNoSupportOnConnection(CONNECT_LIST_DEFINED_DOMAINS,
                Connection::definedDomainNames);
        boolean defined = s.declaredElseNoSupportOnConnection(CONNECT_NUM_OF_DEFINED_DOMAINS,
                Connection::definedDomainCount);
        Connection c = s.conn();
        if (ids && active) {
            checkActiveCount(c);
        }
        if (names && defined) {
            checkDefinedCount(c);
        }
        if (!s.declares(DOMAIN_DEFINE_XML)) {
            return;
        }
        Domain d = s.definedDomain();
        if (names) {
            Expect.check(c.definedDomainNames().contains(d.name()), "virConnectListDefinedDomains lists a domain"
                    + " just defined");
            s.contract(CONNECT_LIST_DEFINED_DOMAINS);
        }
        if (names && defined) {
            checkDefinedCount(c);
        }
        if (!s.declares(DOMAIN_CREATE)) {
            return;
        }
        Expect.ok(DOMAIN_CREATE, () -> d.start());
        if (names) {
            Expect.check(!c.definedDomainNames().contains(d.name()), "virConnectListDefinedDomains lists inactive"
                    + " domains only, yet it lists %s after it started", d.name());
        }
        if (ids && s.declares(DOMAIN_IS_ACTIVE)) {
            int id = d.id();
            Expect.check(Arrays.stream(c.activeDomainIds()).anyMatch(i -> i == id), "virConnectListDomains lists"
                    + " the id %d of a domain just started", id);
            s.contract(CONNECT_LIST_DOMAINS);
        }
        if (ids && active) {
            checkActiveCount(c);
        }
    }

    private void checkActiveCount(Connection c) {
        int[] list = c.activeDomainIds();
        Expect.check(list.length == c.activeDomainCount(), "virConnectNumOfDomains (%d) counts what"
                + " virConnectListDomains lists (%s)", c.activeDomainCount(), Arrays.toString(list));
        Expect.check(Arrays.stream(list).distinct().count() == list.length && Arrays.stream(list).allMatch(i -> i >= 0),
                "virConnectListDomains lists distinct non-negative ids, got %s", Arrays.toString(list));
        s.contract(CONNECT_LIST_DOMAINS, CONNECT_NUM_OF_DOMAINS);
    }

    private void checkDefinedCount(Connection c) {
        List<String> list = c.definedDomainNames();
        Expect.check(list.size() == c.definedDomainCount(), "virConnectNumOfDefinedDomains (%d) counts what"
                + " virConnectListDefinedDomains lists (%s)", c.definedDomainCount(), list);
        Expect.check(new HashSet<>(list).size() == list.size(), "defined domain names are distinct: %s", list);
        s.contract(CONNECT_LIST_DEFINED_DOMAINS, CONNECT_NUM_OF_DEFINED_DOMAINS);
    }

    @Test
    public void listAllAndItsFilters() {
        if (!s.declaredElseNoSupportOnConnection(CONNECT_LIST_ALL_DOMAINS, Connection::listAllDomains)) {
            return;
        }
        Connection c = s.conn();
        Domain inactive = s.declares(DOMAIN_DEFINE_XML) ? s.definedDomain() : null;
        Domain running = s.declaresAll(DOMAIN_DEFINE_XML, DOMAIN_CREATE) || s.declares(DOMAIN_CREATE_XML)
                ? s.runningDomain() : null;
        List<Domain> all = Expect.ok(CONNECT_LIST_ALL_DOMAINS, () -> c.listAllDomains());
        Set<UUID> allIds = uuids(all);
        Expect.check(allIds.size() == all.size(), "virConnectListAllDomains lists each domain once");
        for (Domain kit : new Domain[] {inactive, running}) {
            if (kit != null) {
                Expect.check(allIds.contains(kit.uuid()), "virConnectListAllDomains lists %s", kit.name());
            }
        }
        Set<UUID> act = uuids(c.listAllDomains(DomainListFilter.ACTIVE));
        Set<UUID> inact = uuids(c.listAllDomains(DomainListFilter.INACTIVE));
        Expect.check(disjointUnion(act, inact, allIds), "ACTIVE (%s) and INACTIVE (%s) split all domains (%s)",
                act, inact, allIds);
        Set<UUID> pers = uuids(c.listAllDomains(DomainListFilter.PERSISTENT));
        Set<UUID> trans = uuids(c.listAllDomains(DomainListFilter.TRANSIENT));
        Expect.check(disjointUnion(pers, trans, allIds), "PERSISTENT and TRANSIENT split all domains");
        Set<UUID> both = uuids(c.listAllDomains(DomainListFilter.ACTIVE, DomainListFilter.INACTIVE));
        Expect.check(both.equals(allIds), "filters of one group are or-ed: ACTIVE|INACTIVE lists all");
        if (inactive != null) {
            Expect.check(inact.contains(inactive.uuid()) && pers.contains(inactive.uuid()), "a defined domain is"
                    + " INACTIVE and PERSISTENT");
            Expect.check(uuids(c.listAllDomains(DomainListFilter.SHUTOFF)).contains(inactive.uuid()),
                    "a defined domain is SHUTOFF");
        }
        if (running != null) {
            Expect.check(act.contains(running.uuid()), "a running domain is ACTIVE");
            Expect.check(uuids(c.listAllDomains(DomainListFilter.RUNNING)).contains(running.uuid()),
                    "a running domain is RUNNING");
            Expect.check(!uuids(c.listAllDomains(DomainListFilter.ACTIVE, DomainListFilter.SHUTOFF))
                    .contains(running.uuid()), "filter groups are and-ed: ACTIVE and SHUTOFF list no running domain");
        }
        s.contract(CONNECT_LIST_ALL_DOMAINS);
    }

    private static Set<UUID> uuids(List<Domain> domains) {
        return domains.stream().map(Domain::uuid).collect(Collectors.toSet());
    }

    private static boolean disjointUnion(Set<UUID> a, Set<UUID> b, Set<UUID> all) {
        Set<UUID> union = new HashSet<>(a);
        union.addAll(b);
        Set<UUID> common = new HashSet<>(a);
        common.retainAll(b);
        return common.isEmpty() && union.equals(all);
    }

    @Test
    public void statusOfAnInactiveAndARunningDomain() {
        boolean info = s.declaredElseNoSupport(DOMAIN_GET_INFO, Domain::info);
        boolean state = s.declaredElseNoSupport(DOMAIN_GET_STATE, Domain::state);
        boolean isActive = s.declaredElseNoSupport(DOMAIN_IS_ACTIVE, Domain::isActive);
        boolean persistent = s.declaredElseNoSupport(DOMAIN_IS_PERSISTENT, Domain::isPersistent);
        boolean osType = s.declaredElseNoSupport(DOMAIN_GET_OS_TYPE, Domain::osType);
        if (!(info || state || isActive || persistent || osType)) {
            return;
        }
        Domain d = s.declares(DOMAIN_DEFINE_XML) ? s.definedDomain() : s.runningDomain();
        checkStatus(d, info, state, isActive, persistent, osType);
        if (s.declaresAll(DOMAIN_DEFINE_XML, DOMAIN_CREATE)) {
            Expect.ok(DOMAIN_CREATE, () -> d.start());
            checkStatus(d, info, state, isActive, persistent, osType);
        }
    }

    private void checkStatus(Domain d, boolean info, boolean state, boolean isActive, boolean persistent,
                             boolean osType) {
        DomainState st = null;
        if (state) {
            st = Expect.ok(DOMAIN_GET_STATE, d::state).state();
            s.contract(DOMAIN_GET_STATE);
        }
        if (info) {
            DomainInfo i = Expect.ok(DOMAIN_GET_INFO, d::info);
            Expect.check(st == null || i.state() == st, "virDomainGetInfo and virDomainGetState agree: %s vs %s",
                    i.state(), st);
            st = i.state();
            Expect.check(i.maxMemoryKiB() > 0 && i.memoryKiB() > 0 && i.memoryKiB() <= i.maxMemoryKiB(),
                    "virDomainGetInfo: 0 < memory <= max memory, got %s", i);
            Expect.check(i.vcpus() >= 1, "virDomainGetInfo: at least one vCPU, got %s", i);
            Expect.check(i.cpuTimeNanos() >= 0, "virDomainGetInfo: CPU time is not negative, got %s", i);
            s.contract(DOMAIN_GET_INFO);
        }
        if (isActive) {
            boolean active = Expect.ok(DOMAIN_IS_ACTIVE, d::isActive);
            int id = Expect.ok(DOMAIN_IS_ACTIVE, d::id);
            Expect.check(st == null || active == st.isActive(), "virDomainIsActive (%s) agrees with the state %s",
                    active, st);
            Expect.check(active ? id >= 0 : id == -1, "an active domain has an id >= 0, an inactive one -1;"
                    + " active %s, id %d", active, id);
            s.contract(DOMAIN_IS_ACTIVE);
        }
        if (persistent) {
            boolean p = Expect.ok(DOMAIN_IS_PERSISTENT, d::isPersistent);
            boolean expected = s.declares(DOMAIN_DEFINE_XML);
            Expect.check(p == expected, "virDomainIsPersistent of a %s domain is %s", expected ? "defined"
                    : "created", expected);
            s.contract(DOMAIN_IS_PERSISTENT);
        }
        if (osType) {
            String os = Expect.ok(DOMAIN_GET_OS_TYPE, d::osType);
            Expect.check(os != null && !os.isBlank(), "virDomainGetOSType names the OS type, got '%s'", os);
            s.contract(DOMAIN_GET_OS_TYPE);
        }
    }

    @Test
    public void handlesOfAVanishedDomainFailWithNoDomain() {
        s.require("a domain that vanishes", DOMAIN_DEFINE_XML, DOMAIN_UNDEFINE);
        Domain d = s.definedDomain();
        Expect.ok(DOMAIN_UNDEFINE, () -> d.undefine());
        Expect.check(d.name() != null && d.uuid() != null, "a handle keeps its name and UUID");
        s.assertGone(d);
        s.contract(DOMAIN_UNDEFINE);
    }
}
