package org.jvirt.proxy.xdrgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.proxy.xdrgen.Generated.hex;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.xdrgen.runtime.XdrException;

/** Each construct, generated, compiled and run: its bytes written out by hand from RFC 4506. */
class GeneratedCodeTest {
    static final String XDR = """
            const MAXS = 8;
            typedef string name<MAXS>;
            typedef name *optname;
            typedef opaque uuid[EXTERNAL];
            enum color { RED = 1, GREEN = 2, BLUE = 0x10 };
            struct scalars {
                int i; unsigned int u; hyper h; unsigned hyper uh; bool b; float f; double d;
                char c; unsigned char uc; short sh; unsigned short ush;
            };
            struct arrays {
                uuid id; opaque var<5>; int fixed[2]; int list<3>; char label<4>; unsigned char raw[2];
                string s<>; name names<2>;
            };
            struct node { name n; optname o; color col; node *next; };
            union pick switch (color c) { case RED: int r; case GREEN: case BLUE: name g; };
            union alt switch (int k) { case 1: void; case -2: hyper h; default: opaque rest<8>; };
            union flag switch (bool on) { case TRUE: int v; case FALSE: void; };
            union only switch (unsigned int k) { case 1: int a; };
            """;

    @TempDir
    static Path dir;
    static Generated g;

    @BeforeAll
    static void generate() throws Exception {
        g = Generated.compile(dir, XDR);
    }

    private void roundTrip(String type, Object value, String expectedHex) throws Throwable {
        byte[] bytes = g.encode(type, value);
        assertThat(hex(bytes)).isEqualTo(expectedHex.replaceAll("[\\s|]", ""));
        Object back = g.decode(type, bytes);
        assertThat(back).isEqualTo(value);
        assertThat(g.encode(type, back)).isEqualTo(bytes);
    }

    @Test
    void scalars() throws Throwable {
        Object v = g.make("Scalars", -1, 0xfffffffe, -2L, -1L, true, 1.5f, 1.5d, (byte) -128, (byte) 0xff,
                (short) -2, (short) 0xffff);
        roundTrip("Scalars", v, "ffffffff|fffffffe|fffffffffffffffe|ffffffffffffffff|00000001|3fc00000|3ff8000000000000"
                + "|ffffff80|000000ff|fffffffe|0000ffff");
    }

    @Test
    void arraysOpaqueStringsAndRpcgenChars() throws Throwable {
        // "arrays" would be java.util.Arrays, which generated code uses: the class takes a suffix
        assertThat(g.type("ArraysXdr").isRecord()).isTrue();
        Object v = g.make("ArraysXdr", new byte[] {1, 2, 3}, new byte[] {9}, List.of(7, 8), List.of(5),
                new byte[] {'a', 'b'}, new byte[] {(byte) 0xff, 1}, "hé", List.of("ab"));
        roundTrip("ArraysXdr", v, "01020300|00000001 09000000|00000007 00000008|00000001 00000005"
                + "|00000002 00000061 00000062|000000ff 00000001|00000003 68c3a900|00000001 00000002 61620000");
    }

    @Test
    void optionalDataTypedefsEnumsAndRecursion() throws Throwable {
        Object tail = g.make("Node", "q", Optional.empty(), g.constant("Color", "RED"), Optional.empty());
        Object v = g.make("Node", "x", Optional.of("yz"), g.constant("Color", "BLUE"), Optional.of(tail));
        roundTrip("Node", v, "00000001 78000000|00000001 00000002 797a0000|00000010"
                + "|00000001 [00000001 71000000|00000000|00000001|00000000]".replace("[", "").replace("]", ""));
        assertThat(g.type("TConstants").getField("MAXS").get(null)).isEqualTo(8);
        assertThat(g.type("TConstants").getField("EXTERNAL").get(null)).isEqualTo(3);
    }

    @Test
    void unionsOneRecordAnArm() throws Throwable {
        roundTrip("Pick", g.make("Pick$Red", 5), "00000001 00000005");
        roundTrip("Pick", g.make("Pick$G", g.constant("Color", "BLUE"), "hi"), "00000010 00000002 68690000");
        roundTrip("Alt", g.make("Alt$Case1"), "00000001");
        roundTrip("Alt", g.make("Alt$CaseMinus2", 3L), "fffffffe 0000000000000003");
        roundTrip("Alt", g.make("Alt$Default", 9, new byte[] {1}), "00000009 00000001 01000000");
        roundTrip("Flag", g.make("Flag$True", 4), "00000001 00000004");
        roundTrip("Flag", g.make("Flag$False"), "00000000");
        assertThat(g.type("Pick").isSealed()).isTrue();
        assertThatThrownBy(() -> g.make("Pick$G", g.constant("Color", "RED"), "hi"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not select this arm");
        assertThatThrownBy(() -> g.make("Alt$Default", 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not select this arm");
    }

    @Test
    void decodingChecksEveryLimitBeforeAllocating() {
        assertDecodeError("Name", "00000009 414141414141414141000000", 0, "name: length 9 exceeds the maximum 8");
        assertDecodeError("Name", "80000000", 0, "name: length 2147483648 exceeds the maximum 8");
        assertDecodeError("Name", "00000002 61620100", 6, "name: padding byte is not zero");
        assertDecodeError("Name", "00000002 c3280000", 4, "name: string is not valid UTF-8");
        assertDecodeError("Name", "00000005 6162", 0, "name: length 5 claims more than the 2 bytes left");
        assertDecodeError("ArraysXdr", "01020300 00000006", 4, "arrays.var: length 6 exceeds the maximum 5");
        assertDecodeError("ArraysXdr", "01020300 00000000 00000007 00000008 7fffffff", 16,
                "arrays.list: length 2147483647 exceeds the maximum 3");
        assertDecodeError("ArraysXdr", "01020300 00000000 00000007 00000008 00000000 00000001 00000100", 24,
                "arrays.label: 256 is out of range for char");
        assertDecodeError("ArraysXdr", "01020300 00000000 00000007 00000008 00000000 00000000 00000100 00000000", 24,
                "arrays.raw: 256 is out of range for unsigned char");
        assertDecodeError("ArraysXdr", "01020300 00000000 00000007 00000008 00000000 00000000 00000001 00000002 7ffffff0",
                32, "arrays.s: length 2147483632 claims more than the 0 bytes left");
        assertDecodeError("Scalars", "00000001 00000002 0000", 8, "scalars.h: truncated, needs 8 bytes, 2 left");
        assertDecodeError("Node", "00000001 78000000 00000002", 8, "optname: the presence word of optional data must be 0 or 1, not 2");
        assertDecodeError("Node", "00000001 78000000 00000000 00000003", 12, "color: 3 is not a member");
        assertDecodeError("Only", "00000002", 0, "only: no arm for discriminant 2");
        assertDecodeError("Scalars", "00000001 00000002 0000000000000000 0000000000000000 00000002", 24,
                "scalars.b: bool must be 0 or 1, not 2");
        assertDecodeError("Flag", "00000001 00000004 00000000", 8, "Flag: 4 bytes left over");
    }

    private static void assertDecodeError(String type, String hexBytes, long offset, String message) {
        assertThatThrownBy(() -> g.decode(type, Generated.hex(hexBytes)))
                .isInstanceOf(XdrException.class)
                .hasMessage(message + " (at offset " + offset + ")")
                .satisfies(e -> assertThat(((XdrException) e).offset()).isEqualTo(offset));
    }

    @Test
    void encodingRefusesValuesOverTheirLimits() throws Throwable {
        Object tooLong = g.make("Node", "123456789", Optional.empty(), g.constant("Color", "RED"), Optional.empty());
        assertThatThrownBy(() -> g.encode("Node", tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name: length 9 exceeds the maximum 8");
        Object badUuid = g.make("ArraysXdr", new byte[] {1, 2}, new byte[0], List.of(7, 8), List.of(), new byte[0],
                new byte[2], "", List.of());
        assertThatThrownBy(() -> g.encode("ArraysXdr", badUuid)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uuid: needs exactly 3 bytes, not 2");
        Object longList = g.make("ArraysXdr", new byte[3], new byte[0], List.of(7, 8), List.of(1, 2, 3, 4), new byte[0],
                new byte[2], "", List.of());
        assertThatThrownBy(() -> g.encode("ArraysXdr", longList)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arrays.list: length 4 exceeds the maximum 3");
        Object shortFixed = g.make("ArraysXdr", new byte[3], new byte[0], List.of(7), List.of(), new byte[0],
                new byte[2], "", List.of());
        assertThatThrownBy(() -> g.encode("ArraysXdr", shortFixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arrays.fixed: needs exactly 2 elements, not 1");
        assertThatThrownBy(() -> g.make("Node", null, Optional.empty(), g.constant("Color", "RED"), Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }
}
