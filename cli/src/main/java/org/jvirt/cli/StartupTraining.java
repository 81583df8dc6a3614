package org.jvirt.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jvirt.core.Jvirt;

/**
 * The training run behind jvirsh's class-data-sharing archive: one JVM that runs jvirsh the ways it
 * is usually run (command strings, argument vectors, the shell on a pipe, help, errors) on
 * {@code test:///default}, printing nothing, so that {@code -XX:DumpLoadedClassList} records every
 * class (and lambda) a short jvirsh process needs. The launcher ({@code ./jvirsh}) starts the next
 * processes from that archive.
 *
 * <p>It touches nothing outside the JVM: no file is written, and the test driver's default node lives
 * only as long as the run.
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

    /** Runs the training; exits normally so that the JVM writes the archive. */
    public static void main(String[] args) {
        Jvirt.preload(); // as Main.main does
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        for (String[] run : RUNS) {
            Main.run(run, new ByteArrayInputStream(new byte[0]), nowhere, nowhere, Main.Shell.PIPED);
        }
        String script = "domstate test\nlist --all\nquit\n";
        Main.run(new String[] {"-c", "test:///default"},
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), nowhere, nowhere, Main.Shell.PIPED);
    }
}
