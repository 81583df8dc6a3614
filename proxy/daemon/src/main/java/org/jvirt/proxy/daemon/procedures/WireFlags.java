package org.jvirt.proxy.daemon.procedures;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Flag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.dispatch.UnsupportedFlags;

/**
 * A call's {@code flags} word as jvirt's flag enums. A bit no constant of the enum has is refused as
 * libvirt's {@code virCheckFlags} refuses it — INVALID_ARG "unsupported flags (0x8) in function
 * testDomainUndefineFlags" ({@link UnsupportedFlags}) — before anything is done.
 */
final class WireFlags {
    /** {@code VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG}: the bits that choose what a change affects. */
    static final int IMPACT_BITS = 3;

    private WireFlags() {
    }

    /** The constants of {@code type} set in {@code bits}, as an array for jvirt's varargs methods. */
    @SuppressWarnings("unchecked")
    static <E extends Enum<E> & Flag> E[] of(Class<E> type, int bits, String function) {
        List<E> set = new ArrayList<>();
        int known = 0;
        for (E e : type.getEnumConstants()) {
            known |= e.bit();
            if ((bits & e.bit()) != 0) {
                set.add(e);
            }
        }
        refuseUnknown(bits & ~known, function);
        return set.toArray((E[]) Array.newInstance(type, 0));
    }

    /**
     * What a change with {@code bits} affects: CURRENT, LIVE, CONFIG, or both LIVE and CONFIG (live first, as
     * libvirt's drivers apply them); bits outside {@code allowed} are refused.
     */
    static List<ModificationImpact> impacts(int bits, int allowed, String function) {
        refuseUnknown(bits & ~allowed, function);
        int impact = bits & IMPACT_BITS;
        if (impact == 0) {
            return List.of(ModificationImpact.CURRENT);
        }
        List<ModificationImpact> out = new ArrayList<>();
        if ((impact & ModificationImpact.LIVE.bit()) != 0) {
            out.add(ModificationImpact.LIVE);
        }
        if ((impact & ModificationImpact.CONFIG.bit()) != 0) {
            out.add(ModificationImpact.CONFIG);
        }
        return out;
    }

    /**
     * The one impact of a query ({@code _GET_}), which cannot ask for both.
     *
     * @throws VirtException INVALID_ARG for LIVE and CONFIG together, as libvirt says it
     */
    static ModificationImpact impact(int bits, int allowed, String function) {
        List<ModificationImpact> i = impacts(bits, allowed, function);
        if (i.size() > 1) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                    "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive", null);
        }
        return i.get(0);
    }

    static void refuseUnknown(int unknown, String function) {
        if (unknown != 0) {
            throw new UnsupportedFlags(Integer.toUnsignedLong(unknown), function);
        }
    }
}
