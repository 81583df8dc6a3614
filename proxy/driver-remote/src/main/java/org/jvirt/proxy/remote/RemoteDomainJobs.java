package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import org.jvirt.api.JobInfo;
import org.jvirt.api.JobType;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/** A domain's background job: its progress ({@code virDomainGetJobInfo}) and its abort. */
interface RemoteDomainJobs extends RemoteOperations, DriverOperations.DomainJobInfo, DriverOperations.DomainAbortJob {

    /** Elapsed time in milliseconds and data in bytes, as {@code virDomainJobInfo}. */
    @Override
    default JobInfo jobInfo(DomainRef domain) {
        RemoteDomainGetJobInfoRet r = channel().call(REMOTE_PROC_DOMAIN_GET_JOB_INFO,
                new RemoteDomainGetJobInfoArgs(WireRefs.domain(domain)), RemoteDomainGetJobInfoRet.class);
        JobType type;
        try {
            type = JobType.of(r.type());
        } catch (IllegalArgumentException e) {
            throw WireValues.rpc("unknown job type " + r.type());
        }
        return new JobInfo(type, r.timeElapsed(), r.dataTotal(), r.dataProcessed(), r.dataRemaining());
    }

    @Override
    default void abortJob(DomainRef domain) {
        channel().call(REMOTE_PROC_DOMAIN_ABORT_JOB, new RemoteDomainAbortJobArgs(WireRefs.domain(domain)));
    }
}
