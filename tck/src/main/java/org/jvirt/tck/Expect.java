package org.jvirt.tck;

import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;

/**
 * The kit's assertions about calls: what a failure must look like under libvirt's contract
 * (a {@link VirtException} with the right code — never another exception, never NO_SUPPORT for a
 * declared operation) and that a call expected to work works.
 */
final class Expect {
    private Expect() {
    }

    /** A call that may throw anything. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** {@code call}, an invocation of declared {@code op}, must succeed; returns its answer. */
    static <T> T ok(Operation op, Supplier<T> call) {
        TestRecord.LAST.set(op);
        try {
            return call.get();
        } catch (VirtException e) {
            throw failure(op, e, "succeed");
        } catch (RuntimeException e) {
            throw notVirt(op, e);
        }
    }

    /** As {@link #ok(Operation, Supplier)} for calls without an answer. */
    static void ok(Operation op, Runnable call) {
        ok(op, () -> {
            call.run();
            return null;
        });
    }

    /** {@code call} must fail with {@code code}; returns the error. */
    static VirtException fails(Operation op, ErrorCode code, String situation, Call call) {
        VirtException e = virtError(op, situation, call);
        if (e.code() != code) {
            throw failure(op, e, "fail with " + code + " when " + situation);
        }
        return e;
    }

    /** {@code call} must fail with one of {@code codes} (libvirt's drivers differ among them). */
    static VirtException failsWithOneOf(Operation op, Set<ErrorCode> codes, String situation, Call call) {
        VirtException e = virtError(op, situation, call);
        if (!codes.contains(e.code())) {
            throw failure(op, e, "fail with one of " + codes + " when " + situation);
        }
        return e;
    }

    /**
     * {@code call} may succeed or fail (libvirt's drivers differ, e.g. suspending a paused domain),
     * but a failure must be a VirtException other than NO_SUPPORT. Returns whether it succeeded.
     */
    static boolean succeedsOrFailsCleanly(Operation op, String situation, Call call) {
        TestRecord.LAST.set(op);
        try {
            call.run();
            return true;
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                DaemonLacks.throwIfLacking(op, e);
                throw failure(op, e, "succeed or fail with an error other than NO_SUPPORT when " + situation);
            }
            return false;
        } catch (Exception e) {
            throw notVirt(op, e);
        }
    }

    /** {@code call} must fail with a VirtException (any code but NO_SUPPORT for a declared operation). */
    static VirtException failsCleanly(Operation op, String situation, Call call) {
        VirtException e = virtError(op, situation, call);
        if (e.code() == ErrorCode.NO_SUPPORT) {
            DaemonLacks.throwIfLacking(op, e);
            throw failure(op, e, "fail with an error other than NO_SUPPORT when " + situation);
        }
        return e;
    }

    /** {@code call} of undeclared {@code op} must fail with NO_SUPPORT naming the operation. */
    static void noSupport(Operation op, Call call) {
        VirtException e = virtError(op, "it is not declared", call);
        if (e.code() != ErrorCode.NO_SUPPORT) {
            TestRecord.violatedOnThisThread(op);
            throw new AssertionError(op.libvirtName() + " is not declared, so it must fail with NO_SUPPORT, but failed with "
                    + e.code() + ": " + e.getMessage(), e);
        }
        if (!e.getMessage().contains(op.libvirtName())) {
            throw new AssertionError("the NO_SUPPORT error of undeclared " + op.libvirtName()
                    + " must name the operation, but says: " + e.getMessage(), e);
        }
    }

    /** {@code call} of mutating {@code op} on a read-only connection must fail with OPERATION_DENIED naming it. */
    static void denied(Operation op, Call call) {
        VirtException e = virtError(op, "the connection is read-only", call);
        if (e.code() != ErrorCode.OPERATION_DENIED) {
            TestRecord.violatedOnThisThread(op);
            throw new AssertionError(op.libvirtName() + " on a read-only connection must fail with OPERATION_DENIED,"
                    + " but failed with " + e.code() + ": " + e.getMessage(), e);
        }
        if (!e.getMessage().contains(op.libvirtName())) {
            throw new AssertionError("the OPERATION_DENIED error of " + op.libvirtName()
                    + " must name the operation, but says: " + e.getMessage(), e);
        }
    }

    private static VirtException virtError(Operation op, String situation, Call call) {
        TestRecord.LAST.set(op);
        try {
            call.run();
        } catch (VirtException e) {
            return e;
        } catch (Exception e) {
            throw notVirt(op, e);
        }
        TestRecord.violatedOnThisThread(op);
        throw new AssertionError(op.libvirtName() + " must fail when " + situation + ", but it succeeded");
    }

    /**
     * The error for {@code op}'s unexpected answer {@code e}; for a target served through a daemon whose
     * driver lacks the operation (or the flag being checked), the test ends skipped instead ({@link DaemonLacks}).
     */
    private static AssertionError failure(Operation op, VirtException e, String expectation) {
        DaemonLacks.throwIfLacking(op, e);
        TestRecord.violatedOnThisThread(op);
        if (e.code() == ErrorCode.NO_SUPPORT) {
            return new AssertionError(op.libvirtName() + " is declared but answered NO_SUPPORT (a declared operation"
                    + " never may; expected it to " + expectation + "): " + e.getMessage(), e);
        }
        return new AssertionError(op.libvirtName() + " was expected to " + expectation + ", but failed with "
                + e.code() + ": " + e.getMessage(), e);
    }

    private static AssertionError notVirt(Operation op, Exception e) {
        TestRecord.violatedOnThisThread(op);
        return new AssertionError(op.libvirtName() + " threw " + e.getClass().getName()
                + "; every failure must be a VirtException carrying libvirt's error code", e);
    }

    /** Fails the test unless {@code condition}, saying what libvirt's contract wants. */
    static void check(boolean condition, String contract, Object... args) {
        if (!condition) {
            fail(String.format(contract, args));
        }
    }

    static Set<ErrorCode> codes(ErrorCode... codes) {
        return Set.copyOf(Arrays.asList(codes));
    }
}
