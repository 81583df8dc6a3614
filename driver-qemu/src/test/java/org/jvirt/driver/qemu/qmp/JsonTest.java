package org.jvirt.driver.qemu.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsWhatQmpSends() throws JsonException {
        Map<String, Object> m = Json.parseObject("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2,"
                + " \"major\": 7}, \"package\": \"Debian 1:7.2\"}, \"capabilities\": [\"oob\"]}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> qmp = (Map<String, Object>) m.get("QMP");
        assertThat(qmp.get("capabilities")).isEqualTo(List.of("oob"));
        assertThat(Json.parse("{\"return\": {\"actual\": 67108864, \"f\": 1.5e3, \"n\": null, \"t\": true}}"))
                .isEqualTo(Map.of("return", java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                        Json.object("actual", 67108864L, "f", new BigDecimal("1.5e3"), "n", null, "t", true)))));
        assertThat(Json.parse("-0")).isEqualTo(0L);
        assertThat(Json.parse("123456789012345678901234567890")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void stringsRoundTripWithEscapes() throws JsonException {
        String tricky = "a\"b\\c\n\t\u0001é€😀/";
        String written = Json.write(Json.object("s", tricky));
        assertThat(written).doesNotContain("\n");
        assertThat(Json.parseObject(written).get("s")).isEqualTo(tricky);
        assertThat(Json.parse("\"\\u00e9\\ud83d\\ude00\\/\"")).isEqualTo("é😀/");
    }

    @Test
    void writesCompactOrderedObjects() {
        assertThat(Json.write(Json.object("execute", "balloon", "arguments", Json.object("value", 1L << 30), "id", 3)))
                .isEqualTo("{\"execute\":\"balloon\",\"arguments\":{\"value\":1073741824},\"id\":3}");
        assertThat(Json.write(List.of(true, false, "x"))).isEqualTo("[true,false,\"x\"]");
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesGarbageWithAnOffset() {
        for (String bad : List.of("", "{", "}", "{\"a\"}", "{\"a\":}", "[1,]", "[1 2]", "tru", "nul", "01", "1.",
                "1e", "-", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "{\"a\":1,\"a\":2}", "{} x", "{'a':1}",
                "\u0000", "[1]]", "NaN")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(JsonException.class)
                    .hasMessageContaining("offset");
        }
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() throws JsonException {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class)
                .hasMessageContaining("nested deeper than 64");
        assertThat(Json.parse("[".repeat(64) + "]".repeat(64), 64)).isInstanceOf(List.class);
    }

    @Test
    void refusesAbsurdNumbers() {
        assertThatThrownBy(() -> Json.parse("1" + "0".repeat(500))).isInstanceOf(JsonException.class)
                .hasMessageContaining("number too long");
    }

    @Test
    void describesTypes() {
        assertThat(Json.describe(null)).isEqualTo("null");
        assertThat(Json.describe(Map.of())).isEqualTo("an object");
        assertThat(Json.describe(List.of())).isEqualTo("an array");
        assertThat(Json.describe(1L)).isEqualTo("a number");
    }
}
