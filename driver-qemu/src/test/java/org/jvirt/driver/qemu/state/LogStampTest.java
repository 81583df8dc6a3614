package org.jvirt.driver.qemu.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogStampTest {
    @Test
    void writesWhatInstantToStringWrites() {
        long[] seconds = {0, -1, 1, 59, 60, 3599, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 1_796_476_373,
            253_402_300_799L /* 9999-12-31T23:59:59 */, 253_402_300_800L, -62_167_219_200L /* 0000-01-01 */,
            -62_167_219_201L};
        int[] nanos = {0, 1, 999_999_999, 100_000_000, 120_000_000, 123_000_000, 123_400_000, 123_456_000,
            123_456_700, 123_456_789, 1000, 1_000_000};
        for (long s : seconds) {
            for (int n : nanos) {
                Instant t = Instant.ofEpochSecond(s, n);
                assertThat(LogStamp.of(t)).as("%s", t).isEqualTo(t.toString());
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 300_000_000_000L),
                    random.nextInt(3) == 0 ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000));
            assertThat(LogStamp.of(t)).isEqualTo(t.toString());
        }
        assertThat(LogStamp.now()).endsWith("Z");
    }
}
