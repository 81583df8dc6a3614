package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

class CapabilitiesXmlTest {

    /**
     * {@code virsh -c test:///default capabilities} of libvirt 9.0 as libvirt returns it
     * ({@code virConnectGetCapabilities}); virsh prints it with two more newlines.
     */
    static final String VIRSH_CAPABILITIES = """
            <capabilities>

              <host>
                <cpu>
                  <arch>i686</arch>
                  <features>
                    <pae/>
                    <nonpae/>
                  </features>
                  <pages unit='KiB' size='4'/>
                  <pages unit='KiB' size='8'/>
                  <pages unit='KiB' size='2048'/>
                  <pages unit='KiB' size='1048576'/>
                </cpu>
                <power_management/>
                <iommu support='no'/>
                <topology>
                  <cells num='2'>
                    <cell id='0'>
                      <memory unit='KiB'>2097152</memory>
                      <pages unit='KiB' size='4'>524288</pages>
                      <pages unit='KiB' size='2048'>0</pages>
                      <pages unit='KiB' size='1048576'>0</pages>
                      <cpus num='8'>
                        <cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0'/>
                        <cpu id='1' socket_id='0' die_id='0' core_id='1' siblings='1'/>
                        <cpu id='2' socket_id='0' die_id='0' core_id='2' siblings='2'/>
                        <cpu id='3' socket_id='0' die_id='0' core_id='3' siblings='3'/>
                        <cpu id='4' socket_id='0' die_id='0' core_id='4' siblings='4'/>
                        <cpu id='5' socket_id='0' die_id='0' core_id='5' siblings='5'/>
                        <cpu id='6' socket_id='0' die_id='0' core_id='6' siblings='6'/>
                        <cpu id='7' socket_id='0' die_id='0' core_id='7' siblings='7'/>
                      </cpus>
                    </cell>
                    <cell id='1'>
                      <memory unit='KiB'>4194304</memory>
                      <pages unit='KiB' size='8'>524288</pages>
                      <pages unit='KiB' size='2048'>0</pages>
                      <pages unit='KiB' size='1048576'>0</pages>
                      <cpus num='8'>
                        <cpu id='8' socket_id='1' die_id='0' core_id='0' siblings='8'/>
                        <cpu id='9' socket_id='1' die_id='0' core_id='1' siblings='9'/>
                        <cpu id='10' socket_id='1' die_id='0' core_id='2' siblings='10'/>
                        <cpu id='11' socket_id='1' die_id='0' core_id='3' siblings='11'/>
                        <cpu id='12' socket_id='1' die_id='0' core_id='4' siblings='12'/>
                        <cpu id='13' socket_id='1' die_id='0' core_id='5' siblings='13'/>
                        <cpu id='14' socket_id='1' die_id='0' core_id='6' siblings='14'/>
                        <cpu id='15' socket_id='1' die_id='0' core_id='7' siblings='15'/>
                      </cpus>
                    </cell>
                  </cells>
                </topology>
                <secmodel>
                  <model>testSecurity</model>
                  <doi></doi>
                </secmodel>
              </host>

              <guest>
                <os_type>hvm</os_type>
                <arch name='i686'>
                  <wordsize>32</wordsize>
                  <emulator>/usr/bin/test-hv</emulator>
                  <domain type='test'/>
                </arch>
                <features>
                  <pae/>
                  <nonpae/>
                </features>
              </guest>

              <guest>
                <os_type>xen</os_type>
                <arch name='i686'>
                  <wordsize>32</wordsize>
                  <emulator>/usr/bin/test-hv</emulator>
                  <domain type='test'/>
                </arch>
                <features>
                  <pae/>
                  <nonpae/>
                </features>
              </guest>

            </capabilities>
            """;

    /** The test driver's capabilities, built as that driver would. */
    static CapabilitiesDefinition testDriverCapabilities() {
        List<NumaCell> cells = new ArrayList<>();
        for (int cell = 0; cell < 2; cell++) {
            List<HostCpu> cpus = new ArrayList<>();
            for (int core = 0; core < 8; core++) {
                int id = cell * 8 + core;
                cpus.add(new HostCpu(id, cell, 0, core, Integer.toString(id)));
            }
            cells.add(new NumaCell(cell, 2097152L * (cell + 1),
                    List.of(new NumaPages(cell == 0 ? 4 : 8, 524288), new NumaPages(2048, 0),
                            new NumaPages(1048576, 0)), cpus));
        }
        HostCapabilities host = new HostCapabilities(null, "i686", List.of("pae", "nonpae"),
                List.of(4L, 8L, 2048L, 1048576L), List.of(), false, cells,
                List.of(new SecurityModel("testSecurity", "", Map.of())));
        List<GuestCapabilities> guests = new ArrayList<>();
        for (String osType : List.of("hvm", "xen")) {
            guests.add(new GuestCapabilities(osType, "i686", 32, "/usr/bin/test-hv", List.of(),
                    List.of("test"), List.of("pae", "nonpae")));
        }
        return new CapabilitiesDefinition(host, guests);
    }

    @Test
    void testDriverCapabilitiesFormatExactlyAsVirsh() {
        assertThat(CapabilitiesXml.format(testDriverCapabilities())).isEqualTo(VIRSH_CAPABILITIES);
    }

    @Test
    void parsesWhatItFormats() {
        assertThat(CapabilitiesXml.parse(VIRSH_CAPABILITIES)).isEqualTo(testDriverCapabilities());
    }

    @Test
    void optionalPartsOfAQemuHost() {
        CapabilitiesDefinition caps = new CapabilitiesDefinition(
                new HostCapabilities(UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"), "x86_64",
                        List.of(), List.of(4L), List.of("suspend_mem", "suspend_disk"), true, List.of(),
                        List.of(new SecurityModel("dac", "0", orderedLabels()))),
                List.of(new GuestCapabilities("hvm", "x86_64", 64, "/usr/bin/qemu-system-x86_64",
                        List.of(new GuestMachine("pc-i440fx-7.2", null, 255),
                                new GuestMachine("pc", "pc-i440fx-7.2", 255)),
                        List.of("qemu", "kvm"), List.of())));

        String xml = CapabilitiesXml.format(caps);

        assertThat(xml).isEqualTo("""
                <capabilities>

                  <host>
                    <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
                    <cpu>
                      <arch>x86_64</arch>
                      <pages unit='KiB' size='4'/>
                    </cpu>
                    <power_management>
                      <suspend_mem/>
                      <suspend_disk/>
                    </power_management>
                    <iommu support='yes'/>
                    <secmodel>
                      <model>dac</model>
                      <doi>0</doi>
                      <baselabel type='kvm'>+0:+0</baselabel>
                      <baselabel type='qemu'>+0:+0</baselabel>
                    </secmodel>
                  </host>

                  <guest>
                    <os_type>hvm</os_type>
                    <arch name='x86_64'>
                      <wordsize>64</wordsize>
                      <emulator>/usr/bin/qemu-system-x86_64</emulator>
                      <machine maxCpus='255'>pc-i440fx-7.2</machine>
                      <machine canonical='pc-i440fx-7.2' maxCpus='255'>pc</machine>
                      <domain type='qemu'/>
                      <domain type='kvm'/>
                    </arch>
                  </guest>

                </capabilities>
                """);
        assertThat(CapabilitiesXml.parse(xml)).isEqualTo(caps);
    }

    private static Map<String, String> orderedLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kvm", "+0:+0");
        labels.put("qemu", "+0:+0");
        return labels;
    }

    @Test
    void errorsAreVirtExceptions() {
        VirtException notCaps = catchThrowableOfType(VirtException.class, () -> CapabilitiesXml.parse("<host/>"));
        VirtException badNumber = catchThrowableOfType(VirtException.class, () -> CapabilitiesXml.parse(
                "<capabilities><host><cpu><pages size='x'/></cpu></host></capabilities>"));

        assertThat(notCaps.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(badNumber.code()).isEqualTo(ErrorCode.XML_ERROR);
    }
}
