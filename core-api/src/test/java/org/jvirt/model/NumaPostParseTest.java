package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;

/**
 * Guest NUMA, numatune, memory backing and vcpu placement as libvirt 9 completes them
 * ({@link NumaPostParse}); every expected document and error is what libvirt 9.0's test driver
 * answers for the same input.
 */
class NumaPostParseTest {

    private static DomainDefinition define(String inside) {
        return PostParse.apply(DomainXml.parse("<domain type='test'><name>n</name><memory unit='KiB'>1048576</memory>"
                + inside + "<os><type>hvm</type></os></domain>"), DomainRules.GENERIC);
    }

    private static String xml(String inside) {
        return DomainXml.format(define(inside), -1, false);
    }

    @Test
    void distancesAreMadeSymmetricWithTheLocalDistanceOnTheDiagonal() {
        assertThat(xml("<vcpu>4</vcpu><cpu><numa>"
                + "<cell id='0' cpus='0-1' memory='512' unit='MiB'><distances><sibling id='1' value='21'/>"
                + "<sibling id='2' value='31'/></distances></cell>"
                + "<cell id='1' cpus='2' memory='256' unit='MiB'><distances><sibling id='2' value='15'/></distances>"
                + "</cell><cell id='2' cpus='3' memory='256' unit='MiB'/></numa></cpu>")).contains("""
                  <cpu>
                    <numa>
                      <cell id='0' cpus='0-1' memory='524288' unit='KiB'>
                        <distances>
                          <sibling id='0' value='10'/>
                          <sibling id='1' value='21'/>
                          <sibling id='2' value='31'/>
                        </distances>
                      </cell>
                      <cell id='1' cpus='2' memory='262144' unit='KiB'>
                        <distances>
                          <sibling id='0' value='21'/>
                          <sibling id='1' value='10'/>
                          <sibling id='2' value='15'/>
                        </distances>
                      </cell>
                      <cell id='2' cpus='3' memory='262144' unit='KiB'>
                        <distances>
                          <sibling id='0' value='31'/>
                          <sibling id='1' value='15'/>
                          <sibling id='2' value='10'/>
                        </distances>
                      </cell>
                    </numa>
                  </cpu>
                """);
    }

    @Test
    void cellsGetTheirIdsAndKibAndTheirCpusAreWrittenAsLibvirtWritesBitmaps() {
        assertThat(xml("<vcpu>8</vcpu><cpu><topology sockets='1' cores='8' threads='1'/><numa>"
                + "<cell cpus='0-3,^2, 7' memory='1' unit='G' memAccess='shared' discard='no' foo='bar'/>"
                + "<cell cpus='2' memory='1000' unit='KB'/></numa></cpu>")).contains("""
                  <cpu>
                    <topology sockets='1' dies='1' cores='8' threads='1'/>
                    <numa>
                      <cell id='0' cpus='0-1,3,7' memory='1048576' unit='KiB' memAccess='shared' discard='no'/>
                      <cell id='1' cpus='2' memory='977' unit='KiB'/>
                    </numa>
                  </cpu>
                """);
    }

    @Test
    void cachesAndInterconnectsAreWrittenInKibAndBytesIgnoringTheUnitAttributesAsLibvirtDoes() {
        assertThat(xml("<vcpu>4</vcpu><cpu><numa>"
                + "<cell id='1' cpus='2-3' memory='1024'><cache level='1' associativity='direct' policy='writeback'>"
                + "<size value='10' unit='MiB'/><line value='8' unit='KiB'/></cache></cell>"
                + "<cell id='0' cpus='0,1' memory='2048'/>"
                + "<interconnects><latency initiator='0' target='1' type='access' value='5'/>"
                + "<bandwidth initiator='0' target='1' type='read' value='200' unit='MiB'/>"
                + "<bandwidth initiator='1' target='1' cache='1' type='read' value='2'/></interconnects>"
                + "</numa></cpu>")).contains("""
                    <numa>
                      <cell id='0' cpus='0-1' memory='2048' unit='KiB'/>
                      <cell id='1' cpus='2-3' memory='1024' unit='KiB'>
                        <cache level='1' associativity='direct' policy='writeback'>
                          <size value='10' unit='KiB'/>
                          <line value='8' unit='B'/>
                        </cache>
                      </cell>
                      <interconnects>
                        <latency initiator='0' target='1' type='access' value='5'/>
                        <bandwidth initiator='0' target='1' type='read' value='204800' unit='KiB'/>
                        <bandwidth initiator='1' target='1' cache='1' type='read' value='2' unit='KiB'/>
                      </interconnects>
                    </numa>
                """);
    }

    @Test
    void numatuneWritesTheMemoryBindingFirstThenEachCellsInCellOrder() {
        assertThat(xml("<vcpu placement='static'>32</vcpu><numatune>"
                + "<memnode cellid='2' mode='strict' nodeset='1-2,5-7,^6'/><memory mode='strict' nodeset='0-7'/>"
                + "<memnode cellid='0' mode='preferred' nodeset='3'/></numatune>"
                + "<cpu><numa><cell cpus='0' memory='20002'/><cell cpus='1-27,29' memory='660066'/>"
                + "<cell cpus='28,30-31' memory='24002400'/></numa></cpu>")).contains("""
                  <vcpu placement='static'>32</vcpu>
                  <numatune>
                    <memory mode='strict' nodeset='0-7'/>
                    <memnode cellid='0' mode='preferred' nodeset='3'/>
                    <memnode cellid='2' mode='strict' nodeset='1-2,5,7'/>
                  </numatune>
                """);
    }

    @Test
    void automaticVcpuPlacementMakesAnAutomaticNumatuneAndDropsTheCpuset() {
        DomainDefinition d = define("<vcpu placement='auto' cpuset='0-1'>2</vcpu>");

        assertThat(d.cpuset()).isNull();
        assertThat(DomainXml.format(d, -1, false)).contains("""
                  <vcpu placement='auto'>2</vcpu>
                  <numatune>
                    <memory mode='strict' placement='auto'/>
                  </numatune>
                """);
    }

    @Test
    void automaticNumatuneMakesVcpuPlacementAutomaticUnlessSomethingIsPinned() {
        String auto = "<numatune><memory mode='interleave' placement='auto'/></numatune>";

        assertThat(define("<vcpu>2</vcpu>" + auto).vcpuPlacement()).isEqualTo("auto");
        assertThat(define("<vcpu cpuset='0-3,^2'>2</vcpu>" + auto)).satisfies(d -> {
            assertThat(d.vcpuPlacement()).isEqualTo("static");
            assertThat(d.cpuset()).isEqualTo("0-1,3");
        });
        assertThat(define("<vcpu>2</vcpu><cputune><emulatorpin cpuset='1-3'/></cputune>" + auto).vcpuPlacement())
                .isEqualTo("static");
        assertThat(define("<vcpu>2</vcpu><cputune><vcpupin vcpu='1' cpuset='1'/></cputune>" + auto).vcpuPlacement())
                .isEqualTo("static");
        assertThat(define("<vcpu>2</vcpu><cputune><vcpupin vcpu='5' cpuset='1'/></cputune>" + auto).vcpuPlacement())
                .as("a pin of a vCPU the domain does not have is ignored").isEqualTo("auto");
    }

    @Test
    void aNumatuneThatSettlesNothingIsDroppedAndPlacementAutoDropsTheNodeset() {
        assertThat(xml("<vcpu>2</vcpu><numatune foo='1'><memory/><bar/></numatune>")).doesNotContain("numatune");
        assertThat(xml("<vcpu cpuset='1'>2</vcpu><numatune><memory placement='auto' nodeset='1'/></numatune>"))
                .contains("<memory mode='strict' placement='auto'/>");
        assertThat(xml("<vcpu>2</vcpu><numatune><memory placement='default' nodeset='2-3'/></numatune>"))
                .contains("<memory mode='strict' nodeset='2-3'/>");
    }

    @Test
    void memoryBackingIsWrittenInLibvirtsOrderWithoutWhatLibvirtDoesNotKnow() {
        assertThat(xml("<memoryBacking><discard/><allocation mode='immediate' threads='0'/><foo/>"
                + "<access mode='shared'/><locked/><source type='memfd'/><hugepages><page size='2' unit='M'/>"
                + "</hugepages><nosharepages/></memoryBacking><vcpu>1</vcpu>")).contains("""
                  <memoryBacking>
                    <hugepages>
                      <page size='2048' unit='KiB'/>
                    </hugepages>
                    <nosharepages/>
                    <locked/>
                    <source type='memfd'/>
                    <access mode='shared'/>
                    <allocation mode='immediate'/>
                    <discard/>
                  </memoryBacking>
                """);
        assertThat(xml("<memoryBacking><hugepages/></memoryBacking>")).contains("""
                  <memoryBacking>
                    <hugepages/>
                  </memoryBacking>
                """);
        assertThat(xml("<memoryBacking><foo/></memoryBacking>")).doesNotContain("memoryBacking");
    }

    @Test
    void aHugepageNodesetOfNodeZeroIsDroppedWithoutGuestNumaAndKeptWithIt() {
        String page = "<memoryBacking><hugepages><page size='2048' nodeset='0'/></hugepages></memoryBacking>";

        assertThat(xml(page + "<vcpu>1</vcpu>")).contains("<page size='2048' unit='KiB'/>");
        assertThat(xml(page + "<vcpu>1</vcpu><cpu><numa><cell cpus='0' memory='1024'/></numa></cpu>"))
                .contains("<page size='2048' unit='KiB' nodeset='0'/>");
    }

    @Test
    void withoutMemoryTheCellsMakeIt() {
        DomainDefinition d = PostParse.apply(DomainXml.parse("<domain type='test'><name>n</name><memory>0</memory>"
                + "<vcpu>2</vcpu><cpu><numa><cell cpus='0' memory='1' unit='MiB'/><cell cpus='1' memory='2048'/>"
                + "</numa></cpu></domain>"), DomainRules.GENERIC);

        assertThat(d.memoryKiB()).isEqualTo(3072);
        assertThat(d.currentMemoryKiB()).isEqualTo(3072);
    }

    @Test
    void applyingItToItsOwnResultChangesNothing() {
        DomainDefinition once = define("<memoryBacking><hugepages><page size='1' unit='G' nodeset='1'/>"
                + "<page size='2048'/></hugepages></memoryBacking><vcpu>4</vcpu>"
                + "<numatune><memnode cellid='1' nodeset='0-3,^1'/><memory mode='preferred' nodeset='2'/></numatune>"
                + "<cpu><numa><cell cpus='0-1' memory='1024'><distances><sibling id='1' value='20'/></distances>"
                + "</cell><cell cpus='2-3' memory='1024'/></numa></cpu>");

        assertThat(NumaPostParse.apply(once)).isSameAs(once);
        assertThat(PostParse.apply(once, DomainRules.GENERIC)).isEqualTo(once);
    }

    @Test
    void aDefinitionWithoutNumaIsLeftAlone() {
        DomainDefinition d = DomainXml.parse("<domain type='test'><name>n</name><memory>1024</memory>"
                + "<vcpu>2</vcpu></domain>");

        assertThat(NumaPostParse.apply(d)).isSameAs(d);
    }

    static Stream<Arguments> refused() {
        String cells = "<cpu><numa><cell cpus='0' memory='1024'/><cell cpus='1' memory='1024'/></numa></cpu>";
        return Stream.of(
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0-999999999' memory='1'/></numa></cpu>",
                        ErrorCode.INVALID_ARG, "invalid argument: Failed to parse bitmap '0-999999999'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell id='-1' cpus='0' memory='1'/></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: Invalid value for attribute 'id' in element 'cell': '-1'."
                                + " Expected non-negative integer value"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell id='1' cpus='0' memory='1'/></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: Exactly one 'cell' element per guest NUMA cell allowed,"
                                + " non-contiguous ranges or ranges not starting from 0 are not allowed"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='lots'/></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: Invalid value 'lots' for element or attribute './@memory'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='-1'/></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: Invalid value '-1' for element or attribute './@memory'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0'/></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: missing element or attribute './@memory'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='18446744073709551615'/></numa></cpu>",
                        ErrorCode.OVERFLOW, "numerical overflow: value too large: 18446744073709551615"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='99999999999999999999'/></numa></cpu>",
                        ErrorCode.XML_ERROR,
                        "XML error: Invalid value '99999999999999999999' for element or attribute './@memory'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='9007199254740992'/></numa></cpu>",
                        ErrorCode.OVERFLOW, "numerical overflow: value too large: 9007199254740992"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='8' unit='EiB'/></numa></cpu>",
                        ErrorCode.OVERFLOW, "numerical overflow: value too large: 8EiB"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1' unit='xx'/></numa></cpu>",
                        ErrorCode.INVALID_ARG, "invalid argument: unknown suffix 'xx'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1' memAccess='default'/></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: Invalid value for attribute 'memAccess' in element 'cell':"
                                + " 'default'."),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1' discard='maybe'/></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: Invalid value for attribute 'discard' in element 'cell':"
                                + " 'maybe'."),
                Arguments.of("<vcpu>4</vcpu><cpu><numa/></cpu>",
                        ErrorCode.XML_ERROR, "XML error: NUMA topology defined without NUMA cells"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'/><cell id='0' cpus='1' memory='1'/>"
                        + "</numa></cpu>", ErrorCode.XML_ERROR, "XML error: Duplicate NUMA cell info for cell id '0'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0-1' memory='1'/><cell cpus='1' memory='1'/>"
                        + "</numa></cpu>", ErrorCode.CONFIG_UNSUPPORTED,
                        "unsupported configuration: NUMA cells 1 and 0 have overlapping vCPU ids"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0-4' memory='1'/></numa></cpu>",
                        ErrorCode.INTERNAL_ERROR, "internal error: Number of CPUs in <numa> exceeds the <vcpu> count"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='4' memory='1'/></numa></cpu>",
                        ErrorCode.INTERNAL_ERROR, "internal error: CPU IDs in <numa> exceed the <vcpu> count"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'><distances/></cell></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: NUMA distances defined without siblings"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'><distances>"
                        + "<sibling id='3' value='20'/></distances></cell></numa></cpu>", ErrorCode.XML_ERROR,
                        "XML error: 'sibling_id 3' does not refer to a valid cell within NUMA 'cell id 0'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'><distances>"
                        + "<sibling id='1' value='10'/></distances></cell><cell cpus='1' memory='1'/></numa></cpu>",
                        ErrorCode.XML_ERROR,
                        "XML error: 'value 10' is invalid for 'sibling id 1' under NUMA 'cell id 0'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'><distances>"
                        + "<sibling id='0' value='256'/></distances></cell></numa></cpu>", ErrorCode.XML_ERROR,
                        "XML error: 'value 256' is invalid for 'sibling id 0' under NUMA 'cell id 0'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'><cache level='1'"
                        + " associativity='none'><size value='1'/></cache></cell></numa></cpu>", ErrorCode.XML_ERROR,
                        "XML error: Invalid cache policy '(null)'"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'><cache level='4'"
                        + " associativity='none' policy='none'><size value='1'/><line value='64'/></cache></cell>"
                        + "</numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: Ain't nobody heard of that much cache level"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'/><cell memory='1'/><interconnects>"
                        + "<latency initiator='1' target='0' type='access' value='1'/></interconnects></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: NUMA nodes without CPUs can't be initiator"),
                Arguments.of("<vcpu>4</vcpu><cpu><numa><cell cpus='0' memory='1'/><interconnects>"
                        + "<latency initiator='0' target='0' type='none' value='1'/></interconnects></numa></cpu>",
                        ErrorCode.XML_ERROR, "XML error: Invalid value for attribute 'type' in element 'latency':"
                                + " 'none'."),
                Arguments.of("<vcpu>1</vcpu><numatune><memory mode='strict' nodeset='0,2'/>"
                        + "<memnode cellid='0' mode='interleave' nodeset='3'/></numatune>", ErrorCode.XML_ERROR,
                        "XML error: Element 'memnode' is invalid without any guest NUMA cells"),
                Arguments.of("<vcpu>4</vcpu><numatune><memnode cellid='2' nodeset='1'/></numatune>" + cells,
                        ErrorCode.XML_ERROR, "XML error: Argument 'cellid' in memnode element must correspond to"
                                + " existing guest's NUMA cell"),
                Arguments.of("<vcpu>4</vcpu><numatune><memnode cellid='0' nodeset='1'/><memnode cellid='0'"
                        + " nodeset='2'/></numatune>" + cells, ErrorCode.XML_ERROR,
                        "XML error: Multiple memnode elements with cellid 0"),
                Arguments.of("<vcpu>4</vcpu><numatune><memory placement='auto'/><memnode cellid='0' nodeset='1'/>"
                        + "</numatune>" + cells, ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: Per-node"
                                + " binding is not compatible with automatic NUMA placement."),
                Arguments.of("<vcpu>4</vcpu><numatune><memory mode='restrictive' nodeset='1'/>"
                        + "<memnode cellid='0' nodeset='1'/></numatune>" + cells, ErrorCode.XML_ERROR,
                        "XML error: 'restrictive' mode is required in memnode element when mode is 'restrictive'"
                                + " in memory element"),
                Arguments.of("<vcpu>4</vcpu><numatune><memnode cellid='0'/></numatune>" + cells, ErrorCode.XML_ERROR,
                        "XML error: Missing required nodeset attribute in memnode element"),
                Arguments.of("<vcpu>4</vcpu><numatune><memory mode='sometimes'/></numatune>",
                        ErrorCode.CONFIG_UNSUPPORTED,
                        "unsupported configuration: Unsupported NUMA memory tuning mode 'sometimes'"),
                Arguments.of("<vcpu>4</vcpu><numatune><memory mode='strict' nodeset='0,^0'/></numatune>",
                        ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: Invalid value of 'nodeset': 0,^0"),
                Arguments.of("<vcpu placement='auto'>2</vcpu><numatune><memory mode='interleave' placement='static'/>"
                        + "</numatune>", ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: nodeset for NUMA"
                                + " memory tuning must be set if 'placement' is 'static'"),
                Arguments.of("<vcpu>4</vcpu><numatune/><numatune/>", ErrorCode.XML_ERROR,
                        "XML error: only one numatune is supported"),
                Arguments.of("<vcpu placement='sometimes'>4</vcpu>", ErrorCode.XML_ERROR,
                        "XML error: Invalid value for attribute 'placement' in element 'vcpu': 'sometimes'."),
                Arguments.of("<vcpu cpuset='2,^2'>4</vcpu>", ErrorCode.CONFIG_UNSUPPORTED,
                        "unsupported configuration: Invalid value of 'cpuset': 2,^2"),
                Arguments.of("<memoryBacking><hugepages><page size='0'/></hugepages></memoryBacking>",
                        ErrorCode.XML_DETAIL, "hugepage size can't be zero"),
                Arguments.of("<memoryBacking><hugepages><page unit='G'/></hugepages></memoryBacking>",
                        ErrorCode.XML_ERROR, "XML error: missing element or attribute './@size'"),
                Arguments.of("<memoryBacking><hugepages><page size='2' unit='M'/><page size='1' unit='G'/>"
                        + "</hugepages></memoryBacking>", ErrorCode.XML_DETAIL,
                        "two master hugepages detected: 1048576 and 2048"),
                Arguments.of("<memoryBacking><hugepages><page size='2' nodeset='0-1'/><page size='4' nodeset='1'/>"
                        + "</hugepages></memoryBacking><vcpu>4</vcpu>" + cells, ErrorCode.XML_DETAIL,
                        "nodeset attribute of hugepages of sizes 4 and 2 intersect"),
                Arguments.of("<memoryBacking><hugepages><page size='2' nodeset='1,4'/></hugepages></memoryBacking>"
                        + "<vcpu>4</vcpu>" + cells, ErrorCode.XML_DETAIL, "hugepages: node 4 not found"),
                Arguments.of("<memoryBacking><source type='none'/></memoryBacking>", ErrorCode.CONFIG_UNSUPPORTED,
                        "unsupported configuration: unknown memoryBacking/source/type 'none'"),
                Arguments.of("<memoryBacking><allocation threads='-1'/></memoryBacking>", ErrorCode.XML_ERROR,
                        "XML error: Failed to parse memory allocation threads"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void badInputIsRefusedAsLibvirtRefusesIt(String inside, ErrorCode code, String message) {
        assertThatThrownBy(() -> define(inside)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static DomainDefinition withDimm(String memory, String numa) {
        return PostParse.apply(DomainXml.parse("<domain type='test'><name>n</name>"
                + "<maxMemory slots='4' unit='KiB'>16777216</maxMemory><memory>" + memory + "</memory><vcpu>2</vcpu>"
                + numa + "<os><type>hvm</type></os><devices><memory model='dimm'><target>"
                + "<size unit='KiB'>524288</size><node>1</node></target></memory></devices></domain>"),
                DomainRules.GENERIC);
    }

    @Test
    void memoryDevicesCountInTheInferredMemoryAndMustBeOnAnExistingCell() {
        String twoCells = "<cpu><numa><cell cpus='0-1' memory='1048576'/><cell memory='1'/></numa></cpu>";

        assertThat(withDimm("0", twoCells).memoryKiB()).isEqualTo(1048576 + 1 + 524288);
        assertThatThrownBy(() -> withDimm("262144", twoCells)).hasMessage(
                "XML error: Total size of memory devices exceeds the total memory size");
        assertThatThrownBy(() -> withDimm("524288", twoCells)).hasMessage(
                "XML error: Memory size must be specified via <memory> or in the <numa> configuration");
        assertThatThrownBy(() -> withDimm("2097152", "<cpu><numa><cell cpus='0-1' memory='1048576'/></numa></cpu>"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_DETAIL);
                    assertThat(e.getMessage()).isEqualTo("can't add memory backend for guest node '1' as the guest"
                            + " has only '1' NUMA nodes configured");
                });
        assertThatThrownBy(() -> withDimm("2097152", "")).hasMessage(
                "can't add memory backend as guest has no NUMA nodes configured");
    }

    @Test
    void withoutMemoryOrCellsThereIsNoMemory() {
        assertThatThrownBy(() -> PostParse.apply(DomainXml.parse("<domain type='test'><name>n</name>"
                + "<memory>0</memory></domain>"), DomainRules.GENERIC)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).isEqualTo("XML error: Memory size must be specified via <memory> or"
                        + " in the <numa> configuration"));
    }
}
