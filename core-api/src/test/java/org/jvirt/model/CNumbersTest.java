package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers as libvirt's virStrToLong family reads them with no end pointer ({@link CNumbers}): C's
 * strtol and strtoul over the whole text. An empty expectation means libvirt's -1 (null here).
 */
class CNumbersTest {

    private static String read(Function<String, Long> reader, String text) {
        Long v = reader.apply(text);
        return v == null ? "" : Long.toUnsignedString(v);
    }

    @ParameterizedTest(name = "uip ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "42|42", "' \t42'|42", "+42|42", "4294967295|4294967295", "00000000004294967295|4294967295",
        "'42 '|''", "-0|''", "-1|''", "4294967296|''", "''|''", "' '|''", "+|''", "0x10|''", "1e3|''", "٤٢|''",
    })
    void uipIsAnUnsignedIntInDecimalWithoutAMinusSign(String text, String expected) {
        assertThat(read(CNumbers::strToUip, text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "uip base 0 ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "0|0", "10|10", "0x1f|31", "' +0X1F'|31", "010|8", "08|''", "0x|''", "0xg|''", "0x+5|''", "0-0|''",
        "0xffffffff|4294967295", "0x100000000|''", "-0x1|''",
    })
    void uipInBaseZeroReadsHexadecimalAndOctalPrefixes(String text, String expected) {
        assertThat(read(t -> CNumbers.strToUip(t, 0), text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ullp base 16 ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "ff|255", "0xff|255", "0XFF|255", "0x|''", "ffffffffffffffff|18446744073709551615", "10000000000000000|''",
    })
    void ullpInBaseSixteenAllowsThePrefix(String text, String expected) {
        assertThat(read(t -> CNumbers.strToUllp(t, 16), text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ui ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "7|7", "-1|4294967295", "-4294967295|1", "-4294967296|''", "4294967296|''",
    })
    void uiWrapsANegativeNumberAround(String text, String expected) {
        assertThat(read(CNumbers::strToUi, text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ull ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "-1|18446744073709551615", "18446744073709551615|18446744073709551615", "18446744073709551616|''",
    })
    void ullWrapsANegativeNumberAround(String text, String expected) {
        assertThat(read(CNumbers::strToUll, text)).isEqualTo(expected);
        assertThat(read(CNumbers::strToUllp, text)).isEqualTo(text.startsWith("-") ? "" : expected);
    }

    @ParameterizedTest(name = "ll and i ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "-9223372036854775808|-9223372036854775808|''", "9223372036854775807|9223372036854775807|''",
        "9223372036854775808|''|''", "-9223372036854775809|''|''", "-2147483648|-2147483648|-2147483648",
        "2147483647|2147483647|2147483647", "2147483648|2147483648|''", "+7|7|7", "' -7'|-7|-7", "'7 '|''|''",
    })
    void llAndIAreSigned(String text, String ll, String i) {
        assertThat(String.valueOf(CNumbers.strToLl(text))).isEqualTo(ll.isEmpty() ? "null" : ll);
        assertThat(String.valueOf(CNumbers.strToI(text))).isEqualTo(i.isEmpty() ? "null" : i);
    }
}
