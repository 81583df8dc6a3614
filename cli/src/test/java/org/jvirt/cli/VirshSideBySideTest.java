package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compatibility suite: runs the real {@code virsh} (libvirt 9) and jvirsh on the same command
 * lines against {@code test:///default} and compares stdout, stderr and the exit code line by line.
 * Command strings, argument vectors, scripts on standard input (the shell without a terminal) and
 * jvirsh's own options ({@code -q}, {@code -d}, {@code -e}, {@code -k}, {@code -K}, {@code -t},
 * {@code -l}) are all covered, on success and failure paths.
 *
 * <p>Each case starts from the pristine node on both sides: virsh is a new process each time, and
 * jvirsh (run in this JVM) closes its connection at the end of each run, which makes the test driver
 * forget the default node's state.
 *
 * <p>Reviewed differences, and only these, are ignored ({@link #normalize}):
 * <ol>
 *   <li>clock readings: the value of {@code CPU time:} (dominfo, vcpuinfo), the counters of
 *       domblkstat and domifstat (both test drivers derive them from the clock), and {@code -t}'s
 *       {@code (Time: N ms)};</li>
 *   <li>version strings: the library name and number in {@code version}'s first three lines (jvirt
 *       where virsh says libvirt; the hypervisor line is compared);</li>
 *   <li>the program's name where it names itself: the shell's welcome line and prompt
 *       ({@code jvirsh # } for {@code virsh # }), and the log file's line prefix
 *       ({@code [date time jvirsh PID]}); and so where readline's echo of a long line wraps (a carriage
 *       return at every 80th column of the output, one column apart).</li>
 * </ol>
 *
 * <p>Where jvirt's test driver behaves differently from libvirt's, the case is listed in
 * {@link #knownDriverDifferences()}, which checks that the difference is still there: when the
 * driver is fixed, that test fails, and the case moves to {@link #cases()}.
 */
class VirshSideBySideTest {
    /** libvirt's virsh; {@code -Djvirsh.virsh=PATH} points elsewhere (or nowhere, to see the skip). */
    private static final Path VIRSH = Path.of(System.getProperty("jvirsh.virsh", "/usr/bin/virsh"));
    private static final Path FILES = Path.of("target", "side-by-side").toAbsolutePath();
    private static final String D1_XML = DomainLifecycleCommandsTest.D1_XML;
    private static final String NET2_XML = """
            <network>
              <name>net2</name>
              <uuid>0b6b6e08-8a5a-4c06-9c4e-f53e4c1a7b11</uuid>
              <bridge name='virbr9'/>
              <ip address='192.168.99.1' netmask='255.255.255.0'/>
            </network>
            """;
    private static final String T2_XML = """
            <domain type='test'>
              <name>t2</name>
              <title>My title</title>
              <memory>1024</memory>
              <os><type>hvm</type></os>
            </domain>
            """;
    private static final String DISK_XML = """
            <disk type='file' device='disk'>
              <source file='/tmp/extra.img'/>
              <target dev='vdb' bus='virtio'/>
            </disk>
            """;

    private static final Pattern CPU_TIME = Pattern.compile("^(CPU time: +)[0-9.]+s$");
    private static final Pattern LIBRARY_VERSION = Pattern.compile(
            "^(Compiled against library: |Using library: |Using API: \\S+ )(libvirt |jvirt )?[0-9.]+$");
    private static final Pattern COUNTER = Pattern.compile(
            "^(\\S* ?(?:rd_req|rd_bytes|wr_req|wr_bytes|errs|rx_bytes|rx_packets|rx_errs|rx_drop|tx_bytes|tx_packets"
                    + "|tx_errs|tx_drop|number of [a-z ]+:|error count:) +)[0-9]+$");
    private static final Pattern TIMING = Pattern.compile("^\\(Time: [0-9.]+ ms\\)$");
    private static final Pattern PROGRAM = Pattern.compile("\\bj?virsh( [#>] |, the virtualization)");
    private static final Pattern LOG_PREFIX = Pattern.compile("^\\[[0-9.: ]+ j?virsh [0-9]+\\] ");

    @BeforeAll
    static void needsVirsh() {
        if (!Files.isExecutable(VIRSH)) {
            String why = "VirshSideBySideTest skipped: the side-by-side comparison needs libvirt's virsh at "
                    + VIRSH + ", which is not installed here (Debian: apt-get install libvirt-clients)";
            System.err.println(why); // surefire's summary shows only a count of skipped tests
            if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
                throw new AssertionError("JVIRT_REQUIRE_PEERS is set: " + why);
            }
            Assumptions.abort(why);
        }
    }

    /** One run of both tools: the arguments after the program's name, and standard input. */
    record Case(List<String> args, String stdin) {
        /** The same run against {@code uri} instead of {@code test:///default}, in the arguments and the script. */
        Case against(String uri) {
            return new Case(args.stream().map(a -> a.replace(Jvirsh.URI, uri)).toList(), stdin.replace(Jvirsh.URI, uri));
        }

        @Override
        public String toString() {
            String shown = args.stream().map(a -> a.contains(" ") || a.isEmpty() ? "'" + a + "'" : a)
                    .collect(Collectors.joining(" "));
            return stdin.isEmpty() ? shown : shown + " < " + stdin.replace("\n", "\\n");
        }
    }

    /** {@code -c test:///default SCRIPT}. */
    private static Case script(String script) {
        return new Case(List.of("-c", Jvirsh.URI, script), "");
    }

    /** {@code OPTIONS... -c test:///default WORDS...}. */
    private static Case args(String... args) {
        List<String> all = new ArrayList<>();
        boolean uri = false;
        for (String a : args) {
            uri |= a.equals("-c") || a.startsWith("--connect");
        }
        if (!uri) {
            all.add("-c");
            all.add(Jvirsh.URI);
        }
        all.addAll(List.of(args));
        return new Case(all, "");
    }

    /** The shell reading {@code input} from a pipe. */
    private static Case stdin(String input, String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.add("-c");
        all.add(Jvirsh.URI);
        return new Case(all, input);
    }

    static Stream<Case> cases() {
        String d1 = file("d1.xml", D1_XML);
        String net2 = file("net2.xml", NET2_XML);
        String disk = file("disk.xml", DISK_XML);
        String image = FILES.resolve("test.img").toString();
        String core = FILES.resolve("test.core").toString();
        String missing = FILES.resolve("nosuch.xml").toString();
        String noDir = FILES.resolve("nosuchdir").resolve("x").toString();
        return Stream.of(
                script("net-define " + net2 + "; net-start net2; net-start net2; net-undefine net2; net-destroy net2; "
                        + "net-undefine net2"),
                script("net-create " + net2 + "; net-undefine net2"),
                // (An invalid document's message is libxml2's in virsh, jing's in jvirsh: HostAndNetworkCommandsTest.)
                script("net-define " + net2 + " --validate; net-list --all --name; net-undefine net2; "
                        + "net-create " + net2 + " --validate; net-list --name"),
                script("net-define " + disk + "; define " + disk + "; create " + disk),
                script("domblkstat test; domifstat test vnet0; dump test " + noDir),
                // libvirt's test driver dumps without flags only.
                script("dump test " + core + " --memory-only"),
                // ... and saves and restores without flags only; both at once libvirt's API refuses first.
                script("save test " + image + " --running; save test " + image + " --paused; "
                        + "save test " + image + " --running --paused"),
                script("save test " + image + "; restore " + image + " --paused; restore " + image + " --running; "
                        + "restore " + image + " --paused --running; domstate test --reason"),
                // ---- flags: what libvirt's test driver honours, and virsh's options that carry them
                script("shutdown test --mode acpi; shutdown test --mode bogus; shutdown test --mode ,; domstate test"),
                script("reboot test --mode acpi,agent,initctl,signal,paravirt; reboot test --mode acpi,bogus; "
                        + "reboot test --mode initctl; domstate test"),
                script("undefine test --nvram --keep-nvram; undefine test --tpm --keep-tpm; undefine test --nvram; "
                        + "list --all"),
                script("undefine test --keep-nvram; list --all"),
                script("undefine test --tpm; list --all"),
                script("undefine test --snapshots-metadata --checkpoints-metadata --managed-save; list --all"),
                script("destroy test --remove-logs; destroy test --graceful --remove-logs; destroy test --graceful; "
                        + "list --all"),
                script("destroy test; start test --autodestroy; start test --bypass-cache; start test --reset-nvram; "
                        + "start test --force-boot; domstate test --reason"),
                script("create " + d1 + " --autodestroy; create " + d1 + " --reset-nvram; create " + d1
                        + " --validate; list --all"),
                script("dump test " + core + " --live; dump test " + core + " --crash --live; dump test " + core
                        + " --reset; dump test " + core + " --bypass-cache; dump test " + core + " --crash; "
                        + "domstate test --reason"),
                script("save test " + image + " --bypass-cache; save test " + image + "; restore " + image
                        + " --bypass-cache; restore " + image + " --reset-nvram; list --all"),
                script("net-dumpxml default --inactive"),
                script("net-define " + net2 + "; net-list; net-list --inactive; net-list --all --persistent; "
                        + "net-list --transient --all; net-list --autostart --all; net-list --no-autostart --all --name"),
                // ---- domains: reading
                script("dominfo test; nodeinfo; net-dumpxml default"),
                script("list --all"),
                script("list --title; list --all --title --name; define " + file("t2.xml", T2_XML) + "; list --all --title"),
                script("list; list --inactive; list --name; list --uuid --name; list --id --all"),
                script("list --state-running; list --state-shutoff --all; list --persistent --name; list --table"),
                script("destroy test; domstate test --reason; start test; list --all"),
                script("dumpxml test"),
                script("dumpxml --inactive test; dumpxml --security-info test"),
                script("dominfo nosuch"),
                // Background jobs: libvirt's test driver has none to report or abort.
                script("domjobinfo test; domjobabort test; domjobinfo nosuch"),
                script("domjobabort"),
                script("help domjobinfo; help domjobabort"),
                script("dominfo nosuch; domstate test"),
                script("domstate test; dominfo nosuch"),
                script("dominfo 1; dominfo 6695eb01-f6a4-8304-79aa-97f2502e193f; dominfo 2"),
                script("domid test; domname 1; domuuid test; domid 1; domname test"),
                script("vcpuinfo nosuch; vcpupin nosuch; vcpupin test --vcpu 0 --cpulist 1 --current --live"),
                // The node's CPU map: 8 CPUs (nodeinfo says 16).
                script("vcpuinfo test; vcpupin test; vcpupin test 0 99"),
                script("vcpuinfo test --pretty"),
                // libvirt's test driver pins without flags only, and answers queries of any definition.
                script("vcpupin test 0 1 --live; vcpupin test 0 1 --config; vcpupin test 0 1 --current"),
                script("vcpupin test --config; vcpupin test 1 --config; vcpupin test --live --config"),
                script("setvcpus test 1 --maximum --config; dumpxml --inactive test; dominfo test"),
                script("setvcpus test 1 --maximum; setvcpus test 1 --maximum --live; setvcpus test 40 --maximum --config"),
                script("setvcpus test 1 --guest; setvcpus test 1 --hotpluggable --live; setvcpus test 1 --guest --config"),
                // An inactive domain's pinning (virDomainGetVcpuPinInfo).
                script("destroy test; vcpupin test; vcpuinfo test"),
                script("destroy test; vcpupin test 5; vcpupin test 1; vcpupin test --live; vcpuinfo test --pretty"),
                script("setvcpus test 1 --live; vcpupin test; vcpuinfo test; vcpupin test 1; vcpupin test 2"),
                script("vcpupin test 1 2; vcpupin test --live; vcpupin test --vcpu 1 --live; destroy test; vcpupin test"),
                script("vcpupin test 0 8; vcpupin test 0 7; vcpuinfo test; vcpuinfo test --pretty; vcpupin test"),
                script("vcpupin test 0 1,3-4; vcpupin test; vcpupin test --vcpu 1; vcpuinfo test --pretty; "
                        + "vcpupin test 1 r; vcpupin test 1; vcpupin test 0 0-2,^1"),
                script("vcpupin test 5 1; vcpupin test 0 x; vcpupin test -1; vcpupin test --cpulist 1; "
                        + "vcpupin test 1 ^0; vcpupin test 0 1; vcpupin test 0"),
                script("domblkstat test vda; domblkstat test vda --human; domblkstat test vdz; domblkstat nosuch"),
                script("domifstat test testnet0; domifstat test aa:bb:cc:dd:ee:ff; domifstat nosuch x"),
                script("destroy test; domblkstat test vda; domifstat test testnet0"),
                script("schedinfo test; schedinfo test --set foo=1; schedinfo test --set weight; "
                        + "schedinfo test --cap 5; schedinfo test --current --live; schedinfo nosuch"),
                // ---- domains: lifecycle
                script("suspend test; suspend test; resume test; resume test; domstate --reason test"),
                script("start test"),
                script("destroy test; suspend test; resume test; shutdown test; reboot test; setmem test 1000"),
                script("create " + d1 + "; undefine d1; list --all; dominfo d1"),
                script("reboot test; domstate --reason test"),
                script("shutdown test; domstate --reason test; reboot test; destroy test"),
                script("define " + d1 + "; list --all; dominfo d1; start d1; list; undefine d1; list --all; destroy d1; "
                        + "list --all"),
                script("create " + d1 + "; list --all; create " + d1),
                script("define " + missing),
                script("define " + FILES),
                script("save test " + image + "; list --all; domstate --reason test; save test " + image
                        + "; restore " + image + "; domstate --reason test; list"),
                script("save --verbose test " + image + "; restore " + image + "; dump --verbose test " + core),
                script("dump test " + core + "; domstate test; destroy test; dump test " + core + "; dump nosuch x"),
                script("restore " + missing),
                script("autostart test; dominfo test; autostart --disable test; dominfo test; destroy test; "
                        + "autostart test; autostart nosuch"),
                script("undefine nosuch --delete-snapshots"),
                // ---- domains: resources
                script("setmem test 1G; dominfo test; setmem test 512M; setmem test --size 100000; setmem test 100G; "
                        + "setmem test abc; setmem test -5; setmem test 2.5G; setmem test 1xyz"),
                script("setmem test --kilobytes=1000; dominfo test; setmem test --kilobytes 2000 --size 3"),
                script("setmaxmem test 4G; destroy test; setmaxmem test 1G; dominfo test; setmem test 2G"),
                script("setmaxmem test 1G --live; setmaxmem test 1G --current; setmaxmem test 1G --config --current; "
                        + "destroy test; setmaxmem test 1G --live; setmaxmem test 2G --config; dominfo test; "
                        + "setmaxmem test --kilobytes 1000000 --current; dominfo test"),
                script("setvcpus test 1; dominfo test; setvcpus test 5; setvcpus test 0; setvcpus test abc; "
                        + "setvcpus test -1; setvcpus test 4294967296"),
                script("setmem nosuch --live --current 5; setvcpus nosuch abc"),
                // ---- devices (libvirt's test driver cannot attach: only the XML and the failures before it)
                script("attach-disk test /tmp/file.img vdb --targetbus virtio --driver qemu --subdriver qcow2 "
                        + "--iothread 1 --cache none --io native --type cdrom --mode readonly --serial S1 "
                        + "--wwn 5000c50015ea71ac --alias ua-disk1 --rawio --print-xml"),
                script("attach-disk test f vdb --address pci:0000.00.05.0 --multifunction --print-xml; "
                        + "attach-disk test f vdb --address ccw:fe.0.0001 --print-xml; "
                        + "attach-disk test f sdb --address usb:1.2 --print-xml; "
                        + "attach-disk test f sdb --address scsi:0.0.1 --print-xml; "
                        + "attach-disk test f hdb --address ide:0.1.0 --print-xml; "
                        + "attach-disk test f fda --address sata:0.0.1 --print-xml"),
                script("attach-disk test f sdb --address pci:0.0.5.0 --print-xml; "
                        + "attach-disk test f vdb --address scsi:0.0.1 --print-xml; "
                        + "attach-disk test f hdb --address pci:0000.00.05.0 --print-xml; "
                        + "attach-disk test f vdb --address bogus --print-xml; "
                        + "attach-disk test f vdb --address usb:1 --print-xml"),
                script("attach-disk test vol1 vdb --sourcetype network --source-protocol nbd "
                        + "--source-host-name h:10809 --print-xml; "
                        + "attach-disk test v vdb --source-protocol nbd --source-host-name h "
                        + "--source-host-transport tcp --print-xml; "
                        + "attach-disk test vol1 vdb --sourcetype network --print-xml; "
                        + "attach-disk test f sdb --source-host-name h --print-xml; "
                        + "attach-disk test v vdb --source-protocol nbd --source-host-socket /s --print-xml"),
                script("attach-disk test f vdb --shareable --print-xml; attach-disk test f vdb --sourcetype block "
                        + "--print-xml; attach-disk test f vdb --sourcetype bogus --print-xml; "
                        + "attach-disk test f vdb --mode bogus --print-xml; attach-disk test f vdb --wwn bad --print-xml; "
                        + "attach-disk nosuch f vdb --driver file --print-xml; attach-disk test '' vdb --type cdrom "
                        + "--print-xml; attach-disk test f vdb --persistent --current --print-xml"),
                script("attach-interface test network default --print-xml; "
                        + "attach-interface test bridge br0 --target vnet9 --mac 52:54:00:00:00:01 --script /bin/true "
                        + "--model virtio --alias ua-net1 --print-xml; "
                        + "attach-interface test direct eth0 --print-xml; "
                        + "attach-interface test hostdev 0000:00:19.0 --managed --print-xml; "
                        + "attach-interface test vhostuser /s --source-mode client --model e1000 --print-xml"),
                script("attach-interface test network default --inbound 100,200,300 --outbound 100 --print-xml; "
                        + "attach-interface test network default --inbound ,,,5 --print-xml; "
                        + "attach-interface test network default --inbound 1,,3 --outbound 5,6 --print-xml"),
                script("attach-interface test bogus x; attach-interface test user x --print-xml; "
                        + "attach-interface test direct eth0 --source-mode bridge --print-xml; "
                        + "attach-interface test vhostuser /s --print-xml; "
                        + "attach-interface test hostdev bogus --print-xml; "
                        + "attach-interface test network default --inbound 0 --print-xml; "
                        + "attach-interface test network default --inbound 1,2,3,4,5 --print-xml; "
                        + "attach-interface test network default --inbound x --print-xml; "
                        + "attach-interface test network default --outbound 1,2,3,4 --print-xml"),
                script("attach-device test " + missing + "; detach-device test " + missing + "; attach-device nosuch "
                        + disk + "; attach-device test " + disk + " --persistent --current"),
                // ---- node
                script("capabilities"),
                script("version; uri; hostname"),
                script("freecell; freecell --all; freecell 0; freecell --cellno 1"),
                script("freecell --all --cellno 0; freecell 5; freecell -1; freecell x"),
                script("maxvcpus; maxvcpus --type kvm; maxvcpus kvm"),
                script("nodememstats; nodememstats --cell 0; nodememstats x"),
                script("sysinfo"),
                script("sysinfo; sysinfo x"),
                // ---- networks
                script("net-list; net-list --all; net-list --inactive; net-list --name; net-list --uuid"),
                script("net-list --persistent; net-list --transient; net-list --autostart; net-list --no-autostart"),
                script("net-list --name --uuid"),
                script("net-dumpxml nosuch"),
                script("net-info default; net-uuid default; net-name dd8fe884-6c02-601e-7551-cca97df1c5df; "
                        + "net-info dd8fe884-6c02-601e-7551-cca97df1c5df"),
                script("net-info nosuch; net-uuid nosuch; net-name default; net-name nosuch; "
                        + "net-uuid dd8fe884-6c02-601e-7551-cca97df1c5df"),
                script("net-define " + net2 + "; net-list --all; net-info net2; net-start net2; net-list; "
                        + "net-autostart net2; net-autostart net2 --disable; net-destroy net2; net-undefine net2; "
                        + "net-undefine net2; net-list --all"),
                script("net-create " + net2 + "; net-list --all; net-info net2; net-destroy net2; net-list --all"),
                script("net-destroy default; net-info default; net-autostart default; net-list --all; "
                        + "net-start default; net-list"),
                script("net-define " + missing + "; net-create " + FILES + "; net-start nosuch; net-destroy nosuch; "
                        + "net-undefine nosuch; net-autostart nosuch"),
                // ---- events and native formats (jvirt has no conversion yet: the same as a driver without it)
                script("event --list"),
                script("event --list --all; event; event --event lifecycle --timeout 0; "
                        + "event --event lifecycle --timeout x; event --domain nosuch --all; event --event foo; "
                        + "event --list --event x; event --event lifecycle --timeout 4294967295"),
                script("event --loop --all --timeout 1"),
                script("event --event lifecycle --domain test 1"),
                script("domxml-from-native qemu-argv " + missing + "; domxml-from-native qemu-argv " + disk
                        + "; domxml-to-native qemu-argv " + disk),
                script("domxml-to-native qemu-argv; domxml-to-native qemu-argv --domain test --xml " + disk
                        + "; domxml-to-native qemu-argv --domain nosuch; domxml-to-native qemu-argv --domain test"),
                // ---- virsh itself
                script("connect; uri; destroy test; connect test:///default; list --all"),
                script("connect test:///default --readonly; destroy test; connect; destroy test"),
                script("connect --name test:///default --readonly; uri; start test; list"),
                script("echo hello world; echo --shell 'a b' c$; echo --xml '<a>'; echo --err oops; "
                        + "echo --split a,b,,c; echo --hi; echo; echo --shell --xml a; echo a --str b"),
                script("echo --shell '' a\"'\"b 'x y' plain; echo --xml \"a&b'c\\\"\"; echo --split 'a,,b' c,d"),
                script("pwd; cd /tmp; cd"),
                script("help uri; dominfo --help; help nosuch"),
                script("help attach-disk; help attach-interface; help schedinfo; help echo; help event; help vcpupin"),
                script("help freecell; help dump; help net-define; help domxml-to-native; help connect; help complete"),
                script("help setmem; help undefine; help domblkstat; help vcpuinfo; help net-info; help cd"),
                script("help virsh; help events"),
                script("domid test; quit; domid test"),
                // ---- the parser
                script("foo"),
                script("domstate test; foo; domstate test"),
                script("dominfo"),
                script("setvcpus"),
                script("dominfo test extra"),
                script("dominfo --foo test"),
                script("list --name --table"),
                script("net-list --name --uuid"),
                script("domstate 'test'; domstate \"te\"st; domstate test # comment"),
                script("domstate \"test"),
                script("domstate -- --reason"),
                script("setmem test --size 1 --kilobytes 2; attach-disk test f vdb --shareable=x --print-xml"),
                script("schedinfo test --set weight=1 --set foo=2 extra"),
                script(""),
                // ---- argument vectors and jvirsh's own options
                args("dominfo", "test"),
                args("domstate", "test", "--reason"),
                args("echo", "a;b", "c"),
                args("dominfo"),
                args("nosuch", "x"),
                args("-q", "list --all; destroy test; start test; net-list"),
                args("-q", "dominfo nosuch; echo hi"),
                args("-r", "destroy test; list"),
                args("-d", "1", "domid test; dominfo nosuch; list --all --name; schedinfo test --set weight=50"),
                args("-d0", "domname 1; domname 6695eb01-f6a4-8304-79aa-97f2502e193f; net-uuid default; "
                        + "net-name dd8fe884-6c02-601e-7551-cca97df1c5df; start test"),
                args("-d", "1", "domid", "test"),
                args("--debug=2", "domid test"),
                args("-d", "5", "domid test"),
                args("-d", "x", "domid test"),
                args("--debug=x", "domid test"),
                args("-e", "^a", "uri"),
                args("-e", "~", "uri"),
                args("-e", "xx", "uri"),
                args("-e", "^", "uri"),
                args("--escape=^[", "uri"),
                args("-k", "0", "uri"),
                args("-K", "0", "uri"),
                args("-k", "3", "uri"),
                args("-k", "x", "uri"),
                args("-k", "-1", "uri"),
                args("-K", "-1", "uri"),
                args("-t", "uri; domid test"),
                args("-x"),
                args("--nosuch"),
                args("--quiet=1", "uri"),
                args("--conn"),
                args("-rqt", "uri"),
                args("--", "uri"),
                // ---- the shell reading a pipe
                stdin("domstate test\nfoo\n"),
                stdin("domstate test\nfoo\nquit\nuri\n", "-q"),
                stdin("domid test\nlist --all --name\n", "-q", "-d", "1"),
                stdin("destroy test\nlist --all\ndominfo nosuch; uri\n\nexit\n"),
                stdin("cd /tmp\npwd\ncd /nonexistent\ncd\n"),
                stdin("connect test:///default --readonly\ndestroy test\n"));
    }

    /** {@code help COMMAND} of every command jvirsh has: names, synopsis, options, positional rules as virsh's. */
    static Stream<Case> helpOfEveryCommand() {
        return new CommandRegistry().all().stream().map(def -> script("help " + def.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"cases", "helpOfEveryCommand"})
    void sameAsVirsh(Case c) throws Exception {
        Run virsh = runVirsh(c);
        Run jvirsh = runJvirsh(c);
        assertThat(normalize(jvirsh.out())).as("stdout of %s", c).isEqualTo(normalize(virsh.out()));
        assertThat(normalize(jvirsh.err())).as("stderr of %s", c).isEqualTo(normalize(virsh.err()));
        assertThat(jvirsh.exitCode()).as("exit code of %s", c).isEqualTo(virsh.exitCode());
    }

    /** {@code -l FILE}: the same log lines, but for each line's date, program and process id. */
    @Test
    void logFile() throws Exception {
        Path virshLog = FILES.resolve("virsh.log");
        Path jvirshLog = FILES.resolve("jvirsh.log");
        Files.deleteIfExists(virshLog);
        Files.deleteIfExists(jvirshLog);
        String script = "domid test; dominfo nosuch; list --name";
        Run virsh = runVirsh(new Case(List.of("-d", "1", "-l", virshLog.toString(), "-c", Jvirsh.URI, script), ""));
        Run jvirsh = runJvirsh(new Case(List.of("-d", "1", "-l", jvirshLog.toString(), "-c", Jvirsh.URI, script), ""));
        assertThat(jvirsh.out()).isEqualTo(virsh.out());
        assertThat(jvirsh.err()).isEqualTo(virsh.err());
        assertThat(normalize(Files.readString(jvirshLog))).isEqualTo(normalize(Files.readString(virshLog)));
        assertThat(Files.readString(jvirshLog)).contains("] ERROR failed to get domain 'nosuch'\n");
        Run badVirsh = runVirsh(new Case(List.of("-l", FILES.resolve("no/such/dir").toString(), "uri"), ""));
        Run badJvirsh = runJvirsh(new Case(List.of("-l", FILES.resolve("no/such/dir").toString(), "uri"), ""));
        assertThat(badJvirsh).isEqualTo(badVirsh);
    }

    /**
     * Where jvirt's test driver answers differently from libvirt's, as reported to the lead; each is
     * checked to still differ. When one starts to pass, the driver was fixed: move it to {@link #cases()}.
     */
    static Stream<Case> knownDriverDifferences() {
        String net2 = file("net2.xml", NET2_XML);
        return Stream.of(
                // libvirt's test driver lets an inactive network be destroyed and a transient one be autostarted.
                script("net-define " + net2 + "; net-destroy net2"),
                script("net-create " + net2 + "; net-autostart net2"),
                // libvirt's test driver lets a transient domain be autostarted.
                script("create " + file("d1.xml", D1_XML) + "; autostart d1"),
                // libvirt's test driver refuses VIR_DOMAIN_START_PAUSED; jvirt's starts and creates domains paused.
                script("destroy test; start test --paused; domstate test --reason"),
                script("create " + file("d1.xml", D1_XML) + " --paused; domstate d1 --reason"));
    }

    /**
     * Where jvirt's API cannot say what virsh says through libvirt's, so that jvirsh differs whatever driver
     * answers (through libvirtd too, {@code RemoteSideBySideTest}); each is checked to still differ.
     */
    static Stream<Case> knownApiDifferences() {
        String disk = file("disk.xml", DISK_XML);
        return Stream.of(
                // jvirt's API takes one impact per call: --live --config pins live first, and the test driver
                // refuses that flag (0x1) where libvirt's refuses both at once (0x3).
                script("vcpupin test 0 1 --live --config"),
                // libvirt's test driver refuses every flag of virDomainGetSchedulerParametersFlags (even --current,
                // as the public API adds VIR_TYPED_PARAM_STRING_OKAY, which jvirt's API cannot send); jvirt's
                // honours the impact.
                script("schedinfo test --current; schedinfo test --config; schedinfo test --live"),
                // jvirt's typed parameters carry no signedness: weight, unsigned int in libvirt, reads as int;
                // libvirt's test driver also ignores new scheduler values.
                script("schedinfo test --set weight=10; schedinfo test --weight 5; schedinfo test --set weight=abc"),
                // jvirt's API attaches with an impact (virDomainAttachDeviceFlags), never flagless
                // (virDomainAttachDevice), which libvirt's errors name; libvirt's test driver cannot attach or
                // detach devices, jvirt's can.
                script("attach-device test " + disk + "; detach-device test " + disk),
                script("attach-disk test /tmp/x.img vdc; attach-interface test network default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"knownDriverDifferences", "knownApiDifferences"})
    void knownDriverDifferencesRemain(Case c) throws Exception {
        Run virsh = runVirsh(c);
        Run jvirsh = runJvirsh(c);
        boolean same = normalize(jvirsh.out()).equals(normalize(virsh.out()))
                && normalize(jvirsh.err()).equals(normalize(virsh.err())) && jvirsh.exitCode() == virsh.exitCode();
        assertThat(same).as("%s now behaves as libvirt's: move it from knownDriverDifferences() to cases()", c)
                .isFalse();
    }

    /** The output without the reviewed differences. */
    static List<String> normalize(String out) {
        // readline's echo of a long line wraps at column 80 of its own output (the next character, CR, that
        // character again), where "virsh # " and "jvirsh # " put the wraps one column apart: compare unwrapped
        return out.replaceAll("(.)\r(?!\n)\\1", "$1").lines()
                .map(line -> replace(CPU_TIME, line, "$1<time>"))
                .map(line -> replace(LIBRARY_VERSION, line, "$1<library version>"))
                .map(line -> replace(COUNTER, line, "$1<counter>"))
                .map(line -> replace(TIMING, line, "(Time: <ms>)"))
                .map(line -> PROGRAM.matcher(line).replaceAll("<program>$1"))
                .map(line -> replace(LOG_PREFIX, line, "[<date> <program> <pid>] "))
                .collect(Collectors.toList());
    }

    private static String replace(Pattern p, String line, String replacement) {
        Matcher m = p.matcher(line);
        return m.find() ? m.replaceFirst(replacement) : line;
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run runJvirsh(Case c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(c.args().toArray(new String[0]),
                    new ByteArrayInputStream(c.stdin().getBytes(StandardCharsets.UTF_8)), o, e, Main.Shell.PIPED);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * virsh in the C locale, without the environment that would change it; one retry if it hangs:
     * virsh 9's job watcher (virshWatchJob) now and then never returns when a save or dump fails at
     * once (seen about once in twenty runs here), a bug of virsh's, not of the command compared.
     */
    static Run runVirsh(Case c) throws IOException, InterruptedException {
        try {
            return runVirshOnce(c);
        } catch (AssertionError hung) {
            return runVirshOnce(c);
        }
    }

    private static Run runVirshOnce(Case c) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(VIRSH.toString());
        command.addAll(c.args());
        // The same directory as this JVM, where jvirsh runs: pwd and relative names agree.
        ProcessBuilder pb = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile());
        pb.environment().put("LC_ALL", "C");
        for (String v : List.of("VIRSH_DEFAULT_CONNECT_URI", "LIBVIRT_DEFAULT_URI", "VIRSH_DEBUG", "VIRSH_LOG_FILE",
                "VIRSH_HISTSIZE")) {
            pb.environment().remove(v);
        }
        Path in = Files.createTempFile("virsh", ".in");
        Path out = Files.createTempFile("virsh", ".out");
        Path err = Files.createTempFile("virsh", ".err");
        try {
            Files.writeString(in, c.stdin());
            pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("virsh did not finish within 10 s: " + c);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Writes a file both tools read, under target/; its path goes into the scripts. */
    private static String file(String name, String content) {
        try {
            Files.createDirectories(FILES);
            return Files.writeString(FILES.resolve(name), content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
