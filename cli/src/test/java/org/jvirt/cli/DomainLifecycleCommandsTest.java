package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.Jvirsh.errors;
import static org.jvirt.cli.Jvirsh.lines;
import static org.jvirt.cli.Jvirsh.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** define, undefine, create, start, suspend, resume, shutdown, reboot, destroy, save, restore. */
class DomainLifecycleCommandsTest {
    static final String D1_XML = """
            <domain type='test'>
              <name>d1</name>
              <uuid>a2eae1fd-8ad3-48d7-ad3e-3c1114f99e94</uuid>
              <memory>262144</memory>
              <vcpu>1</vcpu>
              <os><type>hvm</type></os>
            </domain>
            """;

    @TempDir
    Path dir;
    String d1;

    @BeforeEach
    void writeDomainXml() throws IOException {
        d1 = Files.writeString(dir.resolve("d1.xml"), D1_XML).toString();
    }

    @Test
    void defineStartUndefineDestroy() {
        Jvirsh.Result r = script("define " + d1 + "; list --all; start d1; list; undefine d1; list --all; "
                + "destroy d1; list --all");
        assertThat(r.out()).isEqualTo(lines(
                "Domain 'd1' defined from " + d1,
                "",
                " Id   Name   State",
                "-----------------------",
                " 1    test   running",
                " -    d1     shut off",
                "",
                "Domain 'd1' started",
                "",
                " Id   Name   State",
                "----------------------",
                " 1    test   running",
                " 2    d1     running",
                "",
                "Domain 'd1' has been undefined",
                "",
                " Id   Name   State",
                "----------------------",
                " 1    test   running",
                " 2    d1     running",
                "",
                "Domain 'd1' destroyed",
                "",
                " Id   Name   State",
                "----------------------",
                " 1    test   running",
                ""));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void defineReportsAMissingFileAsLibvirtDoes() {
        Jvirsh.Result r = script("define " + dir.resolve("nosuch.xml"));
        assertThat(r.err()).isEqualTo(errors("Failed to open file '" + dir.resolve("nosuch.xml")
                + "': No such file or directory"));
        assertThat(r.out()).isEqualTo("\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void defineOfADirectoryFailsToRead() {
        Jvirsh.Result r = script("define " + dir);
        assertThat(r.err()).isEqualTo(errors("Failed to read file '" + dir + "': Is a directory"));
    }

    @Test
    void defineOfBadXmlSaysWhichFileThenTheParserError() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.xml"), "<domain><name>bad\n");
        Jvirsh.Result r = script("define " + bad);
        assertThat(r.err()).startsWith(errors("Failed to define domain from " + bad));
        assertThat(r.err().lines()).hasSize(2);
        assertThat(r.err().lines().skip(1).findFirst().orElseThrow()).startsWith("error: XML error");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void createTwiceFailsTheSecondTime() {
        Jvirsh.Result r = script("create " + d1 + "; create " + d1);
        assertThat(r.out()).isEqualTo(lines("Domain 'd1' created from " + d1, "", ""));
        assertThat(r.err()).isEqualTo(errors("Failed to create domain from " + d1,
                "Requested operation is not valid: domain 'd1' is already active"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void createPausedLeavesTheDomainPaused() {
        Jvirsh.Result r = script("create " + d1 + " --paused; domstate d1");
        assertThat(r.out()).isEqualTo(lines("Domain 'd1' created from " + d1, "", "paused", ""));
    }

    @Test
    void startOfAnActiveDomainIsRefusedByJvirsh() {
        Jvirsh.Result r = script("start test");
        assertThat(r.err()).isEqualTo(errors("Domain is already active"));
        assertThat(r.out()).isEqualTo("\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void startTakesANameOrUuidButNoId() {
        Jvirsh.Result r = script("destroy test; start 1; start " + DomainMonitorCommandsTest.UUID);
        assertThat(r.out()).isEqualTo(lines("Domain 'test' destroyed", "", "", "Domain 'test' started", ""));
        assertThat(r.err()).isEqualTo(errors("failed to get domain '1'"));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void destroyThenStartGivesANewId() {
        Jvirsh.Result r = script("destroy test; domstate test --reason; start test; list --all");
        assertThat(r.out()).isEqualTo(lines(
                "Domain 'test' destroyed",
                "",
                "shut off (destroyed)",
                "",
                "Domain 'test' started",
                "",
                " Id   Name   State",
                "----------------------",
                " 2    test   running",
                ""));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void suspendResumeAndTheWrongStateMessages() {
        Jvirsh.Result r = script("suspend test; suspend test; resume test; resume test; domstate --reason test");
        assertThat(r.out()).isEqualTo(lines(
                "Domain 'test' suspended", "", "", "Domain 'test' resumed", "", "", "running (unpaused)", ""));
        assertThat(r.err()).isEqualTo(errors(
                "Failed to suspend domain 'test'", "internal error: domain 'test' not running",
                "Failed to resume domain 'test'", "internal error: domain 'test' not paused"));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void messagesNameTheDomainAsTheUserWroteIt() {
        Jvirsh.Result r = script("suspend 1; resume " + DomainMonitorCommandsTest.UUID + "; destroy 1");
        assertThat(r.out()).isEqualTo(lines("Domain '1' suspended", "",
                "Domain '" + DomainMonitorCommandsTest.UUID + "' resumed", "", "Domain '1' destroyed", ""));
    }

    @Test
    void shutdownAndReboot() {
        assertThat(script("reboot test; domstate --reason test").out())
                .isEqualTo(lines("Domain 'test' is being rebooted", "", "running (booted)", ""));
        Jvirsh.Result r = script("shutdown test; domstate --reason test; reboot test");
        assertThat(r.out()).isEqualTo(lines("Domain 'test' is being shutdown", "", "shut off (shutdown)", "", ""));
        assertThat(r.err()).isEqualTo(errors("Failed to reboot domain 'test'",
                "Requested operation is not valid: domain is not running"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void destroyOfAShutOffDomainFails() {
        Jvirsh.Result r = script("destroy test; destroy test");
        assertThat(r.err()).isEqualTo(errors("Failed to destroy domain 'test'",
                "Requested operation is not valid: domain is not running"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void saveAndRestore() {
        String image = dir.resolve("test.img").toString();
        Jvirsh.Result r = script("save test " + image + "; domstate --reason test; save test " + image
                + "; restore " + image + "; domstate --reason test; list");
        assertThat(r.out()).isEqualTo(lines(
                "",
                "Domain 'test' saved to " + image,
                "",
                "shut off (saved)",
                "",
                "",
                "Domain restored from " + image,
                "",
                "running (restored)",
                "",
                " Id   Name   State",
                "----------------------",
                " 2    test   running",
                ""));
        assertThat(r.err()).isEqualTo(errors("Failed to save domain 'test' to " + image,
                "Requested operation is not valid: domain is not running"));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void restoreOfAMissingImage() {
        String image = dir.resolve("nosuch.img").toString();
        Jvirsh.Result r = script("restore " + image);
        assertThat(r.err()).isEqualTo(errors("Failed to restore domain from " + image,
                "cannot read domain image '" + image + "': No such file or directory"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void restoreOfSomethingElseThanASaveImage() {
        Jvirsh.Result r = script("restore " + d1);
        assertThat(r.err()).isEqualTo(errors("Failed to restore domain from " + d1,
                "internal error: mismatched header magic"));
    }

    @Test
    void saveChecksTheFileBeforeTheDomain() {
        assertThat(script("save nosuch ''").err())
                .isEqualTo(errors("Failed to get option 'file': Option argument is empty"));
    }

    @Test
    void undefineKeepsARunningDomainAsTransient() {
        Jvirsh.Result r = script("undefine test; list --all; dominfo test");
        assertThat(r.outWithoutCpuTime()).contains("Domain 'test' has been undefined\n\n")
                .contains("Persistent:     no\n");
    }

    @Test
    void unimplementedOptionsAreRefusedNotIgnored() {
        Jvirsh.Result r = script("create nosuch.xml --pass-fds 3; domstate test");
        assertThat(r.err()).isEqualTo(errors("option --pass-fds of command 'create' is not supported by jvirsh yet"));
        assertThat(r.out()).isEqualTo("\nrunning\n\n");
        assertThat(r.exitCode()).isZero();
    }
}
