package org.jvirt.tck;

import static org.jvirt.api.Operation.DOMAIN_ABORT_JOB;
import static org.jvirt.api.Operation.DOMAIN_CORE_DUMP;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_GET_JOB_INFO;
import static org.jvirt.api.Operation.DOMAIN_IS_PERSISTENT;
import static org.jvirt.api.Operation.DOMAIN_RESTORE;
import static org.jvirt.api.Operation.DOMAIN_SAVE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.JobInfo;
import org.jvirt.api.JobType;

/**
 * Save, restore and core dump: files written, states changed, failures changing nothing; and the
 * background-job operations on a domain with no job.
 *
 * @since 1.0
 */
public abstract class SaveRestoreSuite extends TckSuite {

    @Test
    public void saveStopsTheDomainAndRestoreRunsItAgain() throws IOException {
        boolean save = s.declaredElseNoSupport(DOMAIN_SAVE, d -> d.save(s.tempDir().resolve("x.save")));
        boolean restore = s.declaredElseNoSupportOnConnection(DOMAIN_RESTORE,
                c -> c.restore(s.tempDir().resolve("x.save")));
        if (!save && !restore) {
            return;
        }
        s.require("save and restore (each needs the other to be checked)", DOMAIN_SAVE, DOMAIN_RESTORE);
        Domain d = s.runningDomain();
        boolean persistent = s.declares(DOMAIN_IS_PERSISTENT) ? s.isPersistent(d) : s.declares(DOMAIN_DEFINE_XML);
        Path image = s.tempDir().resolve(TckSession.newName() + ".save");
        Expect.ok(DOMAIN_SAVE, () -> d.save(image));
        Expect.check(Files.isRegularFile(image) && Files.size(image) > 0, "virDomainSave writes the image %s", image);
        if (persistent) {
            s.assertState(d, DomainState.SHUTOFF, DomainStateReason.SHUTOFF_SAVED);
            Expect.fails(DOMAIN_SAVE, ErrorCode.OPERATION_INVALID, "the domain is not running",
                    () -> d.save(s.tempDir().resolve("again.save")));
        } else {
            s.assertGone(d);
        }
        Connection c = s.conn();
        Domain restored = Expect.ok(DOMAIN_RESTORE, () -> c.restore(image));
        s.track(restored);
        Expect.check(restored.equals(d) && restored.name().equals(d.name()), "virDomainRestore brings back the saved"
                + " domain (same name and UUID)");
        s.assertState(restored, DomainState.RUNNING, DomainStateReason.RUNNING_RESTORED);
        Expect.fails(DOMAIN_RESTORE, ErrorCode.OPERATION_INVALID, "the saved domain is running", () -> c.restore(image));
        s.assertState(restored, DomainState.RUNNING, DomainStateReason.RUNNING_RESTORED);
        s.contract(DOMAIN_SAVE, DOMAIN_RESTORE);
    }

    @Test
    public void restoringWhatIsNotASaveImageChangesNothing() throws IOException {
        if (!s.declaredElseNoSupportOnConnection(DOMAIN_RESTORE, c -> c.restore(s.tempDir().resolve("x")))) {
            return;
        }
        Connection c = s.conn();
        int before = s.domainCount();
        Path missing = s.tempDir().resolve("no-such-image");
        Expect.fails(DOMAIN_RESTORE, ErrorCode.SYSTEM_ERROR, "the file does not exist", () -> c.restore(missing));
        Path garbage = Files.writeString(s.tempDir().resolve("garbage"), "this is not a saved domain\n".repeat(20));
        Expect.failsCleanly(DOMAIN_RESTORE, "the file is not a save image", () -> c.restore(garbage));
        Path empty = Files.createFile(s.tempDir().resolve("empty"));
        Expect.failsCleanly(DOMAIN_RESTORE, "the file is empty", () -> c.restore(empty));
        Expect.check(s.domainCount() == before, "failed restores add no domain");
        s.contract(DOMAIN_RESTORE);
    }

    @Test
    public void aFailedSaveKeepsTheDomainRunning() {
        if (!s.declaredElseNoSupport(DOMAIN_SAVE, d -> d.save(s.tempDir().resolve("x.save")))) {
            return;
        }
        Domain d = s.runningDomain();
        Path nowhere = s.tempDir().resolve("no/such/directory/x.save");
        Expect.fails(DOMAIN_SAVE, ErrorCode.SYSTEM_ERROR, "the image cannot be written", () -> d.save(nowhere));
        s.assertState(d, DomainState.RUNNING, null);
        s.contract(DOMAIN_SAVE);
    }

    @Test
    public void coreDumpKeepsTheDomainRunning() throws IOException {
        if (!s.declaredElseNoSupport(DOMAIN_CORE_DUMP, d -> d.coreDump(s.tempDir().resolve("core")))) {
            return;
        }
        Domain d = s.runningDomain();
        Path core = s.tempDir().resolve(TckSession.newName() + ".core");
        Expect.ok(DOMAIN_CORE_DUMP, () -> d.coreDump(core));
        Expect.check(Files.isRegularFile(core) && Files.size(core) > 0, "virDomainCoreDump writes %s", core);
        s.assertState(d, DomainState.RUNNING, null);
        Expect.fails(DOMAIN_CORE_DUMP, ErrorCode.SYSTEM_ERROR, "the dump cannot be written",
                () -> d.coreDump(s.tempDir().resolve("no/such/directory/core")));
        s.assertState(d, DomainState.RUNNING, null);
        s.contract(DOMAIN_CORE_DUMP);
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.fails(DOMAIN_CORE_DUMP, ErrorCode.OPERATION_INVALID, "the domain is not running",
                    () -> inactive.coreDump(s.tempDir().resolve("inactive.core")));
        }
    }

    @Test
    public void anIdleDomainHasNoJobToReportOrAbort() {
        boolean info = s.declaredElseNoSupport(DOMAIN_GET_JOB_INFO, Domain::jobInfo);
        boolean abort = s.declaredElseNoSupport(DOMAIN_ABORT_JOB, Domain::abortJob);
        if (!info && !abort) {
            return;
        }
        Domain d = s.runningDomain();
        if (info) {
            JobInfo none = Expect.ok(DOMAIN_GET_JOB_INFO, d::jobInfo);
            Expect.check(none.type() == JobType.NONE, "virDomainGetJobInfo of a domain with no job reports type NONE,"
                    + " not %s", none);
            s.contract(DOMAIN_GET_JOB_INFO);
        }
        if (abort) {
            Expect.fails(DOMAIN_ABORT_JOB, ErrorCode.OPERATION_INVALID, "no job is active", d::abortJob);
            s.assertState(d, DomainState.RUNNING, null);
            s.contract(DOMAIN_ABORT_JOB);
        }
    }
}
