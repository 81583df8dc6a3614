package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * CPU and node sets as libvirt 9's virBitmapParse reads them and virBitmapFormat writes them
 * ({@link Bitmaps}); the expected texts and errors are libvirt's.
 */
class BitmapsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "  3 ,1|1,3",
        "0-3,^2|0-1,3",
        "1-2,5-7,^6|1-2,5,7",
        "1,|1",
        "3- +5|3-5",
        "0- -0|0",
        "0-16383|0-16383",
        "^1|''",
        "' 1 , 3 - 5 ,'|1,3-5",
        "00000000000001|1",
        "1-+3|1-3",
        "0--0|0",
        "16383|16383",
        "5,^5,5|5",
    })
    void bitmapsAreReadAndWrittenAsVirBitmapParseAndFormatDo(String text, String written) {
        assertThat(Bitmaps.format(Bitmaps.parse(text))).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "' '", "0-999999999", "16384", "^16384", "99999999999999999999",
        "1,,2", "^1-2", "3-1", "1-2-3", "a", "1a", "-1", "1-", "1-+", "0x1", ",1"})
    void malformedAndOversizedBitmapsAreInvalidArguments(String text) {
        assertThatThrownBy(() -> Bitmaps.parse(text)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
            assertThat(e.domain()).isEqualTo(ErrorDomain.NONE);
            assertThat(e.getMessage()).isEqualTo("invalid argument: Failed to parse bitmap '" + text + "'");
        });
    }

    @Test
    void anEmptySetIsRefusedWhereTheDomainParserRequiresABit() {
        assertThat(Bitmaps.parseNonEmpty("0,^1", "cpuset")).hasToString("{0}");
        assertThatThrownBy(() -> Bitmaps.parseNonEmpty("2,^2", "nodeset")).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.DOMAIN);
                    assertThat(e.getMessage()).isEqualTo("unsupported configuration: Invalid value of 'nodeset': 2,^2");
                });
    }

    @Test
    void randomBitmapsAreReadOrRefusedWithAVirtExceptionNeverAnotherException() {
        Random random = new Random(42);
        String alphabet = "0123456789-^, +\t9";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Throwable thrown = catchThrowable(() -> {
                BitSet bits = Bitmaps.parse(text.toString());
                assertThat(Bitmaps.parse(Bitmaps.format(bits).isEmpty() ? "0" : Bitmaps.format(bits))).isNotNull();
            });
            assertThat(thrown).as("'%s'", text).satisfiesAnyOf(t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(VirtException.class));
        }
    }
}
