package org.jvirt.tck;

import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_CREATE_XML;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_DESTROY;
import static org.jvirt.api.Operation.DOMAIN_GET_XML_DESC;
import static org.jvirt.api.Operation.DOMAIN_IS_ACTIVE;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.CharDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.xml.XmlReader;

/**
 * The XML description round trip: what the driver describes is what was defined, defining its
 * description again changes nothing, it is valid against libvirt's schema, and the live
 * description carries the running domain's id.
 *
 * @since 1.0
 */
public abstract class XmlRoundTripSuite extends TckSuite {

    @Test
    public void theDescriptionDescribesTheDefinition() {
        if (!s.declaredElseNoSupport(DOMAIN_GET_XML_DESC, Domain::xmlDesc)) {
            return;
        }
        s.require("describing a defined domain", DOMAIN_DEFINE_XML);
        String name = TckSession.newName();
        UUID uuid = UUID.randomUUID();
        DomainDefinition given = DomainXml.parse(s.domainXml(name, uuid));
        Domain d = s.track(s.conn().defineDomain(s.domainXml(name, uuid)));
        String xml = Expect.ok(DOMAIN_GET_XML_DESC, () -> d.xmlDesc(XmlFlag.INACTIVE));
        DomainDefinition described = DomainXml.parse(xml);
        Expect.check(described.name().equals(name) && uuid.equals(described.uuid()), "the description has the name"
                + " and UUID defined, got %s %s", described.name(), described.uuid());
        Expect.check(described.memoryKiB() == given.memoryKiB(), "the description has the memory defined (%d KiB),"
                + " got %d", given.memoryKiB(), described.memoryKiB());
        Expect.check(described.vcpus() == given.vcpus(), "the description has the vCPUs defined (%d), got %d",
                given.vcpus(), described.vcpus());
        Expect.check(described.type().equals(given.type()), "the description has the domain type defined (%s),"
                + " got %s", given.type(), described.type());
        Expect.check(XmlReader.parse(xml).attribute("id") == null, "an inactive domain's description has no id");
        Expect.check(xml.equals(d.xmlDesc()), "an inactive domain's description is the same with or without"
                + " VIR_DOMAIN_XML_INACTIVE");
        s.contract(DOMAIN_GET_XML_DESC, DOMAIN_DEFINE_XML);
    }

    @Test
    public void definingTheDescriptionAgainChangesNothing() {
        s.require("the define / describe round trip", DOMAIN_DEFINE_XML, DOMAIN_GET_XML_DESC);
        Domain d = s.definedDomain();
        String first = d.xmlDesc(XmlFlag.INACTIVE);
        Domain again = Expect.ok(DOMAIN_DEFINE_XML, () -> s.conn().defineDomain(first));
        Expect.check(again.equals(d), "defining a domain's own description updates that domain");
        String second = d.xmlDesc(XmlFlag.INACTIVE);
        Expect.check(first.equals(second), "defining a domain's own description changes nothing;"
                + " before:%n%s%nafter:%n%s", first, second);
        s.contract(DOMAIN_DEFINE_XML, DOMAIN_GET_XML_DESC);
    }

    /**
     * libvirt's post-parse and the driver's rules, applied to their own result, change nothing: a
     * fuller definition (the target's {@code fullDomainXml}) is completed once; its description,
     * defined again, describes the same definition, and from then on the same document. (The first
     * redefinition may list disks in another order: libvirt's parser orders disks by the bus they
     * name, and a disk whose bus was implied names it only once described. libvirt 9 does so too.)
     */
    @Test
    public void aCompletedDefinitionIsAFixedPoint() {
        s.require("the define / describe round trip", DOMAIN_DEFINE_XML, DOMAIN_GET_XML_DESC);
        Domain d = s.track(Expect.ok(DOMAIN_DEFINE_XML,
                () -> s.conn().defineDomain(s.fullDomainXml(TckSession.newName(), UUID.randomUUID()))));
        String first = d.xmlDesc(XmlFlag.INACTIVE);
        Expect.ok(DOMAIN_DEFINE_XML, () -> s.conn().defineDomain(first));
        String second = d.xmlDesc(XmlFlag.INACTIVE);
        Expect.check(inAnyDeviceOrder(first).equals(inAnyDeviceOrder(second)), "defining the description of a"
                + " completed definition changes nothing but the order of disks; before:%n%s%nafter:%n%s", first,
                second);
        Expect.ok(DOMAIN_DEFINE_XML, () -> s.conn().defineDomain(second));
        String third = d.xmlDesc(XmlFlag.INACTIVE);
        Expect.check(second.equals(third), "defining a described definition again changes nothing;"
                + " before:%n%s%nafter:%n%s", second, third);
        s.contract(DOMAIN_DEFINE_XML, DOMAIN_GET_XML_DESC);
    }

    private static DomainDefinition inAnyDeviceOrder(String xml) {
        DomainDefinition def = DomainXml.parse(xml);
        java.util.List<org.jvirt.model.Device> devices = new java.util.ArrayList<>(def.devices());
        devices.sort(java.util.Comparator.comparing(Object::toString));
        return def.toBuilder().devices(devices).build();
    }

    @Test
    public void theDescriptionIsValidAgainstLibvirtsSchema() {
        s.require("validating the description", DOMAIN_DEFINE_XML, DOMAIN_GET_XML_DESC);
        Domain d = s.definedDomain();
        String xml = d.xmlDesc(XmlFlag.INACTIVE);
        try {
            s.conn().defineDomain(xml, DefineFlag.VALIDATE);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.INTERNAL_ERROR && e.getMessage().contains("schemas were not found")) {
                throw new NotApplicable("libvirt's RelaxNG schemas are not installed here: " + e.getMessage());
            }
            throw new AssertionError("the driver's description of " + d.name() + " must be valid against libvirt's"
                    + " domain.rng: " + e.getMessage() + "\n" + xml, e);
        }
        s.contract(DOMAIN_GET_XML_DESC);
    }

    @Test
    public void theLiveDescriptionCarriesTheId() {
        s.require("describing a running domain", DOMAIN_GET_XML_DESC, DOMAIN_IS_ACTIVE);
        Domain d = s.runningDomain();
        String live = Expect.ok(DOMAIN_GET_XML_DESC, () -> d.xmlDesc());
        String id = XmlReader.parse(live).attribute("id");
        Expect.check(Integer.toString(d.id()).equals(id), "a running domain's description has id='%d', got %s",
                d.id(), id);
        DomainDefinition def = DomainXml.parse(live);
        Expect.check(def.name().equals(d.name()) && d.uuid().equals(def.uuid()), "the live description names the"
                + " domain");
        if (s.declaresAll(DOMAIN_DEFINE_XML, DOMAIN_CREATE)) {
            String inactive = d.xmlDesc(XmlFlag.INACTIVE);
            Expect.check(XmlReader.parse(inactive).attribute("id") == null, "the persistent description"
                    + " (VIR_DOMAIN_XML_INACTIVE) of a running domain has no id");
        }
        s.contract(DOMAIN_GET_XML_DESC);
    }

    @Test
    public void redefiningARunningDomainChangesOnlyItsNextBoot() {
        s.require("redefining a running domain", DOMAIN_DEFINE_XML, DOMAIN_CREATE, DOMAIN_GET_XML_DESC);
        Domain d = s.runningPersistentDomain();
        String live = d.xmlDesc();
        DomainDefinition before = DomainXml.parse(d.xmlDesc(XmlFlag.INACTIVE));
        DomainDefinition bigger = before.toBuilder().memoryKiB(before.memoryKiB() * 2).build();
        Expect.ok(DOMAIN_DEFINE_XML, () -> s.conn().defineDomain(DomainXml.format(bigger, -1, true)));
        long next = DomainXml.parse(d.xmlDesc(XmlFlag.INACTIVE)).memoryKiB();
        Expect.check(next == bigger.memoryKiB(), "redefining a running domain changes its persistent definition:"
                + " expected %d KiB for the next boot, got %d", bigger.memoryKiB(), next);
        Expect.check(DomainXml.parse(d.xmlDesc()).memoryKiB() == DomainXml.parse(live).memoryKiB(), "redefining a"
                + " running domain leaves the running definition alone:%nbefore:%n%s%nafter:%n%s", live, d.xmlDesc());
        if (s.declares(DOMAIN_DESTROY)) {
            d.destroy();
            long now = DomainXml.parse(d.xmlDesc()).memoryKiB();
            Expect.check(now == bigger.memoryKiB(), "once stopped, the domain is described by its new definition:"
                    + " expected %d KiB, got %d", bigger.memoryKiB(), now);
        }
        s.contract(DOMAIN_DEFINE_XML, DOMAIN_GET_XML_DESC);
    }

    @Test
    public void aTransientDomainsDescriptionCreatesItAgain() {
        s.require("the create / describe round trip", DOMAIN_CREATE_XML, DOMAIN_GET_XML_DESC, DOMAIN_DESTROY);
        Domain d = s.transientDomain();
        String live = d.xmlDesc();
        Expect.ok(DOMAIN_DESTROY, () -> d.destroy());
        Domain again = s.track(Expect.ok(DOMAIN_CREATE_XML, () -> s.conn().createDomain(live)));
        Expect.check(again.equals(d), "creating from a domain's live description makes that domain (same UUID)");
        DomainDefinition before = withoutAllocatedPtys(DomainXml.parse(live));
        DomainDefinition after = withoutAllocatedPtys(DomainXml.parse(again.xmlDesc()));
        Expect.check(before.equals(after), "the re-created domain is described as before (the ptys the host"
                + " allocated aside);%nbefore:%n%s%nafter:%n%s", live, again.xmlDesc());
        s.contract(DOMAIN_CREATE_XML, DOMAIN_GET_XML_DESC);
    }

    /**
     * The definition without the pty each running pty character device got: the host picks the next free one
     * at every start (libvirt too), so a re-created domain's may differ while it is the same domain.
     */
    private static DomainDefinition withoutAllocatedPtys(DomainDefinition def) {
        List<Device> devices = new ArrayList<>();
        for (Device device : def.devices()) {
            devices.add(device instanceof CharDevice c && c.type().equals("pty")
                    ? c.toBuilder().tty(null).sources(List.of()).build() : device);
        }
        return def.toBuilder().devices(devices).build();
    }
}
