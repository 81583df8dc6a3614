package org.jvirt.driver.xend;

import java.util.Optional;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.DomainDefinition;
import org.jvirt.spi.DomainRef;

/**
 * libvirt's rule for a new definition's identity ({@code virDomainObjListAdd}), checked against what xend
 * knows before asking it to create or define: a domain of that name must have that UUID, and a domain of
 * that UUID that name; the same name and UUID is the same domain (defining it again updates it). xend
 * itself never checked. Stateless.
 */
final class XendIdentity {
    private XendIdentity() {
    }

    /**
     * @param create whether the definition is to run now ({@code op=create}): the domain it names must
     *     then not be running
     */
    static void checkFree(XendClient xend, DomainDefinition definition, boolean create) {
        Optional<DomainRef> byName = xend.domain(definition.name()).map(XendDocuments::ref)
                .filter(r -> r.name().equals(definition.name()));
        if (create && byName.isPresent() && byName.get().id() >= 0
                && (definition.uuid() == null || byName.get().uuid().equals(definition.uuid()))) {
            throw XendDaemonErrors.worded(ErrorCode.OPERATION_INVALID, "domain '" + definition.name()
                    + "' is already running", definition.name());
        }
        if (byName.isPresent() && definition.uuid() != null && !byName.get().uuid().equals(definition.uuid())) {
            throw XendDaemonErrors.worded(ErrorCode.OPERATION_FAILED, "domain '" + definition.name()
                    + "' already exists with uuid " + byName.get().uuid(), definition.name());
        }
        if (definition.uuid() != null && byName.isEmpty()) {
            Optional<SexprList> byUuid = xend.domain(definition.uuid().toString());
            byUuid.map(XendDocuments::ref).filter(r -> r.uuid().equals(definition.uuid())).ifPresent(r -> {
                throw XendDaemonErrors.worded(ErrorCode.OPERATION_FAILED, "domain '" + r.name()
                        + "' is already defined with uuid " + r.uuid(), definition.name());
            });
        }
    }
}
