package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.Jvirsh.errors;
import static org.jvirt.cli.Jvirsh.script;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** dumpxml, setmem, setmaxmem, setvcpus. */
class DomainConfigCommandsTest {
    static final String TEST_XML = """
            <domain type='test' id='1'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory unit='KiB'>8388608</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </disk>
                <interface type='network'>
                  <mac address='aa:bb:cc:dd:ee:ff'/>
                  <source network='default'/>
                  <target dev='testnet0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
                </interface>
                <memballoon model='virtio'>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
                </memballoon>
              </devices>
            </domain>
            """;

    @Test
    void dumpxmlPrintsTheDocumentThenABlankLine() {
        Jvirsh.Result r = script("dumpxml test");
        assertThat(r.out()).isEqualTo(TEST_XML + "\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void dumpxmlInactiveHasNoId() {
        assertThat(script("dumpxml --inactive test").out())
                .isEqualTo(TEST_XML.replace(" id='1'", "") + "\n");
    }

    @Test
    void dumpxmlXpathMustBeNamed() {
        Jvirsh.Result r = script("dumpxml test /domain/name");
        assertThat(r.err()).isEqualTo(errors("unexpected data '/domain/name'"));
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @ParameterizedTest(name = "setmem test {0} -> {1} KiB")
    @CsvSource({"1G, 1048576", "512M, 524288", "1024, 1024", "1KB, 1", "1b, 1", "1MiB, 1024", "1024k, 1024",
            "' 5', 5", "+7, 7"})
    void setmemReadsVirshSizes(String size, long kib) {
        Jvirsh.Result r = script("setmem test '" + size + "'; dominfo test");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("\n").contains(String.format("Used memory:    %d KiB\n", kib));
    }

    @Test
    void setmemSizeByName() {
        assertThat(script("setmem test --size 100000; dominfo test").out()).contains("Used memory:    100000 KiB");
    }

    @Test
    void setmemAboveTheMaximumFailsWithTheDriversMessageOnly() {
        Jvirsh.Result r = script("setmem test 100G");
        assertThat(r.err()).isEqualTo(errors("invalid argument: cannot set memory higher than max memory"));
        assertThat(r.out()).isEqualTo("\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "99999999999999999999", "0x10x"})
    void setmemRefusesMalformedSizes(String size) {
        Jvirsh.Result r = script("setmem test " + size);
        assertThat(r.err()).startsWith(errors("Scaled numeric value '" + size
                + "' for <size> option is malformed or out of range"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void setmemExplainsABadSuffix() {
        assertThat(script("setmem test 2.5G").err()).isEqualTo(errors(
                "Scaled numeric value '2.5G' for <size> option is malformed or out of range",
                "invalid argument: unknown suffix '.5G'"));
        assertThat(script("setmem test 18014398509481984K").err()).isEqualTo(errors(
                "Scaled numeric value '18014398509481984K' for <size> option is malformed or out of range",
                "numerical overflow: value too large: 18014398509481984K"));
    }

    @Test
    void setmemFlagsAreCheckedBeforeTheDomain() {
        assertThat(script("setmem nosuch --live --current 5").err())
                .isEqualTo(errors("Options --current and --live are mutually exclusive"));
        assertThat(script("setmem nosuch abc").err()).isEqualTo(errors("failed to get domain 'nosuch'"));
    }

    @Test
    void setmemConfigOfATransientDomain() {
        Jvirsh.Result r = script("undefine test; setmem test --config 1000");
        assertThat(r.err()).isEqualTo(errors(
                "Requested operation is not valid: transient domains do not have any persistent config"));
    }

    @Test
    void setmaxmemOnlyOnInactiveDomains() {
        Jvirsh.Result r = script("setmaxmem test 4G; destroy test; setmaxmem test 1G; dominfo test");
        assertThat(r.err()).isEqualTo(errors("Unable to change MaxMemorySize",
                "Requested operation is not valid: cannot resize the maximum memory on an active domain"));
        assertThat(r.outWithoutCpuTime()).contains("Max memory:     1048576 KiB\nUsed memory:    1048576 KiB\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void setvcpusChangesTheCount() {
        Jvirsh.Result r = script("setvcpus test 1; dominfo test");
        assertThat(r.out()).startsWith("\n").contains("CPU(s):         1\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void setvcpusCountByName() {
        assertThat(script("setvcpus --count 1 --domain test").exitCode()).isZero();
    }

    static Stream<Arguments> setvcpusRefusals() {
        return Stream.of(
                Arguments.of("0", "Can't set 0 processors for a VM"),
                Arguments.of("abc", "Numeric value 'abc' for <count> option is malformed or out of range"),
                Arguments.of("-1", "Numeric value '-1' for <count> option is malformed or out of range"),
                Arguments.of("0x1", "Numeric value '0x1' for <count> option is malformed or out of range"),
                Arguments.of("4294967296", "Numeric value '4294967296' for <count> option is malformed or out of range"),
                Arguments.of("5", "invalid argument: requested cpu amount exceeds maximum (5 > 2)"));
    }

    @ParameterizedTest
    @MethodSource
    void setvcpusRefusals(String count, String message) {
        Jvirsh.Result r = script("setvcpus test " + count);
        assertThat(r.err()).isEqualTo(errors(message));
        assertThat(r.out()).isEqualTo("\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void setvcpusNeedsBothArguments() {
        Jvirsh.Result r = script("setvcpus");
        assertThat(r.err()).isEqualTo(errors("command 'setvcpus' requires <domain> option",
                "command 'setvcpus' requires --count option"));
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
