package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The echo of a piped line, as readline without a terminal writes it (recorded from virsh 9). */
class StreamLineSourceTest {
    @Test
    void aLongLineWrapsAtEvery80thColumnOfTheOutputRepeatingTheCharacterAfterACarriageReturn() {
        String line = "echo " + "0123456789".repeat(20);
        // virsh 9 wrote 81, 81 and 53 characters: "virsh # ", 72 of the line and the 73rd, CR, the 73rd again...
        assertThat(StreamLineSource.wrapped("virsh # ", line)).isEqualTo(line.substring(0, 73) + "\r"
                + line.substring(72, 153) + "\r" + line.substring(152));
    }

    @Test
    void aLineThatFitsIsEchoedAsIs() {
        assertThat(StreamLineSource.wrapped("virsh # ", "x".repeat(72))).isEqualTo("x".repeat(72));
        assertThat(StreamLineSource.wrapped("virsh # ", "x".repeat(72) + "y")).isEqualTo("x".repeat(72) + "y\ry");
    }
}
