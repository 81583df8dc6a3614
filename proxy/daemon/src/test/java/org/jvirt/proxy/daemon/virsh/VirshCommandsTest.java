package org.jvirt.proxy.daemon.virsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.DAEMON_VERSION;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.SCHEDULER_WEIGHT_KEPT;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.SOCKET_IN_URI;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.TEST_DRIVER_CPU_TIME;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.XML_PARSER_MESSAGE;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real virsh against jvirtd and against Debian's libvirtd, both serving a test driver: the same
 * commands, and the whole of what virsh prints — stdout, stderr, exit code — must be the same, but for
 * the {@link AcceptedDifferences} each comparison names.
 */
class VirshCommandsTest {
    @TempDir
    static Path dir;
    private static BothDaemons d;

    @BeforeAll
    static void startBothDaemons() throws Exception {
        d = BothDaemons.start(dir);
    }

    @AfterAll
    static void stopBothDaemons() throws InterruptedException {
        if (d != null) {
            d.close();
        }
    }

    /** The commands virsh users run daily, on the default domain and on one they define and drive through its lifecycle. */
    @Test
    void everydayCommandsPrintWhatLibvirtdPrints() throws Exception {
        String commands = String.join("; ",
                "list --all", "dominfo test", "domstate --reason test", "domid test", "domuuid test", "domname 1",
                "domname 6695eb01-f6a4-8304-79aa-97f2502e193f", "dominfo 1", "vcpuinfo test", "vcpucount test",
                "schedinfo test", "setmem test 1048576", "autostart test", "dominfo test", "autostart --disable test",
                "dumpxml test", "dumpxml --inactive test", "domblklist test", "domiflist test",
                "net-list --all", "net-info default", "net-dumpxml default",
                "nodeinfo", "capabilities", "version --daemon", "uri", "hostname", "sysinfo", "maxvcpus", "freecell",
                "define " + d.vm1, "dumpxml vm1", "dominfo vm1", "domstate --reason vm1",
                "start vm1", "list --all", "domstate --reason vm1", "domid vm1", "dominfo vm1",
                "suspend vm1", "domstate --reason vm1", "dominfo vm1",
                "resume vm1", "domstate --reason vm1",
                "destroy vm1", "domstate --reason vm1", "dominfo vm1",
                "undefine vm1", "list --all",
                "dominfo nosuch");
        BothDaemons.Outputs out = d.run(commands);

        // what the oracle says, so that two daemons that both fail cannot pass
        assertThat(out.libvirt().stdout()).contains("Domain 'vm1' started", "paused (user)", "Domain 'vm1' has been undefined");
        assertThat(out.libvirt().stderr()).isEqualTo("error: failed to get domain 'nosuch'\n");
        assertThat(out.libvirt().exitCode()).isEqualTo(1);
        assertSame(commands, out.libvirt(), out.jvirt(), TEST_DRIVER_CPU_TIME, SOCKET_IN_URI, DAEMON_VERSION);
    }

    /** The rest of a domain's life (shutdown, reboot, save, restore, a transient domain), its resources, and a network's life. */
    @Test
    void lifecycleResourceAndNetworkCommandsPrintWhatLibvirtdPrints() throws Exception {
        Path net2 = Files.writeString(d.dir.resolve("net2.xml"), """
                <network>
                  <name>net2</name>
                  <uuid>22222222-3333-4444-5555-666666666666</uuid>
                  <bridge name='virbr5'/>
                  <ip address='192.168.150.1' netmask='255.255.255.0'/>
                </network>
                """);
        Path saved = d.dir.resolve("test.save");
        String commands = String.join("; ",
                "shutdown test", "domstate --reason test", "start test", "reboot test", "domstate --reason test",
                "save test " + saved, "domstate --reason test", "list --all", "restore " + saved, "domstate --reason test",
                "dominfo test", "create " + d.vm1, "list --all", "dominfo vm1", "dumpxml vm1", "destroy vm1", "list --all",
                "setvcpus test 1", "vcpucount test", "setvcpus test 1 --config", "setmaxmem test 4194304 --config",
                "dumpxml --inactive test", "vcpupin test 0 1-2", "vcpupin test", "vcpupin test 1 3 --config",
                "net-define " + net2, "net-list --all", "net-start net2", "net-info net2", "net-dumpxml net2",
                "net-autostart net2", "net-list --all", "net-destroy net2", "net-undefine net2",
                "net-create " + net2, "net-list --all", "net-destroy net2", "net-list --all",
                "maxvcpus --type test", "nodecpumap", "freecell --all");
        BothDaemons.Outputs out = d.run(commands);

        assertThat(out.libvirt().stdout()).contains("shut off (saved)", "running (restored)", "Domain 'vm1' created from",
                "Network net2 started");
        assertSame(commands, out.libvirt(), out.jvirt(), TEST_DRIVER_CPU_TIME);
    }

    /** Wrong input and wrong states: the error lines must be libvirt's, word for word, and change nothing. */
    @Test
    void errorsAreWordedAsLibvirtdWordsThem() throws Exception {
        Path broken = Files.writeString(d.dir.resolve("broken.xml"), "<domain type='test'><name>broken</name>");
        Path nameless = Files.writeString(d.dir.resolve("nameless.xml"), "<domain type='test'><memory>1024</memory></domain>");
        Path namelessNet = Files.writeString(d.dir.resolve("nameless-net.xml"), "<network><bridge name='virbr9'/></network>");
        Path duplicate = Files.writeString(d.dir.resolve("dup.xml"), BothDaemons.VM1.replace("vm1", "test"));
        String commands = String.join("; ",
                "define " + broken, "define " + nameless, "net-define " + namelessNet, "define " + duplicate,
                "define " + d.dir.resolve("absent.xml"),
                "start test", "resume test", "suspend nosuch", "undefine nosuch", "domid nosuch", "domuuid nosuch",
                "domname 42", "vcpuinfo nosuch",
                "define " + d.vm1, "suspend vm1", "resume vm1", "destroy vm1", "start vm1", "start vm1", "undefine vm1",
                "destroy vm1", "dominfo vm1",
                "setmem test 99999999", "setmem test 0", "setvcpus test 5", "setvcpus test 0",
                "schedinfo test --set weight=abc", "schedinfo test --set foo=1",
                "vcpucount test --guest", "dumpxml --update-cpu test", "vcpupin test 1 3 --config", "undefine test --nvram",
                "net-start default", "net-info nosuch", "net-dumpxml nosuch", "net-destroy nosuch",
                "list --all", "dominfo test");
        BothDaemons.Outputs out = d.run(commands);

        assertThat(out.libvirt().stderr()).contains("error: missing name information", "internal error: domain 'vm1' not running",
                "Requested operation is not valid: domain is not running",
                "error: unsupported flags (0x4) in function testDomainGetXMLDesc");
        assertSame(commands, out.libvirt(), out.jvirt(), XML_PARSER_MESSAGE, TEST_DRIVER_CPU_TIME);
    }

    /** A URI no driver of the daemon opens: virsh cannot connect, and says why in libvirt's words. */
    @Test
    void aUriNoDriverOpensIsRefusedAsLibvirtdRefusesIt() throws Exception {
        Virsh.Result libvirt = d.virsh.run("foo+unix:///system?socket=" + d.libvirtd.socket(), false, "list --all");
        Virsh.Result jvirt = d.virsh.run("foo+unix:///system?socket=" + d.jvirtd.socket(), false, "list --all");

        assertThat(libvirt.stderr()).contains("error: no connection driver available for foo:///system");
        assertSame("-c foo+unix:///system list --all", libvirt, jvirt);
    }

    @Test
    void schedulerWeightIsAcceptedAsLibvirtdAcceptsIt() throws Exception {
        String commands = "schedinfo test --set weight=10; schedinfo test; dominfo test";
        BothDaemons.Outputs out = d.run(commands);
        assertSame(commands, out.libvirt(), out.jvirt(), SCHEDULER_WEIGHT_KEPT, TEST_DRIVER_CPU_TIME);
    }
}
