package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * {@code <blkiotune>}, {@code <memtune>}, {@code <iothreads>} and {@code <cputune>} as libvirt 9 reads
 * and writes them; the expected texts and errors are libvirt's own (its test driver, define then
 * dumpxml --inactive).
 */
class TunablesPostParseTest {

    private static DomainDefinition define(String vcpu, String inside) {
        return PostParse.apply(DomainXml.parse("<domain type='test'><name>t</name><memory>1048576</memory>" + vcpu
                + inside + "<os><type>hvm</type></os></domain>"), DomainRules.GENERIC);
    }

    /** What libvirt writes between {@code <vcpu>} and {@code <os>} (or before {@code <vcpu>}) for a 4-vCPU guest. */
    private static String dump(String inside) {
        return DomainXml.format(define("<vcpu>4</vcpu>", inside), -1, true);
    }

    private static VirtException refusal(String inside) {
        return refusal("<vcpu>4</vcpu>", inside);
    }

    private static VirtException refusal(String vcpu, String inside) {
        Throwable t = catchThrowable(() -> define(vcpu, inside));
        assertThat(t).as("refused with a VirtException").isInstanceOf(VirtException.class);
        return (VirtException) t;
    }

    private static void assertRefused(String inside, ErrorCode code, ErrorDomain domain, String message) {
        VirtException e = refusal(inside);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.domain()).isEqualTo(domain);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void blkiotuneDevicesInLibvirtsOrderWithoutZerosAndWithCsWraparound() {
        String xml = dump("<blkiotune><weight> 800</weight><device><path>/dev/hda</path><weight>700</weight>"
                + "<read_bytes_sec>1</read_bytes_sec><write_bytes_sec>-1</write_bytes_sec>"
                + "<read_iops_sec>3</read_iops_sec>"
                + "<write_iops_sec>-1</write_iops_sec></device><device><path>/dev/hdb</path><weight>0</weight></device>"
                + "</blkiotune><blkiotune><weight>5</weight><device><path>/a&amp;'b</path><weight>2</weight></device>"
                + "</blkiotune>");

        assertThat(xml).contains("""
                  <currentMemory unit='KiB'>1048576</currentMemory>
                  <blkiotune>
                    <weight>800</weight>
                    <device>
                      <path>/dev/hda</path>
                      <weight>700</weight>
                      <read_iops_sec>3</read_iops_sec>
                      <write_iops_sec>4294967295</write_iops_sec>
                      <read_bytes_sec>1</read_bytes_sec>
                      <write_bytes_sec>18446744073709551615</write_bytes_sec>
                    </device>
                    <device>
                      <path>/a&amp;&apos;b</path>
                      <weight>2</weight>
                    </device>
                  </blkiotune>
                  <vcpu placement='static'>4</vcpu>
                """);
    }

    @Test
    void blkiotuneWithNothingSetAndAnUnreadableWeightIsNotWritten() {
        assertThat(dump("<blkiotune><weight>heavy</weight><device><path>/x</path><weight>0</weight></device>"
                + "</blkiotune>")).doesNotContain("blkiotune");
    }

    @Test
    void memtuneInKibWithoutUnlimitedLimits() {
        String xml = dump("<memtune><hard_limit unit='KiB'>9007199254740991</hard_limit>"
                + "<soft_limit unit='GB'>3</soft_limit><min_guarantee unit='M'>2</min_guarantee>"
                + "<swap_hard_limit unit='bytes'>1025</swap_hard_limit></memtune>");

        assertThat(xml).contains("""
                  <memtune>
                    <soft_limit unit='KiB'>2929688</soft_limit>
                    <min_guarantee unit='KiB'>2048</min_guarantee>
                    <swap_hard_limit unit='KiB'>2</swap_hard_limit>
                  </memtune>
                """).doesNotContain("hard_limit unit='KiB'>9");
    }

    @Test
    void memtuneWithOnlyUnlimitedLimitsDisappears() {
        assertThat(dump("<memtune><hard_limit unit='KiB'>9007199254740991</hard_limit><min_guarantee>0"
                + "</min_guarantee></memtune>")).doesNotContain("memtune");
        assertThat(dump("<memtune><hard_limit unit='b'>9223372036854774784</hard_limit></memtune>"))
                .doesNotContain("memtune");
    }

    @Test
    void iothreadsCountImpliesIdsOneToN() {
        DomainDefinition d = define("<vcpu>2</vcpu>", "<iothreads>4</iothreads><iothreadids><iothread id='5'/>"
                + "<iothread id='6'/></iothreadids><cputune><iothreadpin iothread='6' cpuset='1'/>"
                + "<iothreadpin iothread='5' cpuset='2'/></cputune>");

        assertThat(DomainXml.format(d, -1, true)).contains("""
                  <vcpu placement='static'>2</vcpu>
                  <iothreads>4</iothreads>
                  <iothreadids>
                    <iothread id='5'/>
                    <iothread id='6'/>
                    <iothread id='1'/>
                    <iothread id='2'/>
                  </iothreadids>
                  <cputune>
                    <iothreadpin iothread='5' cpuset='2'/>
                    <iothreadpin iothread='6' cpuset='1'/>
                  </cputune>
                """);
    }

    @Test
    void iothreadsWithoutListedIdsAreWrittenAsACountEvenWhenHuge() {
        assertThat(dump("<iothreads>3</iothreads>")).contains("<iothreads>3</iothreads>\n  <os>");
        assertThat(dump("<iothreadids><iothread id='3'/></iothreadids><iothreadids><iothread id='1'/></iothreadids>"))
                .contains("""
                  <iothreads>2</iothreads>
                  <iothreadids>
                    <iothread id='3'/>
                    <iothread id='1'/>
                  </iothreadids>
                """);
        assertThat(dump("<iothreads>4000000000</iothreads><cputune><iothreadpin iothread='3999999999' cpuset='3'/>"
                + "</cputune>")).contains("<iothreads>4000000000</iothreads>")
                .contains("<iothreadpin iothread='3999999999' cpuset='3'/>");
    }

    @Test
    void threadPoolsAndDefaultIothread() {
        assertThat(dump("<iothreads>2</iothreads><iothreadids><iothread id='2' thread_pool_min='1'"
                + " thread_pool_max='2'/></iothreadids><defaultiothread thread_pool_max='3'/>")).contains("""
                  <iothreads>2</iothreads>
                  <iothreadids>
                    <iothread id='2' thread_pool_min='1' thread_pool_max='2'/>
                    <iothread id='1'/>
                  </iothreadids>
                  <defaultiothread thread_pool_max='3'/>
                """);
        assertThat(dump("<defaultiothread/><iothreads/><iothreadids/>")).doesNotContain("iothread");
    }

    @Test
    void cputuneChildrenInLibvirtsOrder() {
        String xml = DomainXml.format(define("<vcpu>2</vcpu>", "<iothreads>2</iothreads><cputune>"
                + "<iothreadpin iothread='2' cpuset='3'/><iothreadpin iothread='1' cpuset='2'/>"
                + "<emulatorpin cpuset='1'/><vcpupin vcpu='1' cpuset=' 0 , 3-5,^4,'/><vcpupin vcpu='0' cpuset='0'/>"
                + "<vcpupin vcpu='7' cpuset='x'/>"
                + "<quota>-1</quota><period>1000000</period><shares>2048</shares><global_quota>0</global_quota>"
                + "</cputune>"), -1, true);

        assertThat(xml).contains("""
                  <cputune>
                    <shares>2048</shares>
                    <period>1000000</period>
                    <quota>-1</quota>
                    <vcpupin vcpu='0' cpuset='0'/>
                    <vcpupin vcpu='1' cpuset='0,3,5'/>
                    <emulatorpin cpuset='1'/>
                    <iothreadpin iothread='1' cpuset='2'/>
                    <iothreadpin iothread='2' cpuset='3'/>
                  </cputune>
                """);
    }

    @Test
    void schedulersAreWrittenOnePerVcpuAndIothread() {
        String xml = DomainXml.format(define("<vcpu>2</vcpu>", "<iothreads>4</iothreads><cputune>"
                + "<iothreadsched iothreads='1-3,^2' scheduler='batch'/>"
                + "<iothreadsched iothreads='2' scheduler='batch'/>"
                + "<vcpusched vcpus='0-1' scheduler='fifo' priority='+1'/><emulatorsched scheduler='rr' priority='-7'/>"
                + "<iothreadsched iothreads='4' scheduler='idle' priority='ignored'/></cputune>"), -1, true);

        assertThat(xml).contains("""
                  <cputune>
                    <emulatorsched scheduler='rr' priority='-7'/>
                    <vcpusched vcpus='0' scheduler='fifo' priority='1'/>
                    <vcpusched vcpus='1' scheduler='fifo' priority='1'/>
                    <iothreadsched iothreads='1' scheduler='batch'/>
                    <iothreadsched iothreads='2' scheduler='batch'/>
                    <iothreadsched iothreads='3' scheduler='batch'/>
                    <iothreadsched iothreads='4' scheduler='idle'/>
                  </cputune>
                """);
    }

    @Test
    void cachetuneAndMemorytuneGroupsByVcpus() {
        String xml = dump("<cputune><cachetune vcpus='0-1' id='ignored'><cache id='1' level='3' type='code' size='3'"
                + " unit='MiB'/><cache id='0' level='3' type='both' size='3072'/><cache id='0' level='2' type='data'"
                + " size='1025' unit='b'/><monitor level='3' vcpus='1'/></cachetune><memorytune vcpus='0-1'>"
                + "<node id='1' bandwidth='50'/><node id='0' bandwidth='20'/><monitor vcpus='0'/></memorytune>"
                + "<cachetune vcpus='3-9'><monitor level='3' vcpus='3'/></cachetune>"
                + "<cachetune vcpus='5-7'><cache id='0' level='3' type='both' size='1'/></cachetune></cputune>");

        assertThat(xml).contains("""
                  <cputune>
                    <cachetune vcpus='0-1'>
                      <cache id='0' level='2' type='data' size='1025' unit='B'/>
                      <cache id='0' level='3' type='both' size='3' unit='MiB'/>
                      <cache id='1' level='3' type='code' size='3' unit='MiB'/>
                      <monitor level='3' vcpus='1'/>
                    </cachetune>
                    <cachetune vcpus='3'>
                      <monitor level='3' vcpus='3'/>
                    </cachetune>
                    <memorytune vcpus='0-1'>
                      <node id='0' bandwidth='20'/>
                      <node id='1' bandwidth='50'/>
                      <monitor vcpus='0'/>
                    </memorytune>
                  </cputune>
                """);
    }

    @Test
    void unknownChildrenAreKeptAfterKnownOnesAndEmptyTunablesGo() {
        assertThat(dump("<cputune><later/><shares>3</shares></cputune>"))
                .contains("<cputune>\n    <shares>3</shares>\n    <later/>\n  </cputune>");
        assertThat(dump("<cputune/><memtune/><blkiotune/>")).doesNotContain("tune");
    }

    @Test
    void normalisedTunablesAreAFixedPoint() {
        DomainDefinition d = define("<vcpu>4</vcpu>", "<iothreads>3</iothreads><iothreadids><iothread id='7'/>"
                + "</iothreadids><memtune><soft_limit unit='M'>1</soft_limit></memtune><cputune>"
                + "<vcpusched vcpus='0-3' scheduler='batch'/><iothreadsched iothreads='1-2,7' scheduler='idle'/>"
                + "<cachetune vcpus='0-1'><cache id='0' level='3' type='both' size='3072'/></cachetune>"
                + "</cputune><blkiotune><device><path>/a</path><weight>-1</weight></device></blkiotune>");

        String once = DomainXml.format(d, -1, true);

        assertThat(PostParse.apply(d, DomainRules.GENERIC)).isEqualTo(d);
        assertThat(DomainXml.format(PostParse.apply(DomainXml.parse(once), DomainRules.GENERIC), -1, true))
                .isEqualTo(once);
    }

    @Test
    void noTunablesLeavesTheDefinitionAlone() {
        DomainDefinition d = DomainXml.parse("<domain type='test'><name>t</name><memory>1</memory></domain>");

        assertThat(TunablesPostParse.apply(d)).isSameAs(d);
    }

    // ---- refusals, each with libvirt's code, domain and words ----

    @Test
    void overlappingVcpuSchedulersAreRefused() {
        assertRefused("<cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>"
                        + "<vcpusched vcpus='1-2' scheduler='fifo' priority='1'/></cputune>",
                ErrorCode.XML_DETAIL, ErrorDomain.DOMAIN, "'vcpusched' attributes 'vcpus' must not overlap");
        assertRefused("<iothreads>2</iothreads><cputune><iothreadsched iothreads='1' scheduler='batch'/>"
                        + "<iothreadsched iothreads='1-2' scheduler='batch'/></cputune>",
                ErrorCode.XML_DETAIL, ErrorDomain.DOMAIN, "'iothreadsched' attributes 'iothreads' must not overlap");
    }

    @Test
    void pinsAndSchedulersOfMissingThreadsAreRefused() {
        assertRefused("<iothreads>1</iothreads><cputune><iothreadsched iothreads='1' scheduler='batch'/>"
                        + "<iothreadsched iothreads='2' scheduler='fifo' priority='1'/></cputune>",
                ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: Cannot find 'iothread' : 2");
        assertRefused("<cputune><iothreadpin iothread='1' cpuset='1'/></cputune>",
                ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: Cannot find 'iothread' : 1");
        assertRefused("<cputune><vcpusched vcpus='0-5' scheduler='fifo' priority='1'/></cputune>",
                ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: vCPU '4' is not present in domain definition");
    }

    @Test
    void oversizedAndMalformedBitmapsAreRefused() {
        assertRefused("<cputune><vcpupin vcpu='1' cpuset='0-999999999'/></cputune>", ErrorCode.INVALID_ARG,
                ErrorDomain.NONE, "invalid argument: Failed to parse bitmap '0-999999999'");
        assertRefused("<cputune><emulatorpin cpuset='16384'/></cputune>", ErrorCode.INVALID_ARG,
                ErrorDomain.NONE, "invalid argument: Failed to parse bitmap '16384'");
        assertRefused("<cputune><emulatorpin cpuset='99999999999999999999'/></cputune>", ErrorCode.INVALID_ARG,
                ErrorDomain.NONE, "invalid argument: Failed to parse bitmap '99999999999999999999'");
        assertRefused("<cputune><vcpupin vcpu='0' cpuset='^1'/></cputune>", ErrorCode.CONFIG_UNSUPPORTED,
                ErrorDomain.DOMAIN, "unsupported configuration: Invalid value of 'cpuset': ^1");
        assertRefused("<cputune><cachetune vcpus='0-x'/></cputune>", ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                "XML error: Invalid cachetune attribute 'vcpus' value '0-x'");
    }

    @Test
    void negativeAndMissingIdsAreRefused() {
        assertRefused("<cputune><vcpupin vcpu='-1' cpuset='1'/></cputune>", ErrorCode.XML_ERROR, ErrorDomain.XML,
                "XML error: Invalid value for attribute 'vcpu' in element 'vcpupin': '-1'."
                        + " Expected non-negative integer value");
        assertRefused("<iothreadids><iothread id='0'/></iothreadids>", ErrorCode.XML_ERROR, ErrorDomain.XML,
                "XML error: Invalid value for attribute 'id' in element 'iothread': Zero is not permitted");
        assertRefused("<iothreadids><iothread id='2' thread_pool_max='-3'/></iothreadids>", ErrorCode.XML_ERROR,
                ErrorDomain.XML, "XML error: Invalid value for attribute 'thread_pool_max' in element 'iothread':"
                        + " '-3'. Expected non-negative value");
        assertRefused("<cputune><vcpupin cpuset='1'/></cputune>", ErrorCode.XML_ERROR, ErrorDomain.XML,
                "XML error: Missing required attribute 'vcpu' in element 'vcpupin'");
        assertRefused("<iothreadids><iothread id='2'/><iothread id='2'/></iothreadids>", ErrorCode.XML_ERROR,
                ErrorDomain.DOMAIN, "XML error: duplicate iothread id '2' found");
    }

    @Test
    void nonNumericAndOutOfRangeCputuneValuesAreRefused() {
        assertRefused("<cputune><shares>abc</shares></cputune>", ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                "XML error: can't parse cputune shares value");
        assertRefused("<cputune><shares>-1</shares></cputune>", ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                "XML error: can't parse cputune shares value");
        assertRefused("<cputune><global_quota>x</global_quota></cputune>", ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                "XML error: can't parse cputune global quota value");
        assertRefused("<cputune><shares>1</shares></cputune>", ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: Value of cputune 'shares' must be in range [2, 262144]");
        assertRefused("<cputune><emulator_period>999</emulator_period></cputune>", ErrorCode.CONFIG_UNSUPPORTED,
                ErrorDomain.DOMAIN, "unsupported configuration: Value of cputune 'emulator_period' must be in range"
                        + " [1000, 1000000]");
        assertRefused("<cputune><quota>17592186044416</quota></cputune>", ErrorCode.CONFIG_UNSUPPORTED,
                ErrorDomain.DOMAIN, "unsupported configuration: Value of cputune 'quota' must be in range"
                        + " [1000, 17592186044415]");
    }

    @Test
    void badBlkioAndMemtuneValuesAreRefused() {
        assertRefused("<blkiotune><device><path>/x</path><weight>x</weight></device></blkiotune>",
                ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: could not parse weight x");
        assertRefused("<blkiotune><device><weight>1</weight></device></blkiotune>",
                ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN, "unsupported configuration: missing per-device path");
        assertRefused("<blkiotune><device><path>/a</path></device><device><path>/a</path><weight>1</weight>"
                        + "</device></blkiotune>", ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: duplicate blkio device path '/a'");
        assertRefused("<memtune><hard_limit>-8</hard_limit></memtune>", ErrorCode.XML_ERROR, ErrorDomain.XML,
                "XML error: Invalid value '-8' for element or attribute './memtune/hard_limit[1]'");
        assertRefused("<memtune><hard_limit unit='EiB'>8</hard_limit></memtune>", ErrorCode.OVERFLOW,
                ErrorDomain.NONE, "numerical overflow: value too large: 8EiB");
        assertRefused("<memtune><soft_limit unit='foo'>8</soft_limit></memtune>", ErrorCode.INVALID_ARG,
                ErrorDomain.NONE, "invalid argument: unknown suffix 'foo'");
        assertRefused("<memtune><min_guarantee unit='b'>9223372036854775807</min_guarantee></memtune>",
                ErrorCode.OVERFLOW, ErrorDomain.DOMAIN, "numerical overflow: size value too large");
    }

    @Test
    void iothreadCountsAndPoolsAreCheckedAsLibvirtChecksThem() {
        assertRefused("<iothreads>4294967296</iothreads>", ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                "XML error: invalid iothreads count '4294967296'");
        assertRefused("<iothreads>-1</iothreads>", ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                "XML error: invalid iothreads count '-1'");
        assertRefused("<iothreads>4294967295</iothreads>", ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                "internal error: failed to populate iothreadids");
        assertRefused("<iothreadids><iothread id='2' thread_pool_max='0'/></iothreadids>",
                ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: thread_pool_max must be a positive integer");
        assertRefused("<defaultiothread thread_pool_min='2'/>", ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "unsupported configuration: thread_pool_min must be smaller or equal to thread_pool_max");
        assertThat(refusal("<iothreads>70000</iothreads><iothreadids><iothread id='1'/></iothreadids>").code())
                .as("jvirt's own bound on iothreads listed one by one").isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
    }

    @Test
    void resctrlConflictsAreRefused() {
        assertRefused("<cputune><cachetune vcpus='0-1'><cache id='0' level='3' type='both' size='1'/></cachetune>"
                        + "<cachetune vcpus='1-2'><cache id='0' level='3' type='both' size='1'/></cachetune></cputune>",
                ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, "XML error: Overlapping vcpus in resctrls");
        assertRefused("<cputune><cachetune vcpus='0-1'><cache id='0' level='3' type='both' size='1'/>"
                        + "<cache id='0' level='3' type='code' size='1'/></cachetune></cputune>",
                ErrorCode.XML_ERROR, ErrorDomain.RESCTRL,
                "XML error: Colliding cache allocations for cache level '3' id '0', type 'code'");
        assertRefused("<cputune><memorytune vcpus='0'><node id='0' bandwidth='101'/></memorytune></cputune>",
                ErrorCode.XML_ERROR, ErrorDomain.RESCTRL,
                "XML error: Memory Bandwidth value exceeding 100 is invalid.");
        assertRefused("<cputune><cachetune vcpus='1'><monitor level='3' vcpus='2'/></cachetune></cputune>",
                ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, "invalid argument: Monitor vcpus conflicts with allocation");
        assertRefused("<cputune><cachetune vcpus='0-2'><monitor level='3' vcpus='0-1'/><monitor level='3'"
                        + " vcpus='1-2'/></cachetune></cputune>",
                ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, "invalid argument: vcpus overlaps in resctrl groups");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "<cputune><vcpupin vcpu='0' cpuset='0-999999999'/></cputune>",
            "<cputune><vcpupin vcpu='99999999999999999999999' cpuset='1'/></cputune>",
            "<cputune><vcpupin vcpu='0' cpuset='-1'/></cputune>",
            "<cputune><vcpupin vcpu='0' cpuset='3-1'/></cputune>",
            "<cputune><vcpupin vcpu='0' cpuset='^3-4'/></cputune>",
            "<cputune><vcpupin vcpu='0' cpuset=''/></cputune>",
            "<cputune><vcpupin vcpu='0' cpuset='1-2147483648'/></cputune>",
            "<cputune><vcpupin vcpu='0'/></cputune>",
            "<cputune><vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu='0' cpuset='2'/></cputune>",
            "<cputune><emulatorpin/></cputune>",
            "<cputune><emulatorpin cpuset='1'/><emulatorpin cpuset='1'/></cputune>",
            "<cputune><shares>99999999999999999999999</shares></cputune>",
            "<cputune><quota>-9223372036854775809</quota></cputune>",
            "<cputune><period>1e3</period></cputune>",
            "<cputune><vcpusched vcpus='0' scheduler='none'/></cputune>",
            "<cputune><vcpusched vcpus='0' scheduler='fifo'/></cputune>",
            "<cputune><vcpusched vcpus='0' scheduler='rr' priority='99999999999'/></cputune>",
            "<cputune><vcpusched scheduler='batch'/></cputune>",
            "<cputune><emulatorsched/></cputune>",
            "<cputune><iothreadpin iothread='-1' cpuset='1'/></cputune>",
            "<cputune><iothreadpin iothread='4294967296' cpuset='1'/></cputune>",
            "<cputune><cachetune/></cputune>",
            "<cputune><cachetune vcpus='0'><cache id='0' level='3' type='both'/></cachetune></cputune>",
            "<cputune><cachetune vcpus='0'><cache id='0' level='3' type='both' size='-1'/></cachetune></cputune>",
            "<cputune><cachetune vcpus='0'><cache id='0' level='3' type='both' size='99999999999999999'"
                    + " unit='EiB'/></cachetune></cputune>",
            "<cputune><cachetune vcpus='0'><monitor level='2' vcpus='0'/></cachetune></cputune>",
            "<cputune><memorytune vcpus='0'><node id='x' bandwidth='1'/></memorytune></cputune>",
            "<memtune><hard_limit>18446744073709551616</hard_limit></memtune>",
            "<memtune><swap_hard_limit unit='Z'>1</swap_hard_limit></memtune>",
            "<memtune><min_guarantee>9007199254740992</min_guarantee></memtune>",
            "<blkiotune><device><path>/x</path><read_iops_sec>4294967296</read_iops_sec></device></blkiotune>",
            "<blkiotune><device><path>/x</path><write_bytes_sec>18446744073709551616</write_bytes_sec></device>"
                    + "</blkiotune>",
            "<iothreads>x</iothreads>",
            "<iothreads>3 </iothreads>",
            "<iothreadids><iothread/></iothreadids>",
            "<iothreadids><iothread id='1' thread_pool_min='99999999999'/></iothreadids>",
            "<defaultiothread thread_pool_max='x'/>",
    })
    void badInputIsAVirtExceptionNeverAJavaOne(String inside) {
        VirtException e = refusal(inside);

        assertThat(e.getMessage()).isNotBlank();
    }
}
