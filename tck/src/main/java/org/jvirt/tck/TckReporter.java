package org.jvirt.tck;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The kit's JUnit extension: gives each test its {@link TestRecord}, reports {@link NotApplicable}
 * tests as skipped with their reason (or, when the test already checked a contract, notes the rest
 * as not applicable), leaves out the kit's own suites that a driver replaced, records outcomes, and
 * writes the report when the kit's top-level class finishes: its suites, failures and summary
 * printed, the whole written to {@code ${jvirt.tck.reportDir:-target}/tck-report-<KitClass>.txt}
 * (printing is off when system property {@code jvirt.tck.printReport} is {@code false}).
 */
final class TckReporter implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor, TestWatcher,
        AfterAllCallback, ExecutionCondition {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TckReporter.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        TestRecord record = recordOf(context);
        TestRecord.CURRENT.set(record);
        TestRecord.LAST.remove();
        Object instance = context.getRequiredTestInstance();
        if (instance instanceof TckSuite suite) {
            suite.attach(record, report(context));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestRecord.CURRENT.remove();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        run(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        run(invocation, extensionContext);
    }

    private void run(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        try {
            invocation.proceed();
        } catch (NotApplicable e) {
            TestRecord record = recordOf(context);
            if (!record.checkedAContract() || e instanceof DaemonLacks) {
                // nothing was checked, or the daemon's driver lacks what the test is about: JUnit reports the
                // test skipped, testAborted records why
                throw e;
            }
            record.note("the rest was not applicable: " + e.getMessage());
        } catch (org.jvirt.api.VirtException e) {
            DaemonLacks.throwIfLacking(recordOf(context), report(context).declared(), e);
            throw e;
        }
    }

    /**
     * Leaves out a suite the kit nests when the driver's own kit class (or a superclass of it below the kit)
     * nests a replacement: a class of the same suite (typically extending the kit's nested class, to override
     * a test of it).
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Class<?>> tested = context.getTestClass();
        if (context.getTestMethod().isPresent() || tested.isEmpty()
                || tested.get().getEnclosingClass() != DriverConformanceKit.class) {
            return ConditionEvaluationResult.enabled("not a suite of the kit");
        }
        Class<?> suite = tested.get().getSuperclass();
        Optional<Class<?>> kit = context.getParent().flatMap(ExtensionContext::getTestClass);
        // the driver's kit class, or an abstract kit of its own between it and the kit (shared by several targets)
        for (Class<?> c = kit.orElse(null); c != null && c != DriverConformanceKit.class; c = c.getSuperclass()) {
            for (Class<?> own : c.getDeclaredClasses()) {
                if (own != tested.get() && suite.isAssignableFrom(own) && own.isAnnotationPresent(Nested.class)) {
                    return ConditionEvaluationResult.disabled("replaced by " + own.getName().replace('$', '.'));
                }
            }
        }
        return ConditionEvaluationResult.enabled("the kit's own " + suite.getSimpleName());
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        recordOf(context).end(TestRecord.Outcome.PASSED, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        recordOf(context).end(TestRecord.Outcome.FAILED, String.valueOf(cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        if (cause instanceof NotApplicable) {
            recordOf(context).end(TestRecord.Outcome.NOT_APPLICABLE, cause.getMessage());
        } else {
            recordOf(context).end(TestRecord.Outcome.ABORTED, String.valueOf(cause));
        }
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        recordOf(context).end(TestRecord.Outcome.DISABLED, reason.orElse("disabled"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (context.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
            return; // a nested suite; the top-level class writes the report
        }
        TckReport report = report(context);
        Path dir = Path.of(System.getProperty("jvirt.tck.reportDir", "target"));
        Path file = dir.resolve("tck-report-" + context.getRequiredTestClass().getSimpleName() + ".txt");
        String text = report.write(file);
        if (!"false".equals(System.getProperty("jvirt.tck.printReport"))) {
            System.out.print(TckReport.brief(text));
            System.out.println("(the whole report, with every test and operation: " + file.toAbsolutePath() + ")");
        }
    }

    private static TestRecord recordOf(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(TestRecord.class,
                k -> report(context).newRecord(suiteName(context), testName(context)), TestRecord.class);
    }

    private static TckReport report(ExtensionContext context) {
        ExtensionContext top = topLevel(context);
        Class<?> kit = top.getRequiredTestClass();
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(kit, k -> new TckReport(kit.getName()),
                TckReport.class);
    }

    private static ExtensionContext topLevel(ExtensionContext context) {
        ExtensionContext top = context;
        while (top.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
            top = top.getParent().get();
        }
        return top;
    }

    /** The display name of the nearest class (the suite). */
    private static String suiteName(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c.getDisplayName();
    }

    /** The test's display name, with its template's for parameterized invocations. */
    private static String testName(ExtensionContext context) {
        Optional<ExtensionContext> parent = context.getParent();
        if (parent.isPresent() && parent.get().getTestMethod().isPresent()) {
            return plain(parent.get().getDisplayName()) + " " + context.getDisplayName();
        }
        return plain(context.getDisplayName());
    }

    /** {@code suspendAndResume()} as {@code suspendAndResume}. */
    private static String plain(String displayName) {
        return displayName.endsWith("()") ? displayName.substring(0, displayName.length() - 2) : displayName;
    }
}
