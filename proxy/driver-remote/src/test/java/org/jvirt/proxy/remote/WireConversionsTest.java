package org.jvirt.proxy.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.remote.RemoteTypedParam;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamBoolean;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamDouble;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamInt;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamLlong;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamString;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamUint;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamUllong;

/**
 * The conversions a conformance run cannot see go wrong: C strings cut at their NUL, CPU bitmaps bit by
 * bit, typed parameters' wire types in both directions (unsigned values keep their bits), and the limits
 * libvirt's client checks.
 */
class WireConversionsTest {

    @Test
    void aCStringEndsAtItsNulAndAFixedArrayMayHaveNone() {
        assertThat(WireValues.cString("i686\0\0\0\0".getBytes(StandardCharsets.US_ASCII))).isEqualTo("i686");
        assertThat(WireValues.cString("selinux\0".getBytes(StandardCharsets.US_ASCII))).isEqualTo("selinux");
        assertThat(WireValues.cString("x86_64".getBytes(StandardCharsets.US_ASCII))).isEqualTo("x86_64");
        assertThat(WireValues.cString(new byte[0])).isEmpty();
        assertThat(WireValues.cString("é\0".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
    }

    @Test
    void aCStringLongerThanLibvirtsBufferIsAnRpcErrorInItsWords() {
        byte[] label = ("x".repeat(4097) + "\0").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> WireValues.cString(label, 4097, "security label"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RPC);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.REMOTE);
                    assertThat(e.getMessage()).isEqualTo("RPC error: security label exceeds maximum: 4096");
                });
        assertThat(WireValues.cString(("x".repeat(4096) + "\0").getBytes(StandardCharsets.US_ASCII), 4097, "label"))
                .hasSize(4096);
    }

    @Test
    void cpuMapsAreLibvirtsBitOrderOneMapAfterAnother() {
        // two vCPUs, maplen 2: vCPU 0 may run on CPUs 0 and 9, vCPU 1 on CPU 15 only
        byte[] maps = {0b0000_0001, 0b0000_0010, 0, (byte) 0b1000_0000};
        assertThat(WireValues.bitmap(maps, 0, 2)).isEqualTo(bits(0, 9));
        assertThat(WireValues.bitmap(maps, 2, 2)).isEqualTo(bits(15));
        assertThat(WireValues.bitmap(maps, 4, 2)).isEqualTo(new BitSet()); // past the answer: no CPU
        assertThat(WireValues.cpumap(bits(0, 9), 3)).containsExactly(1, 2, 0);
        assertThat(WireValues.mapLength(16)).isEqualTo(2);
        assertThat(WireValues.mapLength(17)).isEqualTo(3);
    }

    @Test
    void typedParametersKeepTheirBitsAndTheirWidth() {
        List<TypedParameter> in = WireTypedParams.fromWire(List.of(
                param("i", new VirTypedParamInt(-5)), param("weight", new VirTypedParamUint(-1)),
                param("quota", new VirTypedParamLlong(-1L)), param("shares", new VirTypedParamUllong(-1L)),
                param("d", new VirTypedParamDouble(0.5)), param("b", new VirTypedParamBoolean(1)),
                param("s", new VirTypedParamString("x"))), 16, 7);
        assertThat(in).containsExactly(new TypedParameter("i", -5), new TypedParameter("weight", -1),
                new TypedParameter("quota", -1L), new TypedParameter("shares", -1L), new TypedParameter("d", 0.5),
                new TypedParameter("b", true), new TypedParameter("s", "x"));
        // UINT_MAX stays an Integer with all bits set: its unsigned value is 4294967295
        assertThat(Integer.toUnsignedLong((Integer) in.get(1).value())).isEqualTo(4_294_967_295L);
    }

    @Test
    void typedParametersGoOutWithTheTypeTheDaemonExpects() {
        List<RemoteTypedParam> out = WireTypedParams.toWire(List.of(
                new TypedParameter("weight", 256), new TypedParameter("cpu_shares", 1024),
                new TypedParameter("vcpu_quota", -1), new TypedParameter("cap", 4_000_000_000L),
                new TypedParameter("custom", 7), new TypedParameter("custom2", 7L),
                new TypedParameter("reported", 7), new TypedParameter("flag", false)),
                Map.of("reported", WireTypedParams.ULLONG), WireTypedParams.SCHEDULER_TYPES);
        assertThat(out).extracting(p -> p.value()).containsExactly(
                new VirTypedParamUint(256), new VirTypedParamUllong(1024), new VirTypedParamLlong(-1),
                new VirTypedParamUint((int) 4_000_000_000L), new VirTypedParamInt(7), new VirTypedParamLlong(7),
                new VirTypedParamUllong(7), new VirTypedParamBoolean(0));
        // a value the documented type cannot hold goes with its own, for the daemon to refuse
        assertThat(WireTypedParams.toWire(List.of(new TypedParameter("weight", 1L << 40)), Map.of(),
                WireTypedParams.SCHEDULER_TYPES).get(0).value()).isEqualTo(new VirTypedParamLlong(1L << 40));
        assertThat(WireTypedParams.toWire(List.of(new TypedParameter("weight", "heavy")), Map.of(),
                WireTypedParams.SCHEDULER_TYPES).get(0).value()).isEqualTo(new VirTypedParamString("heavy"));
    }

    @Test
    void moreTypedParametersThanAskedOrAllowedIsLibvirtsRpcError() {
        List<RemoteTypedParam> two = List.of(param("a", new VirTypedParamInt(1)), param("b", new VirTypedParamInt(2)));
        assertThatThrownBy(() -> WireTypedParams.fromWire(two, 16, 1)).isInstanceOf(VirtException.class)
                .hasMessage("RPC error: too many parameters '2' for nparams '1'");
        assertThatThrownBy(() -> WireTypedParams.fromWire(two, 1, 16)).isInstanceOf(VirtException.class)
                .hasMessage("RPC error: too many parameters '2' for limit '1'");
        List<RemoteTypedParam> longName = List.of(param("n".repeat(80), new VirTypedParamInt(1)));
        assertThatThrownBy(() -> WireTypedParams.fromWire(longName, 16, 16)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
    }

    private static RemoteTypedParam param(String name, RemoteTypedParamValue value) {
        return new RemoteTypedParam(name, value);
    }

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }
}
