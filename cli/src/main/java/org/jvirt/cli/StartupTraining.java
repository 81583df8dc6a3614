package org.jvirt.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jvirt.core.Jvirt;

/**
 * The training run behind jvirsh's class-data-sharing archive: one JVM that runs jvirsh the ways it
 * is usually run (command strings, argument vectors, the shell on a pipe, help, errors) on
 * {@code test:///default}, printing nothing, so that {@code -XX:DumpLoadedClassList} records every
 * class (and lambda) a short jvirsh process needs. The launcher ({@code ./jvirsh}) starts the next
 * processes from that archive.
 *
 * <p>The QEMU driver is trained too, on {@code qemu:///embed} in a temporary directory removed
 * afterwards: opening it with and without definitions, define, list, start, destroy and undefine of a
 * tiny diskless guest, so that jvirsh's commonest QEMU commands find their classes (the XML parser, the
 * emulator catalog, QMP, process handling) in the archive. Where QEMU is not installed those runs
 * fail, quietly, and the archive simply lacks what they would have added. Nothing else is written,
 * and the test driver's default node lives only as long as the run.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /** The command lines the archive is trained on. */
    static final List<String[]> RUNS = List.of(
            new String[] {"-c", "test:///default", "list", "--all"},
            new String[] {"-c", "test:///default", "list --all; dominfo test; domstate test --reason; domid test; "
                    + "domname 1; domuuid test; dumpxml test; nodeinfo; capabilities; version; uri; hostname; "
                    + "freecell --all; maxvcpus; vcpuinfo test; vcpupin test; schedinfo test; "
                    + "domblkstat test vda; domifstat test testnet0; net-list --all; net-info default; "
                    + "net-dumpxml default; suspend test; resume test; destroy test; start test; "
                    + "setmem test 1G; setvcpus test 1; autostart test; list --name; list --uuid; "
                    + "help list; help domain; dominfo nosuch; nodememstats; sysinfo; event --list; echo x"},
            new String[] {"-q", "-c", "test:///default", "list --all; net-list"},
            new String[] {"-r", "-c", "test:///default", "dominfo", "test"},
            new String[] {"-c", "test:///default", "foo"},
            new String[] {"-c", "test:///default", "dominfo"},
            new String[] {"-c", "nosuch:///", "uri"},
            new String[] {"-h"},
            new String[] {"-v"},
            new String[] {"--bash-completion"});

    /** The guest the QEMU runs define and start: as small as QEMU allows, no disk, TCG. */
    static final String GUEST = "<domain type='qemu'><name>training</name><memory unit='MiB'>64</memory>"
            + "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>";

    /** The QEMU command lines, each a process of its own in real use; {@code URI} and {@code XML} are filled in. */
    static final List<String[]> QEMU_RUNS = List.of(
            new String[] {"-c", "URI", "list", "--all"},
            new String[] {"-c", "URI", "define", "XML"},
            new String[] {"-c", "URI", "list", "--all"},
            new String[] {"-c", "URI", "start", "training"},
            new String[] {"-c", "URI", "list --all; dominfo training; domstate training; dumpxml training"},
            new String[] {"-c", "URI", "destroy", "training"},
            new String[] {"-c", "URI", "undefine", "training"});

    /** Runs the training; exits normally so that the JVM writes the archive. */
    public static void main(String[] args) throws IOException {
        Main.prepareProcess(); // as Main.main does
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        for (String[] run : RUNS) {
            Main.run(run, new ByteArrayInputStream(new byte[0]), nowhere, nowhere, Main.Shell.PIPED);
        }
        String script = "domstate test\nlist --all\nquit\n";
        Main.run(new String[] {"-c", "test:///default"},
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), nowhere, nowhere, Main.Shell.PIPED);
        Path dir = Files.createTempDirectory("jvirsh-training");
        try {
            Path xml = Files.writeString(dir.resolve("training.xml"), GUEST);
            String uri = "qemu:///embed?root=" + dir.resolve("root");
            for (String[] run : QEMU_RUNS) {
                String[] line = run.clone();
                for (int i = 0; i < line.length; i++) {
                    line[i] = line[i].equals("URI") ? uri : line[i].equals("XML") ? xml.toString() : line[i];
                }
                Main.run(line, new ByteArrayInputStream(new byte[0]), nowhere, nowhere, Main.Shell.PIPED);
            }
        } finally {
            killLeftGuests(dir.resolve("root/run/qemu"));
            deleteTree(dir);
        }
    }

    /** A build must never leave a guest running, even when the training's destroy failed. */
    private static void killLeftGuests(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path pidFile : files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(pidFile).trim());
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                } catch (NumberFormatException | IOException e) {
                    // not a pid: nothing of ours to stop
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
