package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.Jvirsh.errors;
import static org.jvirt.cli.Jvirsh.lines;
import static org.jvirt.cli.Jvirsh.script;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vcpuinfo, vcpupin, autostart, schedinfo, setmaxmem's definitions, domblkstat, domifstat, dump and
 * the device commands on jvirt's test driver, including what libvirt's test driver cannot do (attach
 * and detach devices) and so the side-by-side suite cannot compare.
 */
class DomainResourceCommandsTest {

    @Test
    void vcpuinfoOfARunningDomain() {
        Jvirsh.Result r = script("vcpuinfo test");
        assertThat(r.outWithoutCpuTime()).isEqualTo(lines(
                "VCPU:           0",
                "CPU:            15",
                "State:          running",
                "CPU Affinity:   yyyyyyyy",
                "",
                "VCPU:           1",
                "CPU:            15",
                "State:          running",
                "CPU Affinity:   yyyyyyyy",
                ""));
        assertThat(r.out()).containsPattern("CPU time: +[0-9]+\\.[0-9]s\n");
    }

    @Test
    void vcpupinPinsAndShowsTheAffinity() {
        Jvirsh.Result r = script("vcpupin test 0 1,3-4; vcpupin test; vcpupin test --vcpu 1; vcpuinfo test --pretty; "
                + "vcpupin test 1 r; vcpupin test 1; vcpupin test 0 0-2,^1");
        assertThat(r.outWithoutCpuTime()).isEqualTo(lines(
                "",
                " VCPU   CPU Affinity",
                "----------------------",
                " 0      1,3-4",
                " 1      0-7",
                "",
                " VCPU   CPU Affinity",
                "----------------------",
                " 1      0-7",
                "",
                "VCPU:           0",
                "CPU:            4",
                "State:          running",
                "CPU Affinity:   1,3-4 (out of 8)",
                "",
                "VCPU:           1",
                "CPU:            15",
                "State:          running",
                "CPU Affinity:   0-7 (out of 8)",
                "",
                "",
                " VCPU   CPU Affinity",
                "----------------------",
                " 1      0-7",
                "",
                ""));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void vcpupinAndVcpuinfoOfAnInactiveDomainShowItsDefinition() {
        Jvirsh.Result r = script("vcpupin test 0 1; destroy test; vcpupin test; vcpuinfo test --pretty");
        assertThat(r.out()).isEqualTo(lines(
                "",
                "Domain 'test' destroyed",
                "",
                " VCPU   CPU Affinity",
                "----------------------",
                " 0      0-7",
                " 1      0-7",
                "",
                "VCPU:           0",
                "CPU:            N/A",
                "State:          N/A",
                "CPU time        N/A",
                "CPU Affinity:   0-7 (out of 8)",
                "",
                "VCPU:           1",
                "CPU:            N/A",
                "State:          N/A",
                "CPU time        N/A",
                "CPU Affinity:   0-7 (out of 8)",
                ""));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void vcpupinErrors() {
        assertThat(script("vcpupin test 0 8").err()).isEqualTo(errors("CPU 8 in cpulist '8' exceed the maxcpu 8"));
        assertThat(script("vcpupin test 2").err()).isEqualTo(errors("vcpu 2 is out of range of live cpu count 2"));
        assertThat(script("vcpupin test 0 1 --config").err())
                .isEqualTo(errors("unsupported flags (0x2) in function testDomainPinVcpuFlags"));
        assertThat(script("vcpupin test 0 1-x").err()).isEqualTo(errors("Invalid cpulist '1-x'",
                "invalid argument: Failed to parse bitmap '1-x'"));
        assertThat(script("destroy test; vcpupin test --live").err()).isEqualTo(errors(
                "cannot get vcpupin for offline domain"));
        assertThat(script("destroy test; vcpupin test 2").err()).isEqualTo(errors(
                "vcpu 2 is out of range of persistent cpu count 2"));
        assertThat(script("destroy test; vcpupin test 0 1").err()).isEqualTo(errors(
                "Requested operation is not valid: cannot pin vcpus on an inactive domain"));
    }

    @Test
    void autostart(@TempDir Path dir) throws Exception {
        Path d1 = Files.writeString(dir.resolve("d1.xml"), DomainLifecycleCommandsTest.D1_XML);
        Jvirsh.Result r = script("autostart test; list --autostart --name; autostart test --disable; "
                + "list --autostart --name");
        assertThat(r.out()).isEqualTo(lines("Domain 'test' marked as autostarted", "", "test", "",
                "Domain 'test' unmarked as autostarted", "", ""));
        assertThat(script("create " + d1 + "; autostart d1 --disable").err())
                .isEqualTo(errors("Failed to unmark domain 'd1' as autostarted",
                        "Requested operation is not valid: cannot set autostart for transient domain"));
    }

    @Test
    void schedinfoShowsAndSets(@TempDir Path dir) throws Exception {
        assertThat(script("schedinfo test").out()).isEqualTo(lines("Scheduler      : fair", "weight         : 50", ""));
        assertThat(script("schedinfo test --set weight=10; schedinfo test --weight 20 --current").out())
                .isEqualTo(lines("Scheduler      : fair", "weight         : 10", "",
                        "Scheduler      : fair", "weight         : 20", ""));
        Jvirsh.Result bad = script("schedinfo test --set weight=x");
        assertThat(bad.out()).isEqualTo(lines("Scheduler      : fair", ""));
        assertThat(bad.err()).isEqualTo(errors("invalid argument: Invalid value for field 'weight': expected int"));
        assertThat(script("schedinfo test --set weight=30 --live --config; schedinfo test --config").out())
                .isEqualTo(lines("Scheduler      : fair", "weight         : 30", "",
                        "Scheduler      : fair", "weight         : 30", ""));
        Jvirsh.Result inactive = script("destroy test; schedinfo test --live");
        assertThat(inactive.err()).isEqualTo(errors("Requested operation is not valid: domain is not running"));
        Path d1 = Files.writeString(dir.resolve("d1.xml"), DomainLifecycleCommandsTest.D1_XML);
        assertThat(script("create " + d1 + "; schedinfo d1 --config").err())
                .isEqualTo(errors("Requested operation is not valid: transient domains do not have any persistent config"));
    }

    @Test
    void setmaxmemDefinitions() {
        Jvirsh.Result r = script("setmaxmem test 4G --config; dumpxml test --inactive --xpath x");
        assertThat(r.err()).contains("--xpath");
        assertThat(script("setmaxmem test 4G --config; destroy test; dominfo test").out()).contains(
                "Max memory:     4194304 KiB");
        assertThat(script("setmaxmem test 4G --live").err()).isEqualTo(errors("Unable to change MaxMemorySize",
                "Requested operation is not valid: cannot resize the maximum memory on an active domain"));
    }

    @Test
    void blockAndInterfaceCounters() {
        Jvirsh.Result r = script("domblkstat test vda; domblkstat test --device vda --human; domifstat test testnet0");
        assertThat(r.out()).matches("(vda (rd_req|rd_bytes|wr_req|wr_bytes|errs) \\d+\n){5}\n"
                + "Device: vda\n( (number of read operations:|number of bytes read:|number of write operations:"
                + "|number of bytes written:|error count:) +\\d+\n){5}\n"
                + "(testnet0 (rx|tx)_(bytes|packets|errs|drop) \\d+\n){8}\n");
        assertThat(script("domblkstat test nosuch").err()).isEqualTo(errors("Failed to get block stats test nosuch",
                "invalid argument: invalid path: nosuch"));
    }

    @Test
    void dump(@TempDir Path dir) {
        Path core = dir.resolve("test.core");
        Jvirsh.Result r = script("dump test " + core + "; domstate test");
        assertThat(r.out()).isEqualTo(lines("", "Domain 'test' dumped to " + core, "", "running", ""));
        assertThat(core).exists();
        // As libvirt's test driver: a live dump is refused, a crashing one stops the domain (side by side too).
        assertThat(script("dump test " + core + " --live").err()).isEqualTo(errors(
                "Failed to core dump domain 'test' to " + core, "unsupported flags (0x2) in function testDomainCoreDumpWithFormat"));
        assertThat(script("dump test " + core + " --crash; domstate test --reason").out())
                .isEqualTo(lines("", "Domain 'test' dumped to " + core, "", "shut off (crashed)", ""));
    }

    static final String DISK = """
            <disk type='file' device='disk'>
              <source file='/tmp/extra.img'/>
              <target dev='vdb' bus='virtio'/>
            </disk>
            """;

    @Test
    void attachAndDetachDevicesFromFiles(@TempDir Path dir) throws Exception {
        Path disk = Files.writeString(dir.resolve("disk.xml"), DISK);
        Jvirsh.Result r = script("attach-device test " + disk + "; dumpxml test; detach-device test " + disk
                + "; detach-device test " + disk);
        assertThat(r.out()).startsWith("Device attached successfully\n\n")
                .contains("<target dev='vdb' bus='virtio'/>")
                .contains("Device detached successfully\n\n");
        assertThat(r.err()).startsWith("error: Failed to detach device from " + disk + "\nerror: ");
        // --config changes the definition only, --live the running domain only, --persistent both.
        Jvirsh.Result config = script("attach-device test " + disk + " --config; dumpxml test; dumpxml --inactive test");
        assertThat(config.err()).isEmpty();
        assertThat(config.out().split("<target dev='vdb'", -1)).as("in the definition only").hasSize(2);
        assertThat(config.out().indexOf("<target dev='vdb'")).isGreaterThan(config.out().lastIndexOf("<domain"));
        Jvirsh.Result persistent = script("attach-device test " + disk + " --persistent; dumpxml test; "
                + "dumpxml --inactive test; detach-device test " + disk + " --live; dumpxml test; dumpxml --inactive test");
        assertThat(persistent.err()).isEmpty();
        assertThat(persistent.out().split("<target dev='vdb'", -1)).as("both, then the definition only").hasSize(4);
        assertThat(script("destroy test; attach-device test " + disk + " --live").err()).isEqualTo(errors(
                "Failed to attach device from " + disk, "Requested operation is not valid: domain is not running"));
        assertThat(script("attach-device test " + disk + " --current --live").err()).isEqualTo(errors(
                "Options --current and --live are mutually exclusive"));
        Path bad = Files.writeString(dir.resolve("bad.xml"), "<disk type='file'>");
        assertThat(script("attach-device test " + bad).err()).startsWith("error: Failed to attach device from " + bad
                + "\nerror: XML error");
    }

    @Test
    void attachDiskAndInterfaceBuildTheXmlAndAttachIt() {
        Jvirsh.Result r = script("attach-disk test /tmp/extra.img vdc --targetbus virtio; "
                + "attach-interface test network default --mac 52:54:00:00:00:09; dumpxml test");
        assertThat(r.out()).startsWith("Disk attached successfully\n\nInterface attached successfully\n\n")
                .contains("<target dev='vdc' bus='virtio'/>").contains("<mac address='52:54:00:00:00:09'/>");
        assertThat(r.exitCode()).isZero();
    }
}
