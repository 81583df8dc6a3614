package org.jvirt.driver.xend;

import java.util.Optional;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xend.config.XendConfig;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.driver.xend.config.XendRules;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.PostParse;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.DomainRef;

/**
 * A domain's two definitions as xend keeps them and libvirt's rules for which one a change touches: the
 * running one ({@code ?detail=1}) and, for a domain xend manages, the one it boots with next
 * ({@code ?detail=1&inactive=1}; a domain xend does not manage has none). {@link ModificationImpact#CURRENT}
 * is the running definition of an active domain and the next boot's of an inactive one; LIVE of an
 * inactive domain and CONFIG of a transient one are refused, as libvirt refuses them. Stateless.
 */
final class XendDomainAccess {
    private final XendClient xend;
    private final int configFormat;

    XendDomainAccess(XendClient xend, int configFormat) {
        this.xend = xend;
        this.configFormat = configFormat;
    }

    /**
     * The domain's document as it is now. A domain xend does not know is declined, not refused: in
     * {@code xen:///} another driver (xm) may know it; alone, the caller gets NO_DOMAIN.
     */
    SexprList document(DomainRef domain) {
        try {
            return xend.requireDomain(domain.name());
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_DOMAIN) {
                throw new DeclinedException(e);
            }
            throw e;
        }
    }

    /** The definition xend's document describes, read as libvirt reads a Xen guest's (its post-parse). */
    DomainDefinition definition(SexprList document) {
        return PostParse.apply(XendConfig.toDomain(document, configFormat), XendRules.INSTANCE);
    }

    /** The document of a running domain; OPERATION_INVALID when it is not running. */
    SexprList running(DomainRef domain) {
        SexprList doc = document(domain);
        if (XendConfig.domainId(doc) < 0) {
            throw notRunning(domain);
        }
        return doc;
    }

    /** The definition the domain boots with next; empty for one xend does not keep (transient). */
    Optional<DomainDefinition> nextBoot(DomainRef domain) {
        return nextBootDocument(domain).map(this::definition);
    }

    /** The document of what the domain boots with next; empty for one xend does not keep. */
    Optional<SexprList> nextBootDocument(DomainRef domain) {
        if (configFormat < XendDriver.INACTIVE_DOMAINS_FORMAT) {
            return Optional.empty();
        }
        return xend.domainNextBoot(domain.name());
    }

    /** The document of what the domain boots with next; OPERATION_INVALID for a transient domain. */
    SexprList requireNextBootDocument(DomainRef domain) {
        return nextBootDocument(domain).orElseThrow(() -> transientDomain(domain));
    }

    /**
     * The running domain's document when a change of {@code impact} is for it, empty when it is for the next
     * boot — one look at the domain for both the rule and what the change needs of it.
     */
    Optional<SexprList> live(DomainRef domain, ModificationImpact impact) {
        SexprList doc = document(domain);
        boolean active = XendConfig.domainId(doc) >= 0;
        if (impact == ModificationImpact.LIVE && !active) {
            throw notRunning(domain);
        }
        boolean live = impact == ModificationImpact.CURRENT ? active : impact == ModificationImpact.LIVE;
        return live ? Optional.of(doc) : Optional.empty();
    }

    /** Whether a change of {@code impact} is for the running domain (else for its next boot), checked. */
    boolean isLive(DomainRef domain, ModificationImpact impact) {
        return live(domain, impact).isPresent();
    }

    /** The next boot's definition, for a change of it; OPERATION_INVALID for a transient domain. */
    DomainDefinition requireNextBoot(DomainRef domain) {
        return nextBoot(domain).orElseThrow(() -> transientDomain(domain));
    }

    private static VirtException transientDomain(DomainRef domain) {
        return new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.XEND,
                ErrorCode.OPERATION_INVALID.format("transient domain '" + domain.name()
                        + "' has no persistent configuration to change"), "xend", domain.name(), null);
    }

    /** Makes {@code next} what the domain boots with next ({@code op=new}: xend keeps it, running or not). */
    void redefine(DomainDefinition next) {
        xend.domainsOp("new", "config", XendConfig.toSexpr(next, configFormat).toString());
    }

    /**
     * Makes the configuration of xend's document {@code next} what the domain boots with next: the
     * document without what xend adds at run time, as the {@code (vm ...)} xend takes.
     */
    void redefine(SexprList next) {
        xend.domainsOp("new", "config", XendDocuments.asConfig(next).toString());
    }

    static VirtException notRunning(DomainRef domain) {
        return new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.XEND,
                ErrorCode.OPERATION_INVALID.format("domain '" + domain.name() + "' is not running"), "xend",
                domain.name(), null);
    }
}
