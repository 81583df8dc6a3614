package org.jvirt.core.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.spi.ConnectUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UriParserTest {

    @Test
    void localTestUri() {
        ConnectUri uri = UriParser.parse("test:///default");
        assertThat(uri.scheme()).isEqualTo("test");
        assertThat(uri.transport()).isNull();
        assertThat(uri.host()).isNull();
        assertThat(uri.port()).isEqualTo(-1);
        assertThat(uri.path()).isEqualTo("/default");
        assertThat(uri.isRemote()).isFalse();
    }

    @Test
    void everyPartOfTheGrammar() {
        ConnectUri uri = UriParser.parse("QEMU+ssh://root@host.example:2222/system?socket=/tmp/s%20x&no_verify=1");
        assertThat(uri.scheme()).isEqualTo("qemu");
        assertThat(uri.transport()).isEqualTo("ssh");
        assertThat(uri.user()).isEqualTo("root");
        assertThat(uri.host()).isEqualTo("host.example");
        assertThat(uri.port()).isEqualTo(2222);
        assertThat(uri.path()).isEqualTo("/system");
        assertThat(uri.query()).containsEntry("socket", "/tmp/s x").containsEntry("no_verify", "1");
        assertThat(uri.isRemote()).isTrue();
    }

    @Test
    void ipv6HostAndEmbedRoot() {
        assertThat(UriParser.parse("xen://[::1]:80/").host()).isEqualTo("[::1]");
        assertThat(UriParser.parse("qemu:///embed?root=/tmp/a+b").query()).containsEntry("root", "/tmp/a+b");
    }

    @Test
    void xendsHttpAddressIsNotALibvirtDaemonsEvenWithAHost() {
        ConnectUri xend = UriParser.parse("http://xenhost:8000/");
        assertThat(xend.host()).isEqualTo("xenhost");
        assertThat(xend.port()).isEqualTo(8000);
        assertThat(xend.isRemote()).isFalse();
        assertThat(UriParser.parse("xen://xenhost/").isRemote()).isTrue();
    }

    @Test
    void transportWithoutHostIsRemote() {
        assertThat(UriParser.parse("test+unix:///default?socket=/run/x").isRemote()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "default", ":///x", "te st:///x", "qemu://host:99999/", "qemu://host:abc/",
            "test:///%zz"})
    void malformedUrisAreInvalidArguments(String text) {
        assertThatThrownBy(() -> UriParser.parse(text))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                    assertThat(e.getMessage()).contains("Unable to parse URI");
                });
    }

    @Test
    void nullIsInvalid() {
        assertThatThrownBy(() -> UriParser.parse(null)).isInstanceOf(VirtException.class);
    }
}
