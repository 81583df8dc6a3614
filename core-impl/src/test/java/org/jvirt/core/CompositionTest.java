package org.jvirt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.spi.OpenResult;
import org.junit.jupiter.api.Test;

/**
 * Probing, composition in probing order (no composition given) with fall-through, NO_SUPPORT and
 * read-only in the core, and the Guice wiring. The composition modes have their own test,
 * {@link CompositionModesTest}.
 */
class CompositionTest {
    private final FakeDriver hypervisor = new FakeDriver("hyper", true);
    private final FakeDriver daemon = new FakeDriver("daemon", false);

    /** Without a composition the drivers are asked in probing order: hyper, then daemon. */
    private Connection open(boolean readOnly) {
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                new FakeProvider("hyper", Set.of("fake"), r -> OpenResult.accepted(hypervisor)),
                new FakeProvider("shy", Set.of("fake"), r -> OpenResult.declined("not today")),
                new FakeProvider("daemon", Set.of("fake"), r -> OpenResult.accepted(daemon))));
        return Jvirt.builder().uri("fake:///").readOnly(readOnly).providers(registry).open();
    }

    @Test
    void everyAcceptingDriverComposesTheConnection() {
        try (Connection c = open(false)) {
            assertThat(c.type()).isEqualTo("HYPER");
            assertThat(hypervisor.calls).containsExactly("type");
            assertThat(daemon.calls).isEmpty();
            assertThat(c.supports(Operation.DOMAIN_SUSPEND)).isTrue();
            assertThat(c.supports(Operation.DOMAIN_GET_INFO)).isFalse();
        }
        assertThat(hypervisor.closed).isTrue();
        assertThat(daemon.closed).isTrue();
    }

    @Test
    void aDeclinedCallFallsThroughToTheNextDriver() {
        try (Connection c = open(false)) {
            Domain d = c.domainByName("guest");
            assertThat(d.name()).isEqualTo("guest");
            assertThat(hypervisor.calls).containsExactly("lookup guest");
            assertThat(daemon.calls).containsExactly("lookup guest");
        }
    }

    @Test
    void driverErrorsNameTheDriver() {
        try (Connection c = open(false)) {
            assertThatThrownBy(() -> c.domainByName("boom")).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                assertThat(e.driver()).isEqualTo("daemon");
            });
        }
    }

    @Test
    void anUndeclaredOperationFailsInTheCoreWithoutReachingADriver() {
        try (Connection c = open(false)) {
            Domain d = c.domainByName("guest");
            hypervisor.calls.clear();
            daemon.calls.clear();
            assertThatThrownBy(d::info).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT);
                assertThat(e.code().number()).isEqualTo(3);
                assertThat(e.driver()).isNull();
                assertThat(e.getMessage()).isEqualTo("this function is not supported by the connection driver: "
                        + "virDomainGetInfo (not declared by the drivers of fake:///: hyper, daemon)");
            });
            assertThatThrownBy(c::nodeInfo).isInstanceOf(VirtException.class);
            assertThat(hypervisor.calls).isEmpty();
            assertThat(daemon.calls).isEmpty();
        }
    }

    @Test
    void readOnlyConnectionsRefuseMutationsInTheCore() {
        try (Connection c = open(true)) {
            Domain d = c.domainByName("guest");
            daemon.calls.clear();
            assertThatThrownBy(d::suspend).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED);
                assertThat(e.getMessage()).isEqualTo("operation forbidden: read only access prevents virDomainSuspend");
            });
            assertThatThrownBy(() -> c.defineDomain("<domain/>")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED));
            assertThat(daemon.calls).isEmpty();
            assertThat(c.isReadOnly()).isTrue();
        }
    }

    @Test
    void aClosedConnectionRefusesEverything() {
        Connection c = open(false);
        c.close();
        c.close();
        assertThat(c.isAlive()).isFalse();
        assertThatThrownBy(c::type).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONN));
    }

    @Test
    void unknownSchemesListTheKnownOnes() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                new FakeProvider("a", Set.of("alpha"), r -> OpenResult.accepted(daemon)),
                new FakeProvider("b", Set.of("beta"), r -> OpenResult.declined("no file"))));
        assertThatThrownBy(() -> Jvirt.builder().uri("gamma:///x").providers(registry).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).isEqualTo(
                            "no connection driver available for gamma:///x (known schemes: alpha, beta)");
                });
        assertThatThrownBy(() -> Jvirt.builder().uri("beta:///x").providers(registry).open())
                .hasMessageContaining("declined by b: no file");
    }

    @Test
    void anErrorStopsProbingAndClosesWhatAccepted() {
        FakeDriver first = new FakeDriver("first", false);
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                new FakeProvider("first", Set.of("x"), r -> OpenResult.accepted(first)),
                new FakeProvider("broken", Set.of("x"), r -> {
                    throw new IllegalStateException("kaput");
                })));
        assertThatThrownBy(() -> Jvirt.builder().uri("x:///").providers(registry).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.driver()).isEqualTo("broken");
                    assertThat(e.getMessage()).contains("kaput");
                });
        assertThat(first.closed).isTrue();
    }

    @Test
    void duplicateProviderNamesAreReported() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                new FakeProvider("same", Set.of("x"), r -> OpenResult.accepted(daemon)),
                new FakeProvider("same", Set.of("y"), r -> OpenResult.accepted(daemon))));
        assertThat(registry.providers()).hasSize(1);
        assertThat(registry.problems()).singleElement().asString().contains("two driver providers are named 'same'");
    }

    @Test
    void malformedUuidStringsAreRejectedBeforeTheDriver() {
        try (Connection c = open(false)) {
            assertThatThrownBy(() -> c.domainByUuidString("not-a-uuid")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
            assertThat(c.domainByUuidString("11111111222233334444555555555555").name())
                    .isEqualTo(FakeDriver.KNOWN.toString());
        }
    }

    @Test
    void aDriverOfAnotherClassThanDeclaredIsRefused() {
        FakeDriver impostor = new FakeDriver("impostor", false) {
        };
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                new FakeProvider("impostor", Set.of("x"), r -> OpenResult.accepted(impostor))));
        assertThatThrownBy(() -> Jvirt.builder().uri("x:///").providers(registry).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).contains("not its declared org.jvirt.core.FakeDriver");
                });
        assertThat(impostor.closed).isTrue();
    }

    @Test
    void nativeFormatsGoToTheDriverThatSpeaksThem() {
        NativeFormatDriver xend = new NativeFormatDriver("xend", "xen-sxpr");
        NativeFormatDriver xm = new NativeFormatDriver("xm", "xen-xm");
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                new FakeProvider("xend", Set.of("xen"), NativeFormatDriver.class, r -> OpenResult.accepted(xend)),
                new FakeProvider("xm", Set.of("xen"), NativeFormatDriver.class, r -> OpenResult.accepted(xm))));
        try (Connection c = Jvirt.builder().uri("xen:///").providers(registry).open()) {
            String xml = "<domain type='xen'><name>g</name><memory>1024</memory><os><type>hvm</type></os></domain>";
            assertThat(c.domainXmlToNative("xen-xm", xml)).isEqualTo("xm:xen-xm:g");
            assertThat(c.domainXmlToNative("xen-sxpr", xml)).isEqualTo("xend:xen-sxpr:g");
            assertThat(c.domainXmlFromNative("xen-xm", "cfg")).contains("<name>xm-cfg</name>");
            assertThatThrownBy(() -> c.domainXmlToNative("qemu-argv", xml)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                assertThat(e.getMessage()).isEqualTo(
                        "invalid argument: unsupported config type qemu-argv (this connection converts: xen-sxpr, xen-xm)");
            });
            assertThatThrownBy(() -> c.domainXmlFromNative("nope", "x")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("unsupported config type nope"));
        }
        try (Connection c = open(false)) {
            assertThatThrownBy(() -> c.domainXmlToNative("qemu-argv", "<domain/>")).isInstanceOfSatisfying(
                    VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT));
        }
    }

    @Test
    void aModuleThatBreaksTheInjectorClosesTheDrivers() {
        FakeDriver only = new FakeDriver("only", false);
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                new FakeProvider("only", Set.of("x"), r -> OpenResult.accepted(only))));
        // An interface bound to nothing: Guice refuses the whole injector.
        com.google.inject.Module broken = binder -> binder.bind(Runnable.class);
        assertThatThrownBy(() -> Jvirt.builder().uri("x:///").providers(registry).module(broken).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).contains("cannot assemble the connection to x:///");
                });
        assertThat(only.closed).isTrue();
    }

    @Test
    void anEmbeddersModuleOverridesTheCoresDefaults() {
        FakeDriver only = new FakeDriver("only", false);
        ProviderRegistry registry = ProviderRegistry.of(List.of(
                new FakeProvider("only", Set.of("x"), r -> OpenResult.accepted(only))));
        // The embedder decides how the router is made: here, read-only whatever the caller asked.
        com.google.inject.Module readOnlyRouter = binder -> binder.bind(org.jvirt.core.routing.Router.class)
                .toInstance(new org.jvirt.core.routing.Router(List.of(only), null, true, "x:///"));
        try (Connection c = Jvirt.builder().uri("x:///").providers(registry).module(readOnlyRouter).open()) {
            assertThat(c.isReadOnly()).isTrue();
            assertThatThrownBy(() -> c.domainByName("g").suspend()).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED));
        }
    }

    @Test
    void withoutModulesTheDefaultsAreWiredAsTheirInjectorWouldWireThem() {
        FakeDriver direct = new FakeDriver("only", false);
        FakeDriver injected = new FakeDriver("only", false);
        com.google.inject.Module nothing = binder -> { };
        try (Connection plain = Jvirt.builder().uri("x:///").providers(ProviderRegistry.of(List.of(
                     new FakeProvider("only", Set.of("x"), r -> OpenResult.accepted(direct))))).open();
             Connection viaGuice = Jvirt.builder().uri("x:///").providers(ProviderRegistry.of(List.of(
                     new FakeProvider("only", Set.of("x"), r -> OpenResult.accepted(injected))))).module(nothing).open()) {
            assertThat(plain.getClass()).isEqualTo(viaGuice.getClass());
            assertThat(plain.uri()).isEqualTo(viaGuice.uri());
            assertThat(plain.isReadOnly()).isEqualTo(viaGuice.isReadOnly()).isFalse();
            for (Operation op : Operation.values()) {
                assertThat(plain.supports(op)).as(op.name()).isEqualTo(viaGuice.supports(op));
            }
        }
        assertThat(direct.closed).isTrue();
        assertThat(injected.closed).isTrue();
    }
}
