package org.jvirt.driver.xm.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.driver.xm.domain.XmRules;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainRules;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;

/**
 * Converts between xm configuration files and domain definitions, both ways, as libvirt 0.4.4's
 * xm driver ({@code xm_internal.c}) did, for each version of xend's configuration format:
 * <ul>
 * <li>1, xend 3.0.2: an HVM guest's CD-ROM is the {@code cdrom} setting, its other disks are
 *     written {@code ioemu:hda};</li>
 * <li>2, xend 3.0.3: the CD-ROM is a {@code disk} entry ({@code hdc:cdrom});</li>
 * <li>3 and 4, xend 3.0.4 and later: a paravirtual guest's display is a {@code vfb} entry, not the
 *     {@code vnc}/{@code sdl} settings HVM guests keep.</li>
 * </ul>
 * The settings read, their defaults and the mini-formats of list entries are described by the
 * package's classes; settings xm has and libvirt does not know are left in the file, untouched,
 * by {@link #update}.
 *
 * <p>Definitions pass the driver's {@link DomainRules} (by default {@link XmRules}) both ways:
 * {@link #toDomain} returns a definition completed by {@link PostParse} as libvirt 9 would read
 * it, and {@link #toConfig} completes the definition it is given before writing it (doing so again
 * changes nothing).
 *
 * <p>Errors are {@link VirtException}s, none leaving a partial result: a setting that is not what
 * xm needs — of the wrong kind, a list entry missing its fields — is CONF_SYNTAX in domain XENXM,
 * with its file, line and column (malformed text is CONF_SYNTAX in domain CONF, see
 * {@link XmConfigFile}); a definition lacking what the file needs, or holding what no xm file can
 * say, fails with libvirt's code naming it (NO_SOURCE, NO_NETWORK, XML_ERROR, CONFIG_UNSUPPORTED);
 * a version other than 1 to 4 is INVALID_ARG.
 *
 * <p>Immutable and thread-safe when the rules and the network lookup are.
 *
 * @since 1.0
 */
public final class XmConfig {
    /** The oldest xend configuration format version: xend 3.0.2. */
    public static final int MIN_VERSION = 1;
    /** The newest xend configuration format version: xend 3.1 and later. */
    public static final int MAX_VERSION = 4;

    private final DomainRules rules;
    private final UnaryOperator<String> networkBridges;

    /** Conversions with {@link XmRules}, knowing no libvirt network. */
    public XmConfig() {
        this(new XmRules(), network -> null);
    }

    /**
     * @param rules the rules definitions pass both ways, normally {@link XmRules}
     * @param networkBridges the bridge of a libvirt network, by the network's name, or null when
     *                       there is no such network: an interface of a network is written as its
     *                       bridge, which is all xm knows of networks
     */
    public XmConfig(DomainRules rules, UnaryOperator<String> networkBridges) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.networkBridges = Objects.requireNonNull(networkBridges, "networkBridges");
    }

    /**
     * The domain a configuration file defines, completed by post-parse.
     *
     * @param xendConfigVersion the format version of the xend the file is for, 1 to 4
     * @throws VirtException see the class comment
     */
    public DomainDefinition toDomain(XmConfigFile cfg, int xendConfigVersion) {
        checkVersion(xendConfigVersion);
        DomainReader.Reading reading = DomainReader.read(cfg, xendConfigVersion);
        return PostParse.apply(DomainXml.fromElement(reading.domain()), rules);
    }

    /**
     * A new configuration file defining {@code def}, named after the domain, its settings one a
     * line in libvirt 0.4.4's order.
     *
     * @param xendConfigVersion the format version of the xend the file is for, 1 to 4
     * @throws VirtException see the class comment
     */
    public XmConfigFile toConfig(DomainDefinition def, int xendConfigVersion) {
        checkVersion(xendConfigVersion);
        return XmConfigFile.of(def.name(), settings(def, xendConfigVersion));
    }

    /**
     * {@code existing} changed to define {@code def}: the settings the file's domain was read from
     * are set to what {@code def} says, or removed when it says nothing of them; settings it does
     * not say are added at the end, those the file means without them (defaults) left out. Every other byte of the file — comments, blank lines, layout,
     * settings libvirt does not read (in list entries too, see the merge rules) — stays as it was,
     * and a setting whose value reads the same keeps its spelling.
     *
     * @param xendConfigVersion the format version of the xend the file is for, 1 to 4
     * @throws VirtException see the class comment; the existing file must read as a domain too
     */
    public XmConfigFile update(XmConfigFile existing, DomainDefinition def, int xendConfigVersion) {
        checkVersion(xendConfigVersion);
        Set<String> read = DomainReader.read(existing, xendConfigVersion).read();
        Map<String, XmValue> fresh = settings(def, xendConfigVersion);
        boolean hvm = fresh.containsKey("builder");
        Set<String> keys = new LinkedHashSet<>();
        existing.keys().stream().filter(read::contains).forEach(keys::add);
        keys.addAll(fresh.keySet());
        XmConfigFile file = existing;
        for (String key : keys) {
            XmValue value = fresh.get(key);
            file = value == null ? file.remove(key) : file.set(key, ConfigMerge.merge(key, file.get(key), value, hvm));
        }
        return withoutNeedlessAdditions(existing, file, xendConfigVersion);
    }

    /**
     * {@code updated} without the settings it added to {@code existing} that say what the file means
     * without them ({@code on_poweroff = "destroy"}, {@code boot = "c"}...), so that an update adds
     * only what it must.
     */
    private XmConfigFile withoutNeedlessAdditions(XmConfigFile existing, XmConfigFile updated, int version) {
        DomainDefinition meaning = toDomain(updated, version);
        XmConfigFile file = updated;
        for (String key : updated.keys()) {
            if (!existing.contains(key)) {
                XmConfigFile without = file.remove(key);
                if (readsAs(without, version, meaning)) {
                    file = without;
                }
            }
        }
        return file;
    }

    private boolean readsAs(XmConfigFile file, int version, DomainDefinition meaning) {
        try {
            return toDomain(file, version).equals(meaning);
        } catch (VirtException e) {
            return false;
        }
    }

    /** The rules definitions pass. */
    public DomainRules rules() {
        return rules;
    }

    private Map<String, XmValue> settings(DomainDefinition def, int version) {
        return ConfigWriter.write(PostParse.apply(Objects.requireNonNull(def, "def"), rules), version, networkBridges);
    }

    private static void checkVersion(int version) {
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.XENXM, ErrorCode.INVALID_ARG.format(
                    "xend configuration format version " + version + " is not one of " + MIN_VERSION + " to "
                            + MAX_VERSION));
        }
    }
}
