package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.core.Jvirt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domain state machine with libvirt 9's test-driver errors; every failure leaves state unchanged. */
class LifecycleTest {
    static final String T2 = """
            <domain type='test'>
              <name>t2</name>
              <uuid>071aeddd-36ae-46ef-9f1c-ee7f37549806</uuid>
              <memory>65536</memory>
              <vcpu>2</vcpu>
              <os><type>hvm</type></os>
              <devices>
                <disk type='file'><source file='/nonexistent/t2.img'/><target dev='hda'/></disk>
              </devices>
            </domain>
            """;

    private Connection conn;
    private Domain test;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        conn = Jvirt.open("test:///default");
        test = conn.domainByName("test");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private static void assertFails(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void suspendResumeDestroyStart() {
        assertFails(test::resume, ErrorCode.INTERNAL_ERROR, "internal error: domain 'test' not paused");
        test.suspend();
        assertThat(test.state()).isEqualTo(DomainStateReason.PAUSED_USER);
        assertFails(test::suspend, ErrorCode.INTERNAL_ERROR, "internal error: domain 'test' not running");
        test.resume();
        assertThat(test.state()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
        test.destroy();
        assertThat(test.state()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
        assertThat(test.id()).isEqualTo(-1);
        assertFails(test::destroy, ErrorCode.OPERATION_INVALID, "Requested operation is not valid: domain is not running");
        assertThatThrownBy(test::destroy).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.domain()).isEqualTo(org.jvirt.api.ErrorDomain.DOMAIN));
        assertFails(test::suspend, ErrorCode.INTERNAL_ERROR, "internal error: domain 'test' not running");
        assertFails(test::resume, ErrorCode.INTERNAL_ERROR, "internal error: domain 'test' not paused");
        assertThat(conn.definedDomainNames()).containsExactly("test");
        test.start();
        assertThat(test.id()).isEqualTo(2);
        assertThat(test.state()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
        assertFails(test::start, ErrorCode.OPERATION_INVALID, "Requested operation is not valid: domain is already running");
    }

    @Test
    void shutdownAndReboot() {
        test.reboot();
        assertThat(test.state()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
        test.shutdown();
        assertThat(test.state()).isEqualTo(DomainStateReason.SHUTOFF_SHUTDOWN);
        assertFails(test::shutdown, ErrorCode.INTERNAL_ERROR, "internal error: domain 'test' not running");
        assertFails(test::reboot, ErrorCode.OPERATION_INVALID, "Requested operation is not valid: domain is not running");
    }

    @Test
    void defineStartUndefineTransient() {
        Domain t2 = conn.defineDomain(T2);
        assertThat(t2.isActive()).isFalse();
        assertThat(t2.isPersistent()).isTrue();
        assertThat(conn.definedDomainNames()).containsExactly("t2");
        assertThat(t2.xmlDesc()).contains("<currentMemory unit='KiB'>65536</currentMemory>", "<type arch='i686'>hvm</type>",
                "<on_crash>destroy</on_crash>").doesNotContain("id=");
        t2.start();
        t2.undefine();
        assertThat(t2.isPersistent()).isFalse();
        assertThat(t2.isActive()).isTrue();
        t2.undefine();
        assertThat(t2.isActive()).isTrue();
        t2.destroy();
        assertFails(t2::info, ErrorCode.NO_DOMAIN,
                "Domain not found: no domain with matching uuid '071aeddd-36ae-46ef-9f1c-ee7f37549806' (t2)");
        assertThat(conn.listAllDomains()).containsExactly(test);
    }

    @Test
    void redefiningKeepsTheDomainAndClashesAreRefused() {
        Domain t2 = conn.defineDomain(T2);
        conn.defineDomain(T2.replace("65536", "131072"));
        assertThat(t2.info().maxMemoryKiB()).isEqualTo(131072);
        assertFails(() -> conn.defineDomain(T2.replace("071aeddd", "171aeddd")), ErrorCode.OPERATION_FAILED,
                "operation failed: domain 't2' already exists with uuid 071aeddd-36ae-46ef-9f1c-ee7f37549806");
        assertFails(() -> conn.defineDomain(T2.replace("<name>t2</name>", "<name>t3</name>")), ErrorCode.OPERATION_FAILED,
                "operation failed: domain 't2' is already defined with uuid 071aeddd-36ae-46ef-9f1c-ee7f37549806");
        assertFails(() -> conn.createDomain(T2.replace("t2", "test").replace("071aeddd-36ae-46ef-9f1c-ee7f37549806",
                        "6695eb01-f6a4-8304-79aa-97f2502e193f")), ErrorCode.OPERATION_INVALID,
                "Requested operation is not valid: domain 'test' is already active");
        assertThat(conn.listAllDomains()).hasSize(2);
    }

    @Test
    void createIsTransientAndPausedOnRequest() {
        Domain t2 = conn.createDomain(T2, StartFlag.PAUSED);
        assertThat(t2.state()).isEqualTo(DomainStateReason.PAUSED_USER);
        assertThat(t2.isPersistent()).isFalse();
        assertThat(t2.id()).isEqualTo(2);
        assertThat(conn.activeDomainIds()).containsExactly(1, 2);
    }

    @Test
    void badXmlChangesNothing() {
        for (String xml : List.of("<domain", "<domain type='test'><memory>1</memory></domain>", "<network/>",
                "<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><domain><name>&e;</name></domain>")) {
            assertThatThrownBy(() -> conn.defineDomain(xml)).isInstanceOf(VirtException.class);
            assertThatThrownBy(() -> conn.createDomain(xml)).isInstanceOf(VirtException.class);
        }
        assertThat(conn.listAllDomains()).containsExactly(test);
        assertThat(test.state()).isEqualTo(DomainStateReason.RUNNING_UNKNOWN);
    }

    @Test
    void memory() {
        assertFails(() -> test.setMemory(99999999), ErrorCode.INVALID_ARG,
                "invalid argument: cannot set memory higher than max memory");
        assertFails(() -> test.setMemory(-1), ErrorCode.INVALID_ARG,
                "invalid argument: memory -1 KiB for domain 'test' in virDomainSetMemoryFlags must be positive");
        assertFails(() -> test.setMemory(0), ErrorCode.INVALID_ARG,
                "invalid argument: memory in virDomainSetMemoryFlags must not be zero");
        assertThat(test.info().memoryKiB()).isEqualTo(2097152);
        test.setMemory(1048576);
        assertThat(test.info().memoryKiB()).isEqualTo(1048576);
        assertThat(test.xmlDesc(XmlFlag.INACTIVE)).contains("<currentMemory unit='KiB'>2097152</currentMemory>");
        assertFails(() -> test.setMaxMemory(1000), ErrorCode.OPERATION_INVALID,
                "Requested operation is not valid: cannot resize the maximum memory on an active domain");
        test.setMaxMemory(1000, ModificationImpact.CONFIG);
        assertThat(test.xmlDesc(XmlFlag.INACTIVE)).contains("<memory unit='KiB'>1000</memory>",
                "<currentMemory unit='KiB'>1000</currentMemory>");
        assertThat(test.info().maxMemoryKiB()).isEqualTo(8388608);
        test.destroy();
        assertFails(() -> test.setMemory(500, ModificationImpact.LIVE), ErrorCode.OPERATION_INVALID,
                "Requested operation is not valid: domain is not running");
        assertThat(test.info().maxMemoryKiB()).isEqualTo(1000);
    }

    @Test
    void vcpus() {
        assertFails(() -> test.setVcpus(5), ErrorCode.INVALID_ARG,
                "invalid argument: requested cpu amount exceeds maximum (5 > 2)");
        assertFails(() -> test.setVcpus(0), ErrorCode.INVALID_ARG,
                "invalid argument: vCPU count 0 for domain 'test' in virDomainSetVcpus must be positive");
        test.setVcpus(1);
        assertThat(test.info().vcpus()).isEqualTo(1);
        assertThat(test.vcpuInfo()).hasSize(1);
        test.setVcpus(2);
        List<VcpuInfo> vcpus = test.vcpuInfo();
        assertThat(vcpus).hasSize(2);
        assertThat(vcpus.get(0).affinity().cardinality()).isEqualTo(16);
        assertThat(vcpus.get(0).cpu()).isEqualTo(15);
        BitSet only3 = new BitSet();
        only3.set(3);
        test.pinVcpu(1, only3);
        assertThat(test.vcpuInfo().get(1).affinity()).isEqualTo(only3);
        assertThat(test.vcpuInfo().get(1).cpu()).isEqualTo(3);
        assertFails(() -> test.pinVcpu(5, only3), ErrorCode.INVALID_ARG,
                "invalid argument: requested vcpu '5' is not present in the domain");
        test.destroy();
        assertFails(test::vcpuInfo, ErrorCode.OPERATION_INVALID,
                "Requested operation is not valid: cannot list vcpus for an inactive domain");
    }

    @Test
    void vcpuPinInfoIsLibvirts() {
        BitSet all = new BitSet();
        all.set(0, 16);
        assertThat(test.vcpuPinInfo(ModificationImpact.CURRENT)).containsExactly(all, all);
        BitSet only3 = new BitSet();
        only3.set(3);
        test.pinVcpu(0, only3);
        test.setVcpus(1, ModificationImpact.LIVE);
        // One set per vCPU up to the maximum; the pins are the running domain's, not its definition's.
        assertThat(test.vcpuPinInfo(ModificationImpact.CURRENT)).containsExactly(only3, all);
        assertThat(test.vcpuPinInfo(ModificationImpact.LIVE)).containsExactly(only3, all);
        assertThat(test.vcpuPinInfo(ModificationImpact.CONFIG)).containsExactly(all, all);
        test.vcpuPinInfo(ModificationImpact.CURRENT).get(0).set(7);
        assertThat(test.vcpuPinInfo(ModificationImpact.CURRENT).get(0)).isEqualTo(only3);
        test.destroy();
        assertThat(test.vcpuPinInfo(ModificationImpact.CURRENT)).containsExactly(all, all);
        assertThat(test.vcpuPinInfo(ModificationImpact.CONFIG)).containsExactly(all, all);
        assertThatThrownBy(() -> test.vcpuPinInfo(ModificationImpact.LIVE)).isInstanceOfSatisfying(
                VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.DOMAIN);
                    assertThat(e.getMessage()).isEqualTo("Requested operation is not valid: domain is not running");
                });
        Domain t2 = conn.createDomain(T2);
        assertFails(() -> t2.vcpuPinInfo(ModificationImpact.CONFIG), ErrorCode.OPERATION_INVALID,
                "Requested operation is not valid: transient domains do not have any persistent config");
        assertFails(() -> test.vcpuPinInfo(null), ErrorCode.INVALID_ARG,
                "invalid argument: flags in virDomainGetVcpuPinInfo must not be NULL");
    }

    @Test
    void autostartSchedulerAndStats() {
        test.setAutostart(true);
        assertThat(test.autostart()).isTrue();
        assertThat(test.schedulerType()).isEqualTo("fair");
        assertThat(test.schedulerParameters()).containsExactly(new TypedParameter("weight", 50));
        test.setSchedulerParameters(List.of(new TypedParameter("weight", 70)));
        assertThat(test.schedulerParameters()).containsExactly(new TypedParameter("weight", 70));
        assertFails(() -> test.setSchedulerParameters(List.of(new TypedParameter("cap", 1))),
                ErrorCode.ARGUMENT_UNSUPPORTED, "argument unsupported: parameter 'cap' not supported");
        assertFails(() -> test.setSchedulerParameters(List.of(new TypedParameter("weight", "x"))),
                ErrorCode.INVALID_ARG, "invalid argument: invalid type for parameter 'weight', expected a non-negative int");
        assertThat(test.schedulerParameters()).containsExactly(new TypedParameter("weight", 70));
        assertThat(test.blockStats("vda").readRequests()).isPositive();
        assertThat(test.blockStats("/guest/diskimage1").errors()).isPositive();
        assertFails(() -> test.blockStats("vdz"), ErrorCode.INVALID_ARG, "invalid argument: invalid path: vdz");
        assertThat(test.interfaceStats("testnet0").rxBytes()).isPositive();
        assertFails(() -> test.interfaceStats("eth9"), ErrorCode.INVALID_ARG,
                "invalid argument: 'eth9' is not a known interface");
        assertFails(() -> test.blockStats(""), ErrorCode.OPERATION_UNSUPPORTED,
                "Operation not supported: summary statistics are not supported yet");
        assertThat(test.memoryPeek(0, 16, MemoryPeekFlag.PHYSICAL)).hasSize(16).containsOnly(0);
        assertFails(() -> test.memoryPeek(0, 70000, MemoryPeekFlag.VIRTUAL), ErrorCode.INVALID_ARG,
                "invalid argument: memory peek of 70000 bytes exceeds the limit of 65536");
    }

    @Test
    void blockPeekReadsTheImage(@TempDir Path images) throws IOException {
        Path image = images.resolve("disk.img");
        Files.write(image, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Domain d = conn.defineDomain(T2.replace("/nonexistent/t2.img", image.toString()));
        assertThat(d.blockPeek("hda", 2, 3)).containsExactly(3, 4, 5);
        assertFails(() -> d.blockPeek("hda", 6, 5), ErrorCode.INVALID_ARG, "invalid argument: block peek of 5 bytes at 6"
                + " is beyond the end of '" + image + "' (8 bytes)");
        assertFails(() -> d.blockPeek("hdz", 0, 1), ErrorCode.INVALID_ARG, "invalid argument: invalid disk or path 'hdz'");
        assertThatThrownBy(() -> test.blockPeek("vda", 0, 1)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR));
    }

    @Test
    void devicesAttachAndDetach() {
        String disk = "<disk type='file' device='disk'><source file='/tmp/extra.img'/><target dev='vdb' bus='virtio'/></disk>";
        test.attachDevice(disk);
        assertThat(test.xmlDesc()).contains("<target dev='vdb' bus='virtio'/>");
        assertFails(() -> test.attachDevice(disk), ErrorCode.OPERATION_FAILED, "operation failed: target vdb already exists");
        test.detachDevice("<disk type='file'><target dev='vdb'/></disk>");
        assertThat(test.xmlDesc()).doesNotContain("vdb");
        assertThatThrownBy(() -> test.detachDevice("<disk type='file'><target dev='vdb'/></disk>"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_MISSING);
                    assertThat(e.getMessage()).contains("no target device vdb");
                });
        test.detachDevice("<interface type='network'><mac address='AA:BB:CC:DD:EE:FF'/></interface>");
        assertThat(test.xmlDesc()).doesNotContain("testnet0");
        assertThatThrownBy(() -> test.attachDevice("<disk")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
    }

    @Test
    void saveAndRestore() throws IOException {
        Path image = dir.resolve("test.img");
        test.save(image);
        assertThat(test.state()).isEqualTo(DomainStateReason.SHUTOFF_SAVED);
        byte[] bytes = Files.readAllBytes(image);
        assertThat(new String(bytes, 0, 15, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("TestGuestMagic\0");
        assertFails(() -> test.save(dir.resolve("again.img")), ErrorCode.OPERATION_INVALID,
                "Requested operation is not valid: domain is not running");
        Domain restored = conn.restore(image);
        assertThat(restored).isEqualTo(test);
        assertThat(test.state()).isEqualTo(DomainStateReason.RUNNING_RESTORED);
        assertFails(() -> conn.restore(image), ErrorCode.OPERATION_INVALID,
                "Requested operation is not valid: domain 'test' is already active");
    }

    @Test
    void restoringBadFilesChangesNothing() throws IOException {
        test.destroy();
        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "root:x:0:0:root:/root:/bin/bash\n");
        assertFails(() -> conn.restore(foreign), ErrorCode.INTERNAL_ERROR, "internal error: mismatched header magic");
        Path empty = Files.createFile(dir.resolve("empty"));
        assertFails(() -> conn.restore(empty), ErrorCode.INTERNAL_ERROR, "internal error: mismatched header magic");
        Path truncated = dir.resolve("truncated");
        Files.write(truncated, new byte[] {'T', 'e', 's', 't', 'G', 'u', 'e', 's', 't', 'M', 'a', 'g', 'i', 'c', 0, 100, 0});
        assertThatThrownBy(() -> conn.restore(truncated)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
        Path huge = dir.resolve("huge");
        Files.write(huge, new byte[] {'T', 'e', 's', 't', 'G', 'u', 'e', 's', 't', 'M', 'a', 'g', 'i', 'c', 0, -1, -1, -1, 127});
        assertThatThrownBy(() -> conn.restore(huge)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(e.getMessage()).contains("sanity check failed");
        });
        Path badXml = dir.resolve("badxml");
        byte[] body = "<domain".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(15 + 4 + body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.put("TestGuestMagic\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        Files.write(badXml, buf.array());
        assertThatThrownBy(() -> conn.restore(badXml)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
        assertFails(() -> conn.restore(dir.resolve("missing")), ErrorCode.SYSTEM_ERROR,
                "cannot read domain image '" + dir.resolve("missing") + "': No such file or directory");
        assertThat(test.state()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
        assertThat(conn.listAllDomains()).containsExactly(test);
    }

    @Test
    void saveToAnUnwritablePlaceKeepsTheDomainRunning() {
        Path missing = dir.resolve("no/such/dir/x.img");
        assertFails(() -> test.save(missing), ErrorCode.SYSTEM_ERROR,
                "saving domain 'test' to '" + missing + "': open failed: No such file or directory");
        assertFails(() -> test.coreDump(missing), ErrorCode.SYSTEM_ERROR,
                "domain 'test' coredump: failed to open " + missing + ": No such file or directory");
        assertThat(test.info().state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void coreDumpKeepsTheDomainRunning() throws IOException {
        Path dump = dir.resolve("core");
        test.coreDump(dump);
        assertThat(Files.size(dump)).isEqualTo(15);
        assertThat(test.info().state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void networksLifecycle() {
        String xml = """
                <network>
                  <name>lab</name>
                  <bridge name='virbr9'/>
                  <ip address='10.9.0.1' netmask='255.255.255.0'/>
                </network>
                """;
        var lab = conn.defineNetwork(xml);
        assertThat(lab.isActive()).isFalse();
        assertThat(conn.definedNetworkNames()).containsExactly("lab");
        lab.start();
        assertThat(conn.activeNetworkNames()).containsExactly("default", "lab");
        assertThatThrownBy(lab::start).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
        lab.setAutostart(true);
        assertThat(lab.autostart()).isTrue();
        lab.destroy();
        lab.undefine();
        assertThatThrownBy(() -> conn.networkByName("lab")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_NETWORK));
        var temp = conn.createNetwork(xml.replace("lab", "tmp"));
        assertThat(temp.isPersistent()).isFalse();
        temp.destroy();
        assertThat(conn.listAllNetworks()).hasSize(1);
    }
}
