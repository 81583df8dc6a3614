package org.jvirt.tck;

import java.util.Set;
import java.util.regex.Pattern;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Flag;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;

/**
 * Thrown inside the kit, for a target served through a daemon ({@link TckTarget#throughDaemon()}), when a
 * declared operation reaches the daemon and its driver lacks it: NO_SUPPORT from the daemon, or — for the
 * flag the flags suite is checking — that flag refused in {@code virCheckFlags}' words. The test ends
 * skipped with the reason, always: even one that checked other contracts first is never counted as passed.
 */
final class DaemonLacks extends NotApplicable {
    private static final long serialVersionUID = 1L;

    private DaemonLacks(String reason) {
        super(reason);
    }

    /**
     * The skip of a test that found the daemon's driver lacking every one of {@code ops} (each answered
     * NO_SUPPORT {@code where}), after checking the rest.
     */
    static DaemonLacks of(TestRecord r, Set<Operation> ops, String where) {
        ops.forEach(r::daemonLacks);
        return new DaemonLacks("the daemon's driver does not support " + TckReport.names(ops) + " (NO_SUPPORT "
                + where + ")");
    }

    /**
     * Throws when {@code e}, escaping a test of a target served through a daemon, is the daemon's NO_SUPPORT
     * for a declared operation (the one its message names, or its {@code ...Flags} form); returns otherwise. For calls the kit makes
     * without {@link Expect} (fixtures, clean-up steps of a test).
     */
    static void throwIfLacking(TestRecord r, Set<Operation> declared, VirtException e) {
        if (!r.throughDaemon() || e.code() != ErrorCode.NO_SUPPORT) {
            return;
        }
        Operation named = null;
        for (Operation op : declared) {
            boolean longer = named == null || op.libvirtName().length() > named.libvirtName().length();
            if (longer && Pattern.compile("\\b" + op.libvirtName() + "(Flags)?\\b").matcher(e.getMessage()).find()) {
                named = op;
            }
        }
        if (named != null) {
            r.daemonLacks(named);
            throw new DaemonLacks("the daemon's driver does not support " + named.libvirtName() + " ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Throws when {@code e}, the answer of declared {@code op}, says the daemon's driver lacks it (and the
     * current test's target is served through a daemon); returns otherwise.
     */
    static void throwIfLacking(Operation op, VirtException e) {
        TestRecord r = TestRecord.CURRENT.get();
        if (r == null || !r.throughDaemon()) {
            return;
        }
        if (e.code() == ErrorCode.NO_SUPPORT) {
            r.daemonLacks(op);
            throw new DaemonLacks("the daemon's driver does not support " + op.libvirtName() + " (" + e.getMessage()
                    + ")");
        }
        Flag flag = r.flagUnderTest(op);
        if (flag != null && e.code() == ErrorCode.INVALID_ARG && Pattern.compile("unsupported flags \\(0x"
                + Integer.toHexString(flag.bit()) + "\\) in function \\w+").matcher(e.getMessage()).find()) {
            r.note("the daemon's driver does not honour this flag");
            throw new DaemonLacks("the daemon's driver does not honour " + ((Enum<?>) flag).name() + " (0x"
                    + Integer.toHexString(flag.bit()) + ") of " + op.flagsFunction() + " (" + e.getMessage() + ")");
        }
    }
}
