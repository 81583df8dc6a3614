package org.jvirt.driver.xend.config;

import java.util.Objects;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.model.DomainDefinition;

/**
 * xend's domain configuration, both ways, for every configuration format xend had: version 1 (xend
 * 3.0.2, which had no inactive domains), 2 (3.0.3: {@code hda:disk} device names, CD-ROMs as
 * disks, VNC ports of their own), 3 (3.0.4: inactive domains, paravirtualised consoles as vfb
 * devices) and 4 (3.1 and later: HVM consoles as vfb devices too, no {@code (type ioemu)}); a later
 * version reads and writes as 4. The facts are libvirt 0.4.4's ({@code xend_internal.c},
 * {@code xml.c}), with what later libvirt added where 0.4.4 had nothing to say.
 *
 * <p>Both conversions are pure functions: they return a whole result or throw
 * {@link VirtException}, nothing in between. Stateless and thread-safe.
 */
public final class XendConfig {
    private XendConfig() {
    }

    /**
     * The definition xend's {@code (domain ...)} describes, as {@code GET /xend/domain/NAME?detail=1}
     * returns it, with nothing known from xenstore (as for an inactive domain).
     *
     * @see #toDomain(Sexpr, int, XenstoreFacts)
     */
    public static DomainDefinition toDomain(Sexpr domainSxp, int xendConfigVersion) {
        return toDomain(domainSxp, xendConfigVersion, XenstoreFacts.NONE);
    }

    /**
     * The definition xend's {@code (domain ...)} describes: the domain XML libvirt 0.4.4 made of it,
     * read by libvirt 9's parser ({@link org.jvirt.model.DomainXml}). It is not post-parsed, so that it
     * keeps what only a running domain has (the console's pty, which post-parse drops as libvirt reads
     * inactive definitions): {@code PostParse.apply(def, XendRules.INSTANCE)} completes it as libvirt 9
     * would hold it — and refuses, as libvirt 9 does, what libvirt 0.4.4 wrote and libvirt 9 does not
     * take (a bridged interface that names no bridge, a disk named {@code hdc:cdrom} by xend 3.0.2).
     * The running domain's id, which the model does not keep, is {@link #domainId(Sexpr)}.
     *
     * @param facts the console pty and VNC port xenstore gives a running domain
     * @throws VirtException INVALID_ARG for a version below 1; INTERNAL_ERROR (domain XEND) when the
     *         document lacks the name, uuid, memory, vcpus, the id (before xend 3.0.4), an HVM loader, a
     *         paravirtualised guest's kernel or bootloader, a disk's dev or uname, or holds a value of
     *         the wrong kind (a list, no number, a malformed uuid or character device); the errors of
     *         {@link org.jvirt.model.DomainXml} for what libvirt 9's parser refuses
     */
    public static DomainDefinition toDomain(Sexpr domainSxp, int xendConfigVersion, XenstoreFacts facts) {
        Objects.requireNonNull(domainSxp, "domainSxp");
        Objects.requireNonNull(facts, "facts");
        return DomainReader.read(SxpGuest.of(domainSxp, checked(xendConfigVersion), facts));
    }

    /**
     * The id xend's {@code (domain ...)} gives the domain, or -1 for an inactive one.
     *
     * @throws VirtException INTERNAL_ERROR when the document is no domain or its id no number
     */
    public static int domainId(Sexpr domainSxp) {
        return SxpGuest.of(domainSxp, 3, XenstoreFacts.NONE).domid;
    }

    /**
     * The {@code (vm ...)} xend creates or defines {@code def} from, with no libvirt network to
     * resolve.
     *
     * @see #toSexpr(DomainDefinition, int, NetworkBridges)
     */
    public static Sexpr toSexpr(DomainDefinition def, int xendConfigVersion) {
        return toSexpr(def, xendConfigVersion, NetworkBridges.NONE);
    }

    /**
     * The {@code (vm ...)} xend creates or defines {@code def} from. The definition may be as parsed
     * or completed by post-parse: what libvirt adds to every guest (PS/2 or Xen mouse and keyboard,
     * controllers, video, balloon, console) is implicit in xend and left out.
     *
     * @param bridges the bridge of each libvirt network an interface joins
     * @throws VirtException INVALID_ARG for a version below 1; NO_OS without {@code <os>} or
     *         bootloader; NO_KERNEL for a paravirtualised guest without kernel or bootloader;
     *         XML_ERROR (domain XML) for an HVM guest without loader, an unknown boot device, input
     *         device or sound model, a character device without its path, host or service; NO_SOURCE
     *         for a disk without source (but an HVM CD-ROM) or an unknown network; CONFIG_UNSUPPORTED
     *         for what xend cannot be told (a device, feature, clock, disk or interface type it lacks)
     */
    public static Sexpr toSexpr(DomainDefinition def, int xendConfigVersion, NetworkBridges bridges) {
        Objects.requireNonNull(def, "def");
        Objects.requireNonNull(bridges, "bridges");
        return DomainWriter.write(new DefGuest(def, checked(xendConfigVersion), bridges));
    }

    /**
     * A UUID as xend writes it, with dashes or as 32 bare hex digits.
     *
     * @throws VirtException INTERNAL_ERROR (domain XEND) when it is no UUID
     */
    public static UUID uuid(String text) {
        return GuestSection.uuid(text);
    }

    private static int checked(int version) {
        if (version < 1) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.XEND,
                    ErrorCode.INVALID_ARG.format("xend configuration version " + version + ": xend's versions start at 1"));
        }
        return version;
    }
}
