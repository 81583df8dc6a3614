package org.jvirt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Codes cross libvirt's wire as numbers: they must be libvirt's, and dense so ofNumber is total. */
class ErrorNumberingTest {

    @Test
    void codesAreLibvirtsNumbers() {
        assertThat(ErrorCode.NO_SUPPORT.number()).isEqualTo(3);
        assertThat(ErrorCode.NO_CONNECT.number()).isEqualTo(5);
        assertThat(ErrorCode.INVALID_ARG.number()).isEqualTo(8);
        assertThat(ErrorCode.XML_ERROR.number()).isEqualTo(27);
        assertThat(ErrorCode.OPERATION_DENIED.number()).isEqualTo(29);
        assertThat(ErrorCode.NO_DOMAIN.number()).isEqualTo(42);
        assertThat(ErrorCode.OPERATION_INVALID.number()).isEqualTo(55);
        assertThat(ErrorCode.CONFIG_UNSUPPORTED.number()).isEqualTo(67);
        assertThat(ErrorCode.XML_INVALID_SCHEMA.number()).isEqualTo(92);
        assertThat(ErrorCode.MULTIPLE_DOMAINS.number()).isEqualTo(110);
        assertThat(ErrorDomain.TEST.number()).isEqualTo(12);
        assertThat(ErrorDomain.DOMAIN.number()).isEqualTo(20);
        assertThat(ErrorDomain.CH.number()).isEqualTo(72);
    }

    @Test
    void numbersAreDenseAndRoundTrip() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.number()).isEqualTo(code.ordinal());
            assertThat(ErrorCode.ofNumber(code.number())).isSameAs(code);
        }
        for (ErrorDomain domain : ErrorDomain.values()) {
            assertThat(domain.number()).isEqualTo(domain.ordinal());
            assertThat(ErrorDomain.ofNumber(domain.number())).isSameAs(domain);
        }
        assertThatThrownBy(() -> ErrorCode.ofNumber(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorCode.ofNumber(1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesAreWordedAsLibvirtWordsThem() {
        assertThat(ErrorCode.OPERATION_INVALID.format("domain is not running"))
                .isEqualTo("Requested operation is not valid: domain is not running");
        assertThat(ErrorCode.NO_CONNECT.format("foo:///"))
                .isEqualTo("no connection driver available for foo:///");
        assertThat(ErrorCode.INVALID_CONN.format("virDomainGetInfo"))
                .isEqualTo("invalid connection pointer in virDomainGetInfo");
        assertThat(ErrorCode.SYSTEM_ERROR.format("cannot read")).isEqualTo("cannot read");
        VirtException e = VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "no domain 'x'", "x");
        assertThat(e.getMessage()).isEqualTo("Domain not found: no domain 'x'");
        assertThat(e.object()).isEqualTo("x");
        assertThat(e.driver()).isNull();
        assertThat(e.attributedTo("test").driver()).isEqualTo("test");
        assertThat(e.attributedTo("test").attributedTo("other").driver()).isEqualTo("test");
    }

    @Test
    void statesAndReasons() {
        assertThat(DomainState.ofNumber(5)).isEqualTo(DomainState.SHUTOFF);
        assertThat(DomainState.SHUTOFF.label()).isEqualTo("shut off");
        assertThat(DomainStateReason.of(DomainState.SHUTOFF, 2)).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
        assertThat(DomainStateReason.of(DomainState.PAUSED, 99)).isEqualTo(DomainStateReason.PAUSED_UNKNOWN);
        for (DomainState s : DomainState.values()) {
            assertThat(DomainStateReason.of(s, 0).state()).isEqualTo(s);
        }
    }
}
