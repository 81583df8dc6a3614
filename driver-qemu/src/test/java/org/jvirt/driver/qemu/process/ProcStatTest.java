package org.jvirt.driver.qemu.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void parsesFieldsAfterACommandNameWithSpacesAndParentheses() {
        String line = "4242 (qemu-system-x86 (x) y) S 1 4242 4242 0 -1 4194304 213 0 2 0 150 50 0 0 20 0 1 0 285632"
                + " 2990080 413 18446744073709551615 1 2 3 0 0 0 4 0 0 1 0 0 17 1 0 0 0 0 0";
        ProcStat st = ProcStat.parse(line);
        assertThat(st.state()).isEqualTo('S');
        assertThat(st.cpuTimeNanos()).isEqualTo(200 * 10_000_000L);
        assertThat(st.startTicks()).isEqualTo(285632L);
        assertThat(st.lastCpu()).isEqualTo(1);
        assertThat(st.isZombie()).isFalse();
    }

    @Test
    void readsThisProcess() {
        ProcStat me = ProcStat.of(ProcessHandle.current().pid());
        assertThat(me).isNotNull();
        assertThat(me.startTicks()).isPositive();
        assertThat(ProcStat.of(Integer.MAX_VALUE)).isNull();
    }
}
