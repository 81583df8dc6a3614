package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The small pieces that copy libvirt's C behaviour: numbers, UUIDs, ids, tables, option binding. */
class HelpersTest {

    @Test
    void prettyCapacitiesAsVirsh() {
        assertThat(VirshNumbers.prettyCapacity(0)).isEqualTo("0.000 B");
        assertThat(VirshNumbers.prettyCapacity(1023)).isEqualTo("1023.000 B");
        assertThat(VirshNumbers.prettyCapacity(1024)).isEqualTo("1.000 KiB");
        assertThat(VirshNumbers.prettyCapacity(1536 << 10)).isEqualTo("1.500 MiB");
        assertThat(VirshNumbers.prettyCapacity(512L << 20)).isEqualTo("512.000 MiB");
        assertThat(VirshNumbers.prettyCapacity(3L << 40)).isEqualTo("3.000 TiB");
        assertThat(VirshNumbers.prettyCapacity(-1)).as("unsigned, as libvirt's unsigned long long").isEqualTo("16.000 EiB");
    }

    @Test
    void jobInfoAsVirshPrintsIt() {
        assertThat(DomainLifecycleCommands.formatJobInfo(org.jvirt.api.JobInfo.NONE))
                .isEqualTo("Job type:         None        \n");
        assertThat(DomainLifecycleCommands.formatJobInfo(new org.jvirt.api.JobInfo(org.jvirt.api.JobType.UNBOUNDED,
                1234, 128L << 20, 32L << 20, 96L << 20))).isEqualTo("""
                Job type:         Unbounded  \s
                Time elapsed:     1234         ms
                Data processed:   32.000 MiB
                Data remaining:   96.000 MiB
                Data total:       128.000 MiB
                """);
    }

    @Test
    void scaledSizes() {
        assertThat(VirshNumbers.parseScaled("1", "size", 1024)).isEqualTo(BigInteger.valueOf(1024));
        assertThat(VirshNumbers.parseScaled("1K", "size", 1024)).isEqualTo(BigInteger.valueOf(1024));
        assertThat(VirshNumbers.parseScaled("1KiB", "size", 1024)).isEqualTo(BigInteger.valueOf(1024));
        assertThat(VirshNumbers.parseScaled("1kb", "size", 1024)).isEqualTo(BigInteger.valueOf(1000));
        assertThat(VirshNumbers.parseScaled("2G", "size", 1024)).isEqualTo(BigInteger.valueOf(2L << 30));
        assertThat(VirshNumbers.parseScaled("1e", "size", 1024)).isEqualTo(BigInteger.ONE.shiftLeft(60));
        assertThat(VirshNumbers.parseScaled("3bytes", "size", 1024)).isEqualTo(BigInteger.valueOf(3));
        assertThat(VirshNumbers.parseScaled("\t+4", "size", 1)).isEqualTo(BigInteger.valueOf(4));
        assertThatThrownBy(() -> VirshNumbers.parseScaled("1GiBs", "size", 1024))
                .isInstanceOf(CommandError.class)
                .satisfies(e -> assertThat(((CommandError) e).lines()).containsExactly(
                        "Scaled numeric value '1GiBs' for <size> option is malformed or out of range",
                        "invalid argument: unknown suffix 'GiBs'"));
        assertThatThrownBy(() -> VirshNumbers.parseScaled("16E", "size", 1024))
                .satisfies(e -> assertThat(((CommandError) e).lines()).hasSize(2));
    }

    @Test
    void unsignedInts() {
        assertThat(VirshNumbers.parseUnsignedInt("4294967295", "count")).isEqualTo(4294967295L);
        assertThat(VirshNumbers.parseUnsignedInt(" +01", "count")).isEqualTo(1L);
        assertThatThrownBy(() -> VirshNumbers.parseUnsignedInt("1 ", "count")).isInstanceOf(CommandError.class);
        assertThatThrownBy(() -> VirshNumbers.parseUnsignedInt("", "count")).isInstanceOf(CommandError.class);
    }

    @Test
    void uuidsAsLibvirtParsesThem() {
        UUID expected = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
        assertThat(VirshUuid.parse("6695eb01-f6a4-8304-79aa-97f2502e193f")).isEqualTo(expected);
        assertThat(VirshUuid.parse("6695EB01F6A4830479AA97F2502E193F")).isEqualTo(expected);
        assertThat(VirshUuid.parse(" 6695eb01-f6a4-8304-79aa-97f2502e193f ")).isEqualTo(expected);
        assertThat(VirshUuid.parse("6695eb01-f6a4-8304-79aa-97f2502e193")).isNull();
        assertThat(VirshUuid.parse("6695eb01-f6a4-8304-79aa-97f2502e193f0")).isNull();
        assertThat(VirshUuid.parse("g695eb01-f6a4-8304-79aa-97f2502e193f")).isNull();
    }

    @Test
    void idsAsStrtol() {
        assertThat(DomainResolver.parseId("12")).isEqualTo(12);
        assertThat(DomainResolver.parseId(" +12")).isEqualTo(12);
        assertThat(DomainResolver.parseId("-3")).isEqualTo(-3);
        assertThat(DomainResolver.parseId("2147483648")).isNull();
        assertThat(DomainResolver.parseId("12a")).isNull();
        assertThat(DomainResolver.parseId("")).isNull();
    }

    @Test
    void tablePadsAllButTheLastColumn() {
        Table t = new Table("Id", "Name", "State");
        t.add("10", "Dom10", "running");
        t.add("-", "d", "shut off");
        assertThat(print(t, false)).isEqualTo(" Id   Name    State\n"
                + "------------------------\n"
                + " 10   Dom10   running\n"
                + " -    d       shut off\n");
        assertThat(print(t, true)).isEqualTo(" 10   Dom10   running\n -    d       shut off\n");
    }

    private static String print(Table t, boolean quiet) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        t.print(new Output(out, out, quiet));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void positionalWordsFillTheFirstFreeOption() {
        ScriptParser parser = new ScriptParser(new CommandRegistry());
        ParsedCommand c = parser.parseString("setvcpus --count 1 test").get(0);
        assertThat(c.values()).containsEntry("count", "1").containsEntry("domain", "test");
        ParsedCommand save = parser.parseString("save test /tmp/x /tmp/y.xml").get(0);
        assertThat(save.values()).containsEntry("file", "/tmp/x").containsEntry("xml", "/tmp/y.xml");
        assertThat(parser.parseString("dominfo --help").get(0).name()).isEqualTo("help");
    }

    @Test
    void everyCommandOfTheBriefIsRegistered() {
        CommandRegistry registry = new CommandRegistry();
        for (String name : new String[] {"list", "dominfo", "domstate", "domid", "domname", "domuuid", "dumpxml",
                "define", "undefine", "create", "start", "shutdown", "reboot", "destroy", "suspend", "resume", "save",
                "restore", "dump", "setmem", "setmaxmem", "setvcpus", "vcpuinfo", "vcpupin", "autostart",
                "attach-device", "detach-device", "attach-disk", "attach-interface", "domblkstat", "domifstat",
                "schedinfo", "nodeinfo", "capabilities", "freecell", "nodememstats", "hostname", "uri", "version",
                "sysinfo", "net-list", "net-info", "net-dumpxml", "net-define", "net-undefine", "net-start",
                "net-destroy", "net-autostart", "net-uuid", "net-name", "event", "domxml-from-native",
                "domxml-to-native", "connect", "help", "quit", "exit"}) {
            assertThat(registry.find(name)).as(name).isNotNull();
        }
    }

    @Test
    void everyCommandHasItsOwnHandlerCase() {
        // Each command class dispatches by name; a command registered without its case would fail here.
        CommandRegistry registry = new CommandRegistry();
        for (CommandDef def : registry.all()) {
            ParsedCommand bogus = new ParsedCommand(def, java.util.Map.of());
            java.io.PrintStream nowhere = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
            try (Session session = new Session(new Output(nowhere, nowhere, true), "test:///default", false, false,
                    null)) {
                def.handler().run(session, bogus);
            } catch (IllegalStateException e) {
                assertThat(e.getMessage()).as(def.name()).doesNotStartWith("not a command of this class");
            } catch (RuntimeException e) {
                // the command ran and failed for want of options or a connection: its case exists
            }
        }
    }
}
