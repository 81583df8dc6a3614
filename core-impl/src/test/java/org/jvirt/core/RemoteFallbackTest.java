package org.jvirt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;
import org.junit.jupiter.api.Test;

/**
 * libvirt's client library asks its remote driver last: a local URI that no local driver serves (qemu:///system
 * without root) goes to the remote driver, which reaches the host's daemon — and only then.
 */
class RemoteFallbackTest {
    private final List<String> remoteAsked = new CopyOnWriteArrayList<>();

    private FakeProvider remote(boolean accept) {
        return new FakeProvider("remote", Set.of("remote"), r -> {
            remoteAsked.add(r.uri().text() + (r.readOnly() ? " ro" : " rw"));
            return accept ? OpenResult.accepted(new FakeDriver("remote", false))
                    : OpenResult.declined("no system daemon: no socket /run/libvirt/libvirt-sock-ro");
        });
    }

    private static FakeProvider local(OpenResult answer) {
        return new FakeProvider("hyper", Set.of("hyper"), r -> answer);
    }

    @Test
    void aLocalUriEveryLocalDriverDeclinesGoesToTheRemoteDriver() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(local(OpenResult.declined("needs root")), remote(true)),
                List.of());
        try (Connection c = Jvirt.builder().uri("hyper:///system").readOnly(true).providers(registry).open()) {
            assertThat(c.type()).isEqualTo("REMOTE");
        }
        assertThat(remoteAsked).containsExactly("hyper:///system ro");
    }

    @Test
    void aLocalDriverThatAcceptsKeepsTheUriAndTheRemoteDriverIsNeverAsked() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(local(OpenResult.accepted(new FakeDriver("hyper", false))),
                remote(true)), List.of());
        try (Connection c = Jvirt.builder().uri("hyper:///system").providers(registry).open()) {
            assertThat(c.type()).isEqualTo("HYPER");
        }
        assertThat(remoteAsked).isEmpty();
    }

    @Test
    void aLocalDriverThatFailsStopsProbingWithItsError() {
        VirtException refusal = new VirtException(ErrorCode.OPERATION_INVALID, org.jvirt.api.ErrorDomain.NONE, "refused");
        ProviderRegistry registry = ProviderRegistry.of(List.of(local(OpenResult.failed(refusal)), remote(true)), List.of());
        assertThatThrownBy(() -> Jvirt.builder().uri("hyper:///system").providers(registry).open())
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
        assertThat(remoteAsked).isEmpty();
    }

    @Test
    void whenTheRemoteDriverDeclinesTooTheErrorListsEveryReason() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(local(OpenResult.declined("needs root")), remote(false)),
                List.of());
        assertThatThrownBy(() -> Jvirt.builder().uri("hyper:///system").providers(registry).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).contains("hyper: needs root")
                            .contains("remote: no system daemon: no socket /run/libvirt/libvirt-sock-ro");
                });
    }

    @Test
    void anUnknownLocalSchemeIsAlsoOfferedToTheRemoteDriverAsLibvirtDoes() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(remote(false)), List.of());
        assertThatThrownBy(() -> Jvirt.builder().uri("nosuch:///").providers(registry).open())
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT));
        assertThat(remoteAsked).containsExactly("nosuch:/// rw");
    }
}
