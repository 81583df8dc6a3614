package org.jvirt.proxy.daemon.procedures;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import org.jvirt.proxy.daemon.dispatch.Caller;
import org.jvirt.proxy.daemon.dispatch.HandlerTable;
import org.jvirt.proxy.daemon.dispatch.ProcedureGroup;
import org.jvirt.proxy.daemon.dispatch.WireObjects;
import org.jvirt.proxy.protocol.remote.*;

/** Domain event registration, in libvirt's callback form and in the older one-per-event form. */
public final class EventProcedures implements ProcedureGroup {
    @Override
    public void register(HandlerTable t) {
        t.on(REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (Caller c, RemoteConnectDomainEventCallbackRegisterAnyArgs a) ->
                new RemoteConnectDomainEventCallbackRegisterAnyRet(c.events().register(c.connection(), a.eventID(),
                        a.dom().map(d -> WireObjects.uuid(d.uuid())))));
        t.on(REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (Caller c, RemoteConnectDomainEventCallbackDeregisterAnyArgs a) -> {
            c.connection();
            c.events().deregister(a.callbackID());
            return null;
        });
        t.on(REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER_ANY, (Caller c, RemoteConnectDomainEventRegisterAnyArgs a) -> {
            c.events().registerLegacy(c.connection(), a.eventID());
            return null;
        });
        t.on(REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER_ANY, (Caller c, RemoteConnectDomainEventDeregisterAnyArgs a) -> {
            c.connection();
            c.events().deregisterLegacy(a.eventID());
            return null;
        });
    }
}
