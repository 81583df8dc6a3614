package org.jvirt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Operation;
import org.jvirt.api.StartFlag;
import org.jvirt.api.VirtException;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.spi.Composition;
import org.jvirt.spi.OpenResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three composition modes and ownership, with the toy Xen family of {@link ToyXen}: a
 * hypervisor that reads, a daemon that acts, a store that keeps definitions, composed by
 * {@link ToyXen#COMPOSITION} as libvirt 0.4.4's xen_unified.c composes its drivers.
 */
class CompositionModesTest {
    private final ToyXen.Host host = new ToyXen.Host();
    private final AtomicInteger strangerOpened = new AtomicInteger();
    private Connection conn;

    private ProviderRegistry registry(OpenResult daemonAnswer, OpenResult hyperAnswer) {
        return ProviderRegistry.of(List.of(
                new FakeProvider("stranger", Set.of("toy"), FakeDriver.class, r -> {
                    strangerOpened.incrementAndGet();
                    return OpenResult.accepted(new FakeDriver("stranger", false));
                }),
                new FakeProvider("configs", Set.of("toy"), ToyXen.Configs.class,
                        r -> OpenResult.accepted(new ToyXen.Configs(host))),
                new FakeProvider("daemon", Set.of("toy"), ToyXen.Daemon.class, r -> daemonAnswer),
                new FakeProvider("hyper", Set.of("toy"), ToyXen.Hypervisor.class, r -> hyperAnswer)),
                List.of(ToyXen.COMPOSITION));
    }

    @BeforeEach
    void open() {
        conn = Jvirt.builder().uri("toy:///").providers(registry(OpenResult.accepted(new ToyXen.Daemon(host)),
                OpenResult.accepted(new ToyXen.Hypervisor(host)))).open();
    }

    private Domain define(String name) {
        return conn.defineDomain(ToyXen.xml(name, UUID.nameUUIDFromBytes(name.getBytes())));
    }

    // ---- gather -------------------------------------------------------------------------------

    @Test
    void gatheredListingsMergeEveryMemberByUuidAndFilterAfterMerging() {
        define("a");
        define("b").start();                                   // stored and running: listed by all three
        conn.createDomain(ToyXen.xml("t", UUID.randomUUID())); // running, transient: no stored definition

        List<Domain> all = conn.listAllDomains();
        assertThat(all).extracting(Domain::name).containsExactlyInAnyOrder("a", "b", "t");
        assertThat(names(conn.listAllDomains(DomainListFilter.ACTIVE))).containsExactlyInAnyOrder("b", "t");
        assertThat(names(conn.listAllDomains(DomainListFilter.INACTIVE))).containsExactly("a");
        // Persistence is the store's answer, through the routing, not the hypervisor's that listed b first.
        assertThat(names(conn.listAllDomains(DomainListFilter.PERSISTENT))).containsExactlyInAnyOrder("a", "b");
        assertThat(names(conn.listAllDomains(DomainListFilter.TRANSIENT))).containsExactly("t");
        assertThat(names(conn.listAllDomains(DomainListFilter.ACTIVE, DomainListFilter.PERSISTENT))).containsExactly("b");

        assertThat(conn.activeDomainCount()).isEqualTo(2);
        assertThat(conn.activeDomainIds()).hasSize(2);
        assertThat(conn.definedDomainNames()).containsExactly("a");
        assertThat(conn.definedDomainCount()).isEqualTo(1);
        assertThat(host.callsTo("hyper")).contains("hyper listAllDomains");
        assertThat(host.callsTo("configs")).contains("configs listAllDomains");
    }

    @Test
    void theFirstMemberInOrderOwnsAMergedDomain() {
        define("b").start();
        Domain b = conn.listAllDomains().stream().filter(d -> d.name().equals("b")).findFirst().orElseThrow();
        host.log.clear();
        // b came from the hypervisor (first in the listing's order): a change on it goes to its owner
        // if the owner serves it, else along the order — here the hypervisor serves no change.
        b.suspend();
        assertThat(host.log).containsExactly("daemon suspend b");
    }

    // ---- cross-driver -------------------------------------------------------------------------

    @Test
    void startingAStoredDefinitionGoesThroughTheDaemon() {
        Domain a = define("a");
        host.log.clear();
        a.start();
        assertThat(host.log).containsExactly("configs xmlDesc a", "daemon createDomain a");
        assertThat(a.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(a.isActive()).isTrue();
        assertThat(a.isPersistent()).isTrue();

        a.destroy();
        assertThat(a.isActive()).isFalse();
        a.start(StartFlag.PAUSED);
        assertThat(a.state().state()).isEqualTo(DomainState.PAUSED);
    }

    @Test
    void aFlagTheActingMemberDoesNotHonourIsRefusedAndChangesNothing() {
        Domain a = define("a");
        host.log.clear();
        assertThatThrownBy(() -> a.start(StartFlag.AUTODESTROY)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
            assertThat(e.getMessage()).isEqualTo("unsupported flags (0x2) in function daemonDomainCreateWithFlags");
        });
        assertThat(host.log).isEmpty();
        assertThat(a.isActive()).isFalse();
        assertThat(conn.supportedFlags(Operation.DOMAIN_CREATE, StartFlag.class)).containsExactly(StartFlag.PAUSED);
    }

    @Test
    void aDomainNoMemberKnowsIsReportedWithTheLastRefusal() {
        Domain a = define("a");
        conn.domainByName("a").undefine();
        assertThatThrownBy(a::start).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN);
            assertThat(e.driver()).isEqualTo("configs");
        });
    }

    // ---- first-that-handles and ownership -----------------------------------------------------

    @Test
    void lookupsFallThroughInOrderAndTheAnswererOwnsTheHandle() {
        define("a");
        host.log.clear();
        Domain a = conn.domainByName("a");
        // hyper declares no lookup by name; the daemon declines a domain that does not run; the store answers.
        assertThat(host.log).containsExactly("daemon domainByName a", "configs domainByName a");
        host.log.clear();
        a.undefine();
        assertThat(host.log).containsExactly("configs undefine a");
    }

    @Test
    void readsInOrderIgnoreAStaleOwner() {
        Domain a = define("a");           // owned by the store, which thinks it is shut off
        conn.domainByName("a").start();
        host.log.clear();
        assertThat(a.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(host.log).containsExactly("hyper domainState a");
    }

    @Test
    void ownerFirstSkipsTheOrderWhenTheOwnerAnswers() {
        Composition ownerFirst = Composition.forScheme("toy").required("daemon").optional("hyper", "configs")
                .order(op -> true, "hyper", "daemon", "configs").build();
        try (Connection c = Jvirt.builder().uri("toy:///").providers(ProviderRegistry.of(List.of(
                new FakeProvider("configs", Set.of("toy"), ToyXen.Configs.class,
                        r -> OpenResult.accepted(new ToyXen.Configs(host))),
                new FakeProvider("daemon", Set.of("toy"), ToyXen.Daemon.class,
                        r -> OpenResult.accepted(new ToyXen.Daemon(host))),
                new FakeProvider("hyper", Set.of("toy"), ToyXen.Hypervisor.class,
                        r -> OpenResult.accepted(new ToyXen.Hypervisor(host)))), List.of(ownerFirst))).open()) {
            Domain a = c.defineDomain(ToyXen.xml("a", UUID.randomUUID()));
            host.log.clear();
            assertThat(a.state().state()).isEqualTo(DomainState.SHUTOFF);
            assertThat(host.log).containsExactly("configs domainState a");
        }
    }

    @Test
    void membersLeftOutOfAnOperationsOrderNeverServeIt() {
        conn.createDomain(ToyXen.xml("t", UUID.randomUUID()));
        Domain t = conn.domainByName("t");
        host.log.clear();
        t.suspend();
        t.resume();
        assertThat(host.log).containsExactly("daemon suspend t", "daemon resume t");
        // Reads of the hypervisor's are not declared by the store for suspend; the operation is still supported.
        assertThat(conn.supports(Operation.DOMAIN_SUSPEND)).isTrue();
        assertThat(conn.supports(Operation.DOMAIN_SAVE)).isFalse();
    }

    // ---- membership ---------------------------------------------------------------------------

    @Test
    void aProviderOfTheSchemeThatIsNoMemberIsNeverAsked() {
        assertThat(strangerOpened).hasValue(0);
        assertThat(conn.supports(Operation.CONNECT_GET_TYPE)).isFalse();
    }

    @Test
    void aRequiredMemberThatDeclinesFailsTheOpenNamingIt() {
        assertThatThrownBy(() -> Jvirt.builder().uri("toy:///").providers(registry(
                OpenResult.declined("no daemon socket"), OpenResult.accepted(new ToyXen.Hypervisor(host)))).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).contains("requires driver 'daemon', which declined: no daemon socket");
                });
    }

    @Test
    void anOptionalMemberMayDecline() {
        try (Connection c = Jvirt.builder().uri("toy:///").providers(registry(
                OpenResult.accepted(new ToyXen.Daemon(host)), OpenResult.declined("no privcmd"))).open()) {
            c.defineDomain(ToyXen.xml("a", UUID.randomUUID())).start();
            assertThat(c.listAllDomains(DomainListFilter.ACTIVE)).extracting(Domain::name).containsExactly("a");
            // Without the hypervisor the daemon answers the state.
            assertThat(c.domainByName("a").state().state()).isEqualTo(DomainState.RUNNING);
        }
    }

    @Test
    void aRequiredMemberNobodyProvidesFailsTheOpen() {
        Composition needsXend = Composition.forScheme("toy").required("xend").optional("daemon", "configs").build();
        assertThatThrownBy(() -> Jvirt.builder().uri("toy:///").providers(ProviderRegistry.of(List.of(
                new FakeProvider("daemon", Set.of("toy"), ToyXen.Daemon.class,
                        r -> OpenResult.accepted(new ToyXen.Daemon(host))),
                new FakeProvider("configs", Set.of("toy"), ToyXen.Configs.class,
                        r -> OpenResult.accepted(new ToyXen.Configs(host)))), List.of(needsXend))).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).contains("requires driver 'xend', which is not installed");
                });
    }

    @Test
    void aSchemeOneProviderServesNeedsNoComposition() {
        try (Connection c = Jvirt.builder().uri("toy:///").providers(ProviderRegistry.of(List.of(
                new FakeProvider("configs", Set.of("toy"), ToyXen.Configs.class,
                        r -> OpenResult.accepted(new ToyXen.Configs(host)))), List.of(ToyXen.COMPOSITION))).open()) {
            // The composition requires the daemon, but a scheme one provider serves is served by it alone.
            assertThat(c.defineDomain(ToyXen.xml("a", UUID.randomUUID())).isPersistent()).isTrue();
            assertThat(c.supports(Operation.DOMAIN_CREATE)).isFalse();
        }
    }

    @Test
    void aSecondCompositionForASchemeIsAProblemAndIgnored() {
        Composition other = Composition.forScheme("toy").required("configs").build();
        ProviderRegistry registry = ProviderRegistry.of(List.of(), List.of(ToyXen.COMPOSITION, other));
        assertThat(registry.composition("toy")).isSameAs(ToyXen.COMPOSITION);
        assertThat(registry.problems()).singleElement().asString().contains("two compositions serve scheme 'toy'");
    }

    // ---- the descriptor -----------------------------------------------------------------------

    @Test
    void aCompositionIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> Composition.forScheme("x").required("a").order(op -> true, "a", "b").build())
                .hasMessageContaining("names 'b' for virConnectGetType, but its members are a");
        assertThatThrownBy(() -> Composition.forScheme("x").required("a").gather(Operation.DOMAIN_SUSPEND))
                .hasMessageContaining("gathers virDomainSuspend, which is no listing");
        assertThatThrownBy(() -> Composition.forScheme("x").required("a", "b")
                .crossDriver(Operation.DOMAIN_SUSPEND, "a", "b"))
                .hasMessageContaining("the core can do so for: virDomainCreate");
        assertThatThrownBy(() -> Composition.forScheme("x").required("a").crossDriver(Operation.DOMAIN_CREATE, "a", "a")
                .build()).hasMessageContaining("across drivers with one member, 'a'");
        assertThatThrownBy(() -> Composition.forScheme("X")).hasMessageContaining("lower case");
        assertThatThrownBy(() -> Composition.forScheme("x").build()).hasMessageContaining("has no members");
    }

    @Test
    void aCompositionReadsAsText() {
        String text = ToyXen.COMPOSITION.toString();
        assertThat(text).startsWith("composition of toy:///: daemon (required), hyper (optional), configs (optional)");
        assertThat(text).contains("virDomainCreate: cross-driver over daemon, configs, configs's definitions through daemon");
        assertThat(text).contains("virConnectListAllDomains: gather over hyper, daemon, configs, in order whoever owns");
    }

    @Test
    void flagsNoMemberHonoursAreRefusedInTheDriversWords() {
        conn.createDomain(ToyXen.xml("t", UUID.randomUUID()));
        assertThatThrownBy(() -> conn.domainByName("t").destroy(org.jvirt.api.DestroyFlag.GRACEFUL))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.NONE);
                    assertThat(e.getMessage()).isEqualTo("unsupported flags (0x1) in function daemonDomainDestroyFlags");
                });
        assertThat(conn.domainByName("t").isActive()).isTrue();
    }

    private static List<String> names(List<Domain> domains) {
        return domains.stream().map(Domain::name).toList();
    }
}
