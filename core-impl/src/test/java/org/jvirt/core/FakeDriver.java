package org.jvirt.core;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/** A driver for the core's own tests: declares identity, lookup and suspend/resume only, and records calls. */
class FakeDriver implements Driver, DriverOperations.HypervisorIdentity, DriverOperations.DomainLookupById,
        DriverOperations.DomainLookupByUuid, DriverOperations.DomainLookupByName, DriverOperations.DomainSuspendResume {
    static final UUID KNOWN = UUID.fromString("11111111-2222-3333-4444-555555555555");

    final String name;
    final boolean declineLookups;
    final List<String> calls = new ArrayList<>();
    boolean closed;

    FakeDriver(String name, boolean declineLookups) {
        this.name = name;
        this.declineLookups = declineLookups;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String hypervisorType() {
        calls.add("type");
        return name.toUpperCase();
    }

    @Override
    public long hypervisorVersion() {
        return 1_002_003;
    }

    @Override
    public DomainRef domainById(int id) {
        return domainByName("id" + id);
    }

    @Override
    public DomainRef domainByUuid(UUID uuid) {
        return domainByName(uuid.toString());
    }

    @Override
    public DomainRef domainByName(String domain) {
        calls.add("lookup " + domain);
        if (declineLookups) {
            throw new DeclinedException(VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.DOMAIN,
                    "no domain with matching name '" + domain + "'", domain));
        }
        if (domain.equals("boom")) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN, "boom", domain);
        }
        return new DomainRef(domain, KNOWN, 7);
    }

    @Override
    public void suspend(DomainRef domain) {
        calls.add("suspend " + domain.name());
    }

    @Override
    public void resume(DomainRef domain) {
        calls.add("resume " + domain.name());
    }
}
