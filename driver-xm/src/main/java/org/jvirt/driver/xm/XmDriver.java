package org.jvirt.driver.xm;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.XmlFlag;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainRules;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/**
 * Domains defined but not running, as xm configuration files: libvirt 0.4.4's {@code xm_internal.c}. The
 * driver never knows whether a domain runs (xend and the hypervisor do): its domains are shut off, with
 * no id; in {@code xen:///} the composition asks the other drivers first. Thread-safe.
 */
public final class XmDriver implements Driver, DriverOperations.DomainXmlFromNative,
        DriverOperations.DomainXmlToNative, DriverOperations.DefinedDomainNames, DriverOperations.DefinedDomainCount,
        DriverOperations.DomainListAll, DriverOperations.DomainLookupByName, DriverOperations.DomainLookupByUuid,
        DriverOperations.DomainGetInfo, DriverOperations.DomainGetState, DriverOperations.DomainIsActive,
        DriverOperations.DomainIsPersistent, DriverOperations.DomainXmlDescription, DriverOperations.DomainOsType,
        DriverOperations.DomainDefine, DriverOperations.DomainUndefine, DriverOperations.DomainAutostart,
        DriverOperations.DomainSetMemory, DriverOperations.DomainSetMaxMemory, DriverOperations.DomainSetVcpus {
    /** The one native format: xm's configuration file. */
    static final String XM = "xen-xm";

    private final XmDirectory files;

    XmDriver(XmDirectory files) {
        this.files = files;
    }

    @Override
    public String name() {
        return XmDriverProvider.NAME;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.XENXM;
    }

    @Override
    public DomainRules domainRules() {
        return files.conversions().rules();
    }

    @Override
    public void close() {
        // Files are read and written per call: nothing is held.
    }

    @Override
    public Set<String> fromNativeFormats() {
        return Set.of(XM);
    }

    @Override
    public DomainDefinition domainXmlFromNative(String format, String nativeConfig) {
        return files.conversions().toDomain(XmConfigFile.parse("(native configuration)", nativeConfig),
                files.xendConfigVersion());
    }

    @Override
    public Set<String> toNativeFormats() {
        return Set.of(XM);
    }

    @Override
    public String domainXmlToNative(String format, DomainDefinition definition) {
        return files.conversions().toConfig(definition, files.xendConfigVersion()).text();
    }

    // ---- listing and lookup ----------------------------------------------------------------------

    @Override
    public List<String> definedDomainNames() {
        return files.all().stream().map(e -> e.definition().name()).toList();
    }

    @Override
    public int definedDomainCount() {
        return files.all().size();
    }

    @Override
    public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        return files.all().stream()
                .filter(e -> DomainListFilters.matches(filters, DomainState.SHUTOFF, true, files.autostart(e)))
                .map(XmDriver::ref).toList();
    }

    @Override
    public DomainRef domainByName(String name) {
        return files.byName(name).map(XmDriver::ref).orElseThrow(() -> new DeclinedException(XmDriverErrors.worded(
                ErrorCode.NO_DOMAIN, "no domain with matching name '" + name + "'", name)));
    }

    @Override
    public DomainRef domainByUuid(UUID uuid) {
        return files.byUuid(uuid).map(XmDriver::ref).orElseThrow(() -> new DeclinedException(XmDriverErrors.worded(
                ErrorCode.NO_DOMAIN, "no domain with matching uuid '" + uuid + "'", null)));
    }

    private static DomainRef ref(XmDirectory.Entry e) {
        return new DomainRef(e.definition().name(), e.definition().uuid(), -1);
    }

    /** The domain's file; a domain xm does not keep is declined (in xen:/// xend may run it). */
    private XmDirectory.Entry entry(DomainRef domain) {
        return kept(domain).orElseThrow(() -> new DeclinedException(XmDriverErrors.worded(ErrorCode.NO_DOMAIN,
                        "no domain with matching name '" + domain.name() + "' in " + files.directory(), domain.name())));
    }

    /** The domain's file, if xm keeps the domain. */
    private Optional<XmDirectory.Entry> kept(DomainRef domain) {
        return files.byUuid(domain.uuid()).filter(e -> e.definition().name().equals(domain.name()));
    }

    // ---- reading ---------------------------------------------------------------------------------

    @Override
    public DomainInfo domainInfo(DomainRef domain) {
        DomainDefinition d = entry(domain).definition();
        return new DomainInfo(DomainState.SHUTOFF, d.memoryKiB(), d.currentMemoryKiB(), d.currentVcpus(), 0);
    }

    @Override
    public DomainStateReason domainState(DomainRef domain) {
        entry(domain);
        return DomainStateReason.SHUTOFF_UNKNOWN;
    }

    @Override
    public int domainId(DomainRef domain) {
        entry(domain);
        return -1;
    }

    /**
     * Whether the domain has a file here. One that has none is transient, not unknown: in {@code xen:///}
     * without xend (Xen 4.5 on) a running guest {@code xl create} started has no file, and libvirt's
     * {@code xenUnifiedDomainIsPersistent} answers "if the XM driver can see the guest, it is definitely
     * persistent", and 0 otherwise.
     */
    @Override
    public boolean isPersistent(DomainRef domain) {
        return kept(domain).isPresent();
    }

    @Override
    public String xmlDesc(DomainRef domain, Set<XmlFlag> flags) {
        return DomainXml.format(entry(domain).definition(), -1, flags.contains(XmlFlag.SECURE));
    }

    @Override
    public Set<XmlFlag> xmlDescFlags() {
        return Set.of(XmlFlag.SECURE, XmlFlag.INACTIVE);
    }

    @Override
    public String osType(DomainRef domain) {
        return entry(domain).definition().os().type();
    }

    // ---- changing --------------------------------------------------------------------------------

    @Override
    public DomainRef defineDomain(DomainDefinition definition, Set<DefineFlag> flags) {
        return ref(files.define(definition));
    }

    @Override
    public void undefine(DomainRef domain, Set<UndefineFlag> flags) {
        files.undefine(entry(domain));
    }

    /**
     * Whether the domain's file is linked from {@code auto/}; false for a domain without a file here (libvirt's
     * {@code xenXMDomainGetAutostart} asks whether a link points to a file of the domain's name, which none
     * does), as for {@link #isPersistent}.
     */
    @Override
    public boolean autostart(DomainRef domain) {
        return kept(domain).map(files::autostart).orElse(false);
    }

    @Override
    public void setAutostart(DomainRef domain, boolean autostart) {
        files.setAutostart(entry(domain), autostart);
    }

    @Override
    public void setMemory(DomainRef domain, long kib, ModificationImpact impact) {
        DomainDefinition d = configOf(domain, impact);
        if (kib > d.memoryKiB()) {
            throw XmDriverErrors.worded(ErrorCode.INVALID_ARG, "cannot set memory of domain '" + domain.name()
                    + "' to " + kib + " KiB: its maximum is " + d.memoryKiB() + " KiB", domain.name());
        }
        files.define(d.toBuilder().currentMemoryKiB(kib).build());
    }

    @Override
    public void setMaxMemory(DomainRef domain, long kib, ModificationImpact impact) {
        DomainDefinition d = configOf(domain, impact);
        files.define(d.toBuilder().memoryKiB(kib).currentMemoryKiB(Math.min(kib, d.currentMemoryKiB())).build());
    }

    @Override
    public void setVcpus(DomainRef domain, int count, ModificationImpact impact, Set<VcpuFlag> flags) {
        DomainDefinition d = configOf(domain, impact);
        if (count < 1 || count > d.vcpus()) {
            throw XmDriverErrors.worded(ErrorCode.INVALID_ARG, "domain '" + domain.name() + "' can have 1 to "
                    + d.vcpus() + " vCPUs, not " + count, domain.name());
        }
        files.define(d.toBuilder().currentVcpus(count).build());
    }

    /** The definition a change of {@code impact} touches: the file's; xm has no running domain to change. */
    private DomainDefinition configOf(DomainRef domain, ModificationImpact impact) {
        DomainDefinition d = entry(domain).definition();
        if (impact == ModificationImpact.LIVE) {
            throw XmDriverErrors.worded(ErrorCode.OPERATION_INVALID, "domain '" + domain.name() + "' is not running",
                    domain.name());
        }
        return d;
    }
}
