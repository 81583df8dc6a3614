package org.jvirt.proxy.remote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * Values as libvirt's wire carries them and jvirt's API holds them: C strings in byte arrays, CPU bitmaps,
 * and the errors libvirt's client raises itself ({@code VIR_ERR_RPC} in {@code VIR_FROM_REMOTE}) when an
 * argument or an answer breaks the protocol's limits.
 */
final class WireValues {
    private WireValues() {
    }

    /**
     * A C string sent as bytes (a {@code char<N>} field, or a fixed {@code char[N]} array): its bytes up to
     * the first NUL, or all of them when there is none.
     */
    static String cString(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * A C string that must fit a buffer of {@code buffer} bytes (its NUL included), as libvirt's client
     * copies it with {@code virStrcpyStatic}.
     *
     * @throws VirtException RPC "{@code what} exceeds maximum: N" when it does not fit
     */
    static String cString(byte[] raw, int buffer, String what) {
        String s = cString(raw);
        if (s.getBytes(StandardCharsets.UTF_8).length >= buffer) {
            throw rpc(what + " exceeds maximum: " + (buffer - 1));
        }
        return s;
    }

    /** Bytes needed for a map of {@code cpus} host CPUs: libvirt's {@code VIR_CPU_MAPLEN}. */
    static int mapLength(int cpus) {
        return (cpus + 7) / 8;
    }

    /**
     * The CPUs of {@code length} bytes of {@code maps} from {@code offset}: CPU n is bit {@code n % 8} of
     * byte {@code n / 8}, as libvirt's cpumaps ({@code VIR_CPU_USABLE}).
     */
    static BitSet bitmap(byte[] maps, int offset, int length) {
        int from = Math.min(offset, maps.length);
        int to = Math.min(offset + length, maps.length);
        return BitSet.valueOf(Arrays.copyOfRange(maps, from, to));
    }

    /** {@code cpus} as a libvirt cpumap of {@code length} bytes. */
    static byte[] cpumap(BitSet cpus, int length) {
        return Arrays.copyOf(cpus.toByteArray(), length);
    }

    /** libvirt's client-side protocol error: {@code VIR_ERR_RPC} in {@code VIR_FROM_REMOTE}, "RPC error: ...". */
    static VirtException rpc(String detail) {
        return new VirtException(ErrorCode.RPC, ErrorDomain.REMOTE, ErrorCode.RPC.format(detail));
    }

    /**
     * The generated client's check of a list argument or answer against its limit: "too many remote
     * strings: N > M, in parameter 'names' for 'virConnectListDefinedDomains'".
     */
    static void checkList(int size, int max, String kind, String parameter, String function) {
        if (size > max) {
            throw rpc("too many remote " + kind + "s: " + size + " > " + max + ",in parameter '" + parameter
                    + "' for '" + function + "'");
        }
    }
}
