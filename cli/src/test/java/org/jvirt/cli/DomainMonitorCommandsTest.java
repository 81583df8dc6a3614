package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.Jvirsh.errors;
import static org.jvirt.cli.Jvirsh.lines;
import static org.jvirt.cli.Jvirsh.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** list, dominfo, domstate, domid, domname, domuuid against test:///default, output as virsh 9 prints it. */
class DomainMonitorCommandsTest {
    static final String UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f";

    static final String DOMINFO_RUNNING = lines(
            "Id:             1",
            "Name:           test",
            "UUID:           " + UUID,
            "OS Type:        linux",
            "State:          running",
            "CPU(s):         2",
            "Max memory:     8388608 KiB",
            "Used memory:    2097152 KiB",
            "Persistent:     yes",
            "Autostart:      disable",
            "Managed save:   no",
            "Security model: testSecurity",
            "Security DOI:   ",
            "Security label: libvirt-test (enforcing)",
            "");

    @Test
    void listShowsActiveDomainsInATable() {
        Jvirsh.Result r = script("list");
        assertThat(r.out()).isEqualTo(lines(
                " Id   Name   State",
                "----------------------",
                " 1    test   running",
                ""));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void listInactiveOfThePristineNodeIsAnEmptyTable() {
        assertThat(script("list --inactive").out()).isEqualTo(lines(
                " Id   Name   State",
                "--------------------",
                ""));
    }

    @Test
    void listAllWidensTheStateColumnForShutOffDomains() {
        Jvirsh.Result r = script("destroy test; list --all");
        assertThat(r.out()).isEqualTo(lines(
                "Domain 'test' destroyed",
                "",
                " Id   Name   State",
                "-----------------------",
                " -    test   shut off",
                ""));
    }

    @Test
    void listNameUuidAndIdForms() {
        assertThat(script("list --name").out()).isEqualTo(lines("test", ""));
        assertThat(script("list --uuid").out()).isEqualTo(lines(UUID, ""));
        assertThat(script("list --uuid --name").out()).isEqualTo(lines(UUID + " test", ""));
        assertThat(script("list --name --id").out()).isEqualTo(lines("1 test", ""));
        assertThat(script("destroy test; list --id --all").out())
                .isEqualTo(lines("Domain 'test' destroyed", "", ""));
    }

    @Test
    void listTableAndNameAreExclusive() {
        Jvirsh.Result r = script("list --name --table");
        assertThat(r.err()).isEqualTo(errors("Options --table and --name are mutually exclusive"));
        assertThat(r.out()).isEqualTo("\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void listStateShutoffAloneListsInactiveDomains() {
        assertThat(script("destroy test; list --state-shutoff").out()).isEqualTo(lines(
                "Domain 'test' destroyed",
                "",
                " Id   Name   State",
                "-----------------------",
                " -    test   shut off",
                ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dominfo test", "dominfo 1", "dominfo " + UUID, "dominfo --domain test",
            "dominfo --domain=test", "dominfo ' 1'", "dominfo +1", "dominfo 6695EB01-F6A4-8304-79AA-97F2502E193F"})
    void dominfoFindsTheDomainByNameIdOrUuid(String command) {
        Jvirsh.Result r = script(command);
        assertThat(r.outWithoutCpuTime()).isEqualTo(DOMINFO_RUNNING);
        assertThat(r.out()).containsPattern("(?m)^CPU time:       [0-9]+\\.[0-9]s$");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void dominfoOfAShutOffDomain() {
        Jvirsh.Result r = script("destroy test; dominfo test");
        assertThat(r.outWithoutCpuTime()).isEqualTo(lines(
                "Domain 'test' destroyed",
                "",
                "Id:             -",
                "Name:           test",
                "UUID:           " + UUID,
                "OS Type:        linux",
                "State:          shut off",
                "CPU(s):         2",
                "Max memory:     8388608 KiB",
                "Used memory:    2097152 KiB",
                "Persistent:     yes",
                "Autostart:      disable",
                "Managed save:   no",
                "Security model: testSecurity",
                "Security DOI:   ",
                ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch", "2", "-1", "6695eb01-f6a4-8304-79aa-97f2502e193e",
            "6695eb01f6a4830479aa97f2502e193f----"})
    void unknownDomainFailsWithVirshsSingleLine(String name) {
        Jvirsh.Result r = script("dominfo '" + name + "'");
        assertThat(r.out()).isEqualTo("\n");
        assertThat(r.err()).isEqualTo(errors("failed to get domain '" + name + "'"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void emptyDomainArgumentIsRefused() {
        Jvirsh.Result r = script("dominfo ''");
        assertThat(r.err()).isEqualTo(errors("Failed to get option 'domain': Option argument is empty"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void domstateWithAndWithoutReason() {
        assertThat(script("domstate test").out()).isEqualTo("running\n\n");
        assertThat(script("domstate test --reason").out()).isEqualTo("running (unknown)\n\n");
        assertThat(script("destroy test; domstate --reason test").out())
                .isEqualTo("Domain 'test' destroyed\n\nshut off (destroyed)\n\n");
        assertThat(script("suspend test; domstate --reason test").out())
                .isEqualTo("Domain 'test' suspended\n\npaused (user)\n\n");
    }

    @Test
    void domidDomnameDomuuidAcceptWhatVirshAccepts() {
        Jvirsh.Result r = script("domid test; domid " + UUID + "; domname 1; domname " + UUID
                + "; domuuid test; domuuid 1");
        assertThat(r.out()).isEqualTo(lines("1", "", "1", "", "test", "", "test", "", UUID, "", UUID, ""));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void domidTakesNoIdAndDomnameNoName() {
        Jvirsh.Result r = script("domid 1; domname test; domuuid " + UUID);
        assertThat(r.out()).isEqualTo("\n\n\n");
        assertThat(r.err()).isEqualTo(errors("failed to get domain '1'", "failed to get domain 'test'",
                "failed to get domain '" + UUID + "'"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void domidOfAnInactiveDomainIsADash() {
        assertThat(script("destroy test; domid test").out()).isEqualTo("Domain 'test' destroyed\n\n-\n\n");
    }
}
