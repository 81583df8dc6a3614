package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.List;
import java.util.Map;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/**
 * The scheduler and its parameters, as libvirt's callers use them: the type first, which says how many
 * parameters there are, then that many. The current definition's are read and changed with libvirt's
 * flagless procedures ({@code virDomainGetSchedulerParameters}, as virsh {@code schedinfo} without
 * {@code --live} or {@code --config}: libvirt's test driver refuses any flag to the other); a chosen one with
 * {@code virDomainGetSchedulerParametersFlags}, which carries {@code VIR_TYPED_PARAM_STRING_OKAY} when the
 * daemon speaks string parameters, as libvirt's library adds it. Parameters going out take the wire types the
 * daemon's driver expects (see {@link WireTypedParams}).
 */
interface RemoteDomainScheduler extends RemoteOperations, DriverOperations.DomainScheduler {
    /** {@code VIR_TYPED_PARAM_STRING_OKAY}: the caller reads string parameters. */
    int TYPED_PARAM_STRING_OKAY = 4;

    @Override
    default String schedulerType(DomainRef domain) {
        return schedulerTypeRet(domain).type();
    }

    private RemoteDomainGetSchedulerTypeRet schedulerTypeRet(DomainRef domain) {
        return channel().call(REMOTE_PROC_DOMAIN_GET_SCHEDULER_TYPE,
                new RemoteDomainGetSchedulerTypeArgs(WireRefs.domain(domain)), RemoteDomainGetSchedulerTypeRet.class);
    }

    @Override
    default List<TypedParameter> schedulerParameters(DomainRef domain, ModificationImpact impact) {
        int nparams = schedulerTypeRet(domain).nparams();
        return WireTypedParams.fromWire(wireParameters(domain, impact, nparams),
                RemoteProtocol.REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, nparams);
    }

    /**
     * The parameters as the daemon sends them; none without a call when the scheduler has none (libvirt's
     * library refuses a zero {@code nparams}).
     */
    private List<RemoteTypedParam> wireParameters(DomainRef domain, ModificationImpact impact, int nparams) {
        if (nparams <= 0) {
            return List.of();
        }
        if (impact == ModificationImpact.CURRENT) {
            return channel().call(REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS,
                    new RemoteDomainGetSchedulerParametersArgs(WireRefs.domain(domain), nparams),
                    RemoteDomainGetSchedulerParametersRet.class).params();
        }
        int flags = impact.bit();
        if (session().supportsFeature(RemoteSession.FEATURE_TYPED_PARAM_STRING)) {
            flags |= TYPED_PARAM_STRING_OKAY;
        }
        return channel().call(REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS,
                new RemoteDomainGetSchedulerParametersFlagsArgs(WireRefs.domain(domain), nparams, flags),
                RemoteDomainGetSchedulerParametersFlagsRet.class).params();
    }

    /**
     * Each parameter goes with the type libvirt documents for its name. When a name is not documented, the
     * parameters are read first, as virsh reads before it sets, and the types the daemon reports win.
     */
    @Override
    default void setSchedulerParameters(DomainRef domain, List<TypedParameter> parameters, ModificationImpact impact) {
        if (parameters.size() > RemoteProtocol.REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX) {
            throw WireValues.rpc("params length greater than maximum: " + parameters.size() + " > "
                    + RemoteProtocol.REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX);
        }
        Map<String, Integer> known = Map.of();
        if (parameters.stream().anyMatch(p -> !WireTypedParams.SCHEDULER_TYPES.containsKey(p.name()))) {
            try {
                known = WireTypedParams.types(wireParameters(domain, impact, schedulerTypeRet(domain).nparams()));
            } catch (VirtException e) {
                // not readable (say LIVE of an inactive domain): the set that follows says why, in its words
            }
        }
        List<RemoteTypedParam> wire = WireTypedParams.toWire(parameters, known, WireTypedParams.SCHEDULER_TYPES);
        if (impact == ModificationImpact.CURRENT) {
            channel().call(REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS,
                    new RemoteDomainSetSchedulerParametersArgs(WireRefs.domain(domain), wire));
        } else {
            channel().call(REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS,
                    new RemoteDomainSetSchedulerParametersFlagsArgs(WireRefs.domain(domain), wire, impact.bit()));
        }
    }
}
