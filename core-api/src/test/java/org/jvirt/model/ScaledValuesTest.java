package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * Sizes with units as libvirt's virParseScaledValue, virScaleInteger, virDomainParseMemory and
 * virFormatIntPretty read and write them ({@link ScaledValues}); the errors are libvirt's.
 */
class ScaledValuesTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource(delimiter = '|', value = {
        "b|1", "Byte|1", "BYTES|1", "k|1024", "KiB|1024", "KIB|1024", "kB|1000", "M|1048576", "GB|1000000000",
        "t|1099511627776", "PiB|1125899906842624", "e|1152921504606846976", "EB|1000000000000000000",
        "xx|0", "iB|0", "KiBs|0", "kilobyte|0", "''|0",
    })
    void unitsAreVirScaleIntegersTable(String unit, long bytes) {
        assertThat(ScaledValues.bytesPerUnit(unit)).isEqualTo(bytes);
    }

    @Test
    void aValueIsScaledByItsUnitOrTheDefaultScaleUpToTheLimit() {
        assertThat(ScaledValues.parse("3", null, "./x", 1024, -1L)).isEqualTo(3072);
        assertThat(ScaledValues.parse("3", "", "./x", 1, -1L)).isEqualTo(3);
        assertThat(ScaledValues.parse("3", "MB", "./x", 1, -1L)).isEqualTo(3_000_000);
        assertThat(ScaledValues.parse("15", "EiB", "./x", 1, -1L)).isEqualTo(15L << 60);
    }

    @Test
    void malformedMissingAndOversizedValuesAreRefusedInLibvirtsWords() {
        assertRefused(() -> ScaledValues.parse("", "KiB", "./@size", 1024, -1L), ErrorCode.XML_ERROR, ErrorDomain.XML,
                "XML error: missing element or attribute './@size'");
        assertRefused(() -> ScaledValues.parse(null, null, "./@size", 1024, -1L), ErrorCode.XML_ERROR,
                ErrorDomain.XML, "XML error: missing element or attribute './@size'");
        assertRefused(() -> ScaledValues.parse("-1", null, "./@size", 1024, -1L), ErrorCode.XML_ERROR,
                ErrorDomain.XML, "XML error: Invalid value '-1' for element or attribute './@size'");
        assertRefused(() -> ScaledValues.parse("1", "parsec", "./@size", 1024, -1L), ErrorCode.INVALID_ARG,
                ErrorDomain.NONE, "invalid argument: unknown suffix 'parsec'");
        assertRefused(() -> ScaledValues.parse("8", "EiB", "./@size", 1024, Long.MAX_VALUE), ErrorCode.OVERFLOW,
                ErrorDomain.NONE, "numerical overflow: value too large: 8EiB");
        assertRefused(() -> ScaledValues.memoryKiB("9223372036854775807", "b", "./@memory"), ErrorCode.OVERFLOW,
                ErrorDomain.DOMAIN, "numerical overflow: size value too large");
    }

    @Test
    void memoryIsInWholeKibRoundedUp() {
        assertThat(ScaledValues.memoryKiB("1025", "b", "./@memory")).isEqualTo(2);
        assertThat(ScaledValues.memoryKiB("1", "G", "./@memory")).isEqualTo(1048576);
        assertThat(ScaledValues.kibRoundedUp(-1L)).as("2^64-1 bytes, unsigned").isEqualTo(1L << 54);
    }

    @ParameterizedTest(name = "{0} bytes -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "0|0|B", "1025|1025|B", "1024|1|KiB", "3145728|3|MiB", "1073741824|1|GiB", "1099511627776|1|TiB",
        "1152921504606846976|1024|PiB", "18446744073709550592|18014398509481983|KiB",
    })
    void sizesAreWrittenInTheirLargestWholeUnitUpToPib(String bytes, String value, String unit) {
        ScaledValues.Pretty pretty = ScaledValues.pretty(Long.parseUnsignedLong(bytes));
        assertThat(Long.toUnsignedString(pretty.value())).isEqualTo(value);
        assertThat(pretty.unit()).isEqualTo(unit);
    }

    private static void assertRefused(Runnable call, ErrorCode code, ErrorDomain domain, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.domain()).isEqualTo(domain);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
