package org.jvirt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.jvirt.tck.fixtures.MiniKits;

/**
 * The kit judged by drivers whose faults are known: a correct minimal driver passes it entirely
 * (reporting what it does not declare as NO_SUPPORT-checked and the suites it cannot run as not
 * applicable), and each deliberately broken driver fails exactly the tests that should catch it.
 */
class ConformanceKitSelfTest {

    @BeforeAll
    static void quiet() {
        System.setProperty("jvirt.tck.printReport", "false");
    }

    @AfterAll
    static void loud() {
        System.clearProperty("jvirt.tck.printReport");
    }

    /**
     * Runs a kit; returns its tests by "Suite / test" name, with their failure message (null when
     * passed, "skipped: " and the reason when skipped).
     */
    private static Map<String, String> run(Class<?> kit) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Event e : results.testEvents().finished().list()) {
            TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
            String message = switch (r.getStatus()) {
                case SUCCESSFUL -> null;
                case ABORTED -> SKIPPED + r.getThrowable().map(Throwable::getMessage).orElse("");
                case FAILED -> r.getThrowable().map(String::valueOf).orElse("failed");
            };
            outcomes.put(name(e.getTestDescriptor()), message);
        }
        assertThat(results.containerEvents().failed().count()).as("containers failing in " + kit).isZero();
        return outcomes;
    }

    private static String name(TestDescriptor test) {
        List<String> parts = new ArrayList<>();
        for (Optional<TestDescriptor> d = Optional.of(test); d.isPresent(); d = d.get().getParent()) {
            TestDescriptor t = d.get();
            if (t.getParent().isEmpty() || t.getParent().get().getParent().isEmpty()) {
                break; // the engine and the kit class itself
            }
            parts.add(0, t.getDisplayName());
        }
        return String.join(" / ", parts);
    }

    private static final String SKIPPED = "skipped: ";

    private static List<String> failed(Map<String, String> outcomes) {
        return outcomes.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().startsWith(SKIPPED))
                .map(Map.Entry::getKey).toList();
    }

    private static String report(Class<?> kit) throws IOException {
        return Files.readString(Path.of("target", "tck-report-" + kit.getSimpleName() + ".txt"), StandardCharsets.UTF_8);
    }

    @Test
    void aCorrectDriverPassesAndTheReportSaysWhatWasNotApplicable() throws IOException {
        Map<String, String> outcomes = run(MiniKits.CorrectKit.class);
        assertThat(failed(outcomes)).isEmpty();
        assertThat(outcomes).hasSizeGreaterThan(130);
        // Not applicable is skipped, with its reason: never counted as passed.
        assertThat(outcomes.get("Networks / defineStartDestroyUndefine()")).startsWith(SKIPPED)
                .contains("no network handle");
        // Flags, both directions: PAUSED is honoured, the others are refused in virCheckFlags' words.
        assertThat(outcomes.get("Flags / eachFlag / virDomainCreateWithFlags PAUSED")).isNull();
        assertThat(outcomes.get("Flags / eachFlag / virDomainCreateWithFlags AUTODESTROY")).isNull();
        assertThat(outcomes.get("Flags / eachFlag / virDomainSaveFlags RUNNING")).startsWith(SKIPPED);
        String report = report(MiniKits.CorrectKit.class);
        assertThat(report).contains("declared: 24 of ")
                .containsPattern("RAN +Domain lifecycle")
                .containsPattern("RAN +Events")
                .containsPattern("NOT APPLICABLE +Networks +7 tests: 3 passed, 4 not applicable")
                .contains("why: undeclared, NO_SUPPORT checked: virConnectListAllNetworks")
                .containsPattern("virNetworkCreate +undeclared +NO_SUPPORT not checkable: no network handle")
                .containsPattern("NOT APPLICABLE +Save, restore and core dump")
                .containsPattern("virDomainSuspend +declared +contract checked")
                .containsPattern("virDomainSave +undeclared +NO_SUPPORT checked")
                .doesNotContain("NOT EXERCISED");
    }

    @Test
    void aDeclaredOperationThatDoesNothingFails() throws IOException {
        Map<String, String> outcomes = run(MiniKits.SuspendDoesNothingKit.class);
        assertThat(failed(outcomes)).contains("Domain lifecycle / suspendAndResume()",
                "Events / everyLifecycleChangeIsReportedOnceInOrder()",
                "Concurrency / manyThreadsOneConnectionNoLostOrDuplicatedEvents()");
        assertThat(outcomes.get("Domain lifecycle / suspendAndResume()")).contains("virDomainGetState", "PAUSED");
        assertThat(outcomes.get("Domain lifecycle / startAndDestroy()")).isNull();
        assertThat(report(MiniKits.SuspendDoesNothingKit.class)).containsPattern("virDomainSuspend +declared +VIOLATED");
    }

    @Test
    void aDeclaredOperationThatIsAStubFails() {
        Map<String, String> outcomes = run(MiniKits.SuspendIsAStubKit.class);
        assertThat(failed(outcomes)).contains("Domain lifecycle / suspendAndResume()",
                "Declared operations / bothDirections / virDomainSuspend");
        assertThat(outcomes.get("Declared operations / bothDirections / virDomainSuspend"))
                .contains("virDomainSuspend threw java.lang.UnsupportedOperationException",
                        "every failure must be a VirtException");
        assertThat(outcomes.get("Declared operations / bothDirections / virDomainResume")).isNull();
    }

    @Test
    void aDeclaredOperationAnsweringNoSupportFails() throws IOException {
        Map<String, String> outcomes = run(MiniKits.DestroyAnswersNoSupportKit.class);
        assertThat(failed(outcomes)).contains("Domain lifecycle / startAndDestroy()",
                "Declared operations / bothDirections / virDomainDestroy");
        assertThat(outcomes.get("Declared operations / bothDirections / virDomainDestroy"))
                .contains("virDomainDestroy is declared but answered NO_SUPPORT");
        assertThat(outcomes.get("Domain lifecycle / suspendAndResume()")).isNull();
        assertThat(report(MiniKits.DestroyAnswersNoSupportKit.class))
                .containsPattern("virDomainDestroy +declared +VIOLATED");
    }

    @Test
    void throughADaemonADeclaredOperationItsDriverLacksIsSkippedNamingTheApiNeverPassed() throws IOException {
        Map<String, String> outcomes = run(MiniKits.DestroyAnswersNoSupportThroughDaemonKit.class);
        assertThat(failed(outcomes)).isEmpty();
        assertThat(outcomes.get("Declared operations / bothDirections / virDomainDestroy"))
                .startsWith(SKIPPED + "the daemon's driver does not support virDomainDestroy");
        // startAndDestroy checked virDomainCreate before it reached the destroy: skipped all the same, not passed
        assertThat(outcomes.get("Domain lifecycle / startAndDestroy()"))
                .startsWith(SKIPPED + "the daemon's driver does not support virDomainDestroy");
        assertThat(outcomes.get("Domain lifecycle / suspendAndResume()")).isNull();
        assertThat(report(MiniKits.DestroyAnswersNoSupportThroughDaemonKit.class))
                .containsPattern("virDomainDestroy +declared .*NO_SUPPORT from the daemon's driver in \\d+ test")
                .contains("Through a daemon: 1 declared operations answered NO_SUPPORT")
                .doesNotContain("VIOLATED");
    }

    @Test
    void aDeclaredFlagRefusedFailsButThroughADaemonIsSkippedNamingTheFlag() {
        Map<String, String> outcomes = run(MiniKits.RefusesDeclaredAutodestroyKit.class);
        assertThat(failed(outcomes)).containsExactly("Flags / eachFlag / virDomainCreateWithFlags AUTODESTROY");
        Map<String, String> through = run(MiniKits.RefusesDeclaredAutodestroyThroughDaemonKit.class);
        assertThat(failed(through)).isEmpty();
        assertThat(through.get("Flags / eachFlag / virDomainCreateWithFlags AUTODESTROY")).startsWith(SKIPPED
                + "the daemon's driver does not honour AUTODESTROY (0x2) of virDomainCreateWithFlags");
        assertThat(through.get("Flags / eachFlag / virDomainCreateWithFlags PAUSED")).isNull();
    }

    @Test
    void aLostEventFails() throws IOException {
        Map<String, String> outcomes = run(MiniKits.LosesResumeEventKit.class);
        assertThat(failed(outcomes)).contains("Events / everyLifecycleChangeIsReportedOnceInOrder()",
                "Events / perDomainSubscriptionsSeeTheirDomainUntilClosed()",
                "Concurrency / manyThreadsOneConnectionNoLostOrDuplicatedEvents()");
        assertThat(outcomes.get("Events / everyLifecycleChangeIsReportedOnceInOrder()"))
                .contains("none lost, none duplicated", "RESUMED_UNPAUSED");
        // The state machine itself is right: only the events suites catch it.
        assertThat(outcomes.get("Domain lifecycle / suspendAndResume()")).isNull();
        assertThat(report(MiniKits.LosesResumeEventKit.class))
                .containsPattern("virConnectDomainEventRegisterAny +declared +VIOLATED in 4 test")
                .containsPattern("virDomainResume +declared +contract checked");
    }

    @Test
    void aDuplicatedEventFails() {
        Map<String, String> outcomes = run(MiniKits.DuplicatesStartEventKit.class);
        assertThat(failed(outcomes)).contains("Events / everyLifecycleChangeIsReportedOnceInOrder()",
                "Events / aTransientDomainsEvents()",
                "Concurrency / manyThreadsOneConnectionNoLostOrDuplicatedEvents()");
        assertThat(outcomes.get("Domain lifecycle / startAndDestroy()")).isNull();
    }

    @Test
    void aDriverThatIgnoresAFlagItDeclaresFails() throws IOException {
        Map<String, String> outcomes = run(MiniKits.IgnoresStartPausedKit.class);
        assertThat(failed(outcomes)).containsExactly("Flags / eachFlag / virDomainCreateWithFlags PAUSED");
        assertThat(outcomes.get("Flags / eachFlag / virDomainCreateWithFlags PAUSED"))
                .contains("expected PAUSED, got RUNNING_BOOTED");
        assertThat(report(MiniKits.IgnoresStartPausedKit.class)).containsPattern("virDomainCreate +declared +VIOLATED");
    }

    @Test
    void aReplacementInAnAbstractKitOfTheDriversOwnServesEveryTargetExtendingIt() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(MiniKits.InheritsOverridesKit.class)).execute();
        assertThat(results.containerEvents().skipped().list()).singleElement().satisfies(e -> assertThat(
                e.getPayload(String.class)).hasValue(
                "replaced by org.jvirt.tck.fixtures.MiniKits.SharedOverridesKit.LifecycleAsThisHypervisorRunsIt"));
        Map<String, String> outcomes = run(MiniKits.InheritsOverridesKit.class);
        assertThat(outcomes.get("LifecycleAsThisHypervisorRunsIt / suspendAndResume()"))
                .isEqualTo(SKIPPED + "this hypervisor pauses guests asynchronously (shared by every target)");
        assertThat(outcomes).doesNotContainKey("Domain lifecycle / suspendAndResume()");
    }

    @Test
    void aDriverOverridesOneTestWithItsReason() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(MiniKits.OverridingKit.class)).execute();
        // The kit's own lifecycle suite is left out, saying why; the replacement runs.
        assertThat(results.containerEvents().skipped().list()).singleElement().satisfies(e -> {
            assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("Domain lifecycle");
            assertThat(e.getPayload(String.class)).hasValueSatisfying(why -> assertThat(why)
                    .isEqualTo("replaced by org.jvirt.tck.fixtures.MiniKits.OverridingKit.LifecycleAsThisHypervisorRunsIt"));
        });
        Map<String, String> outcomes = run(MiniKits.OverridingKit.class);
        assertThat(outcomes.get("LifecycleAsThisHypervisorRunsIt / suspendAndResume()"))
                .isEqualTo(SKIPPED + "this hypervisor pauses guests asynchronously (a test of the kit's own)");
        assertThat(outcomes.get("LifecycleAsThisHypervisorRunsIt / startAndDestroy()")).isNull();
        assertThat(outcomes).doesNotContainKey("Domain lifecycle / suspendAndResume()");
        // The broken suspend is still caught where it was not overridden.
        assertThat(failed(outcomes)).contains("Events / everyLifecycleChangeIsReportedOnceInOrder()");
    }
}
