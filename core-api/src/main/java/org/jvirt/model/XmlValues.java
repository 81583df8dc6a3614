package org.jvirt.model;

import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * Turns attribute and element text into typed values, with libvirt's leniency and its errors.
 *
 * @since 1.0
 */
final class XmlValues {
    private XmlValues() {
    }

    static VirtException invalid(ErrorDomain domain, String message) {
        return new VirtException(ErrorCode.XML_ERROR, domain, "XML error: " + message);
    }

    /** An optional integer attribute; null when absent. */
    static Integer intAttr(ElementCursor at, String attribute) {
        String v = at.attr(attribute);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(at.errorDomain(), "invalid value '" + v + "' for attribute '" + attribute
                    + "' of <" + at.path() + ">: not an integer");
        }
    }

    /** An optional non-negative decimal attribute; null when absent. */
    static Long longAttr(ElementCursor at, String attribute) {
        String v = at.attr(attribute);
        return v == null ? null : nonNegativeLong(v.strip(), "attribute '" + attribute + "' of <" + at.path() + ">",
                at.errorDomain());
    }

    /** A yes/no attribute (libvirt's tristate); null when absent. */
    static Boolean yesNoAttr(ElementCursor at, String attribute) {
        return switchAttr(at, attribute, "yes", "no");
    }

    /** An on/off attribute; null when absent. */
    static Boolean onOffAttr(ElementCursor at, String attribute) {
        return switchAttr(at, attribute, "on", "off");
    }

    private static Boolean switchAttr(ElementCursor at, String attribute, String on, String off) {
        String v = at.attr(attribute);
        if (v == null) {
            return null;
        }
        if (v.equals(on) || v.equals(off)) {
            return v.equals(on);
        }
        throw invalid(at.errorDomain(), "invalid value '" + v + "' for attribute '" + attribute + "' of <"
                + at.path() + ">: expecting '" + on + "' or '" + off + "'");
    }

    /** A non-negative decimal number in element text or an attribute. */
    static long nonNegativeLong(String text, String what, ErrorDomain domain) {
        String t = text == null ? "" : text.strip();
        boolean digits = !t.isEmpty();
        for (int i = 0; digits && i < t.length(); i++) {
            digits = CNumbers.isDigit(t.charAt(i));
        }
        if (!digits) {
            throw invalid(domain, "invalid value '" + text + "' for " + what
                    + ": expecting a non-negative integer");
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw invalid(domain, "value '" + t + "' for " + what + " is too large");
        }
    }

    /**
     * A UUID as libvirt's {@code virUUIDParse} reads it: 32 hex digits, with dashes or spaces
     * allowed between byte pairs and white space around.
     */
    static UUID uuid(String text, ErrorDomain domain) {
        String t = text.strip();
        long hi = 0;
        long lo = 0;
        int bytes = 0;
        int i = 0;
        while (bytes < 16) {
            if (i >= t.length()) {
                throw badUuid(text, domain);
            }
            char c = t.charAt(i);
            if (c == '-' || c == ' ') {
                i++;
                continue;
            }
            int h = Character.digit(c, 16);
            int l = i + 1 < t.length() ? Character.digit(t.charAt(i + 1), 16) : -1;
            if (h < 0 || l < 0 || c > 'f' || t.charAt(i + 1) > 'f') {
                throw badUuid(text, domain);
            }
            int b = h * 16 + l;
            if (bytes < 8) {
                hi = hi << 8 | b;
            } else {
                lo = lo << 8 | b;
            }
            bytes++;
            i += 2;
        }
        if (i != t.length()) {
            throw badUuid(text, domain);
        }
        return new UUID(hi, lo);
    }

    private static VirtException badUuid(String text, ErrorDomain domain) {
        return invalid(domain, "malformed uuid element: '" + text + "'");
    }

    /**
     * A MAC address as libvirt's {@code virMacAddrParse} reads it (six colon-separated groups
     * of one or two hex digits), returned in libvirt's canonical lower-case form.
     */
    static String mac(String text, ErrorDomain domain) {
        // Six groups of one or two hex digits, read where they stand (no split: a define reads several).
        StringBuilder out = new StringBuilder(17);
        int groups = 0;
        int at = 0;
        while (true) {
            int end = text.indexOf(':', at);
            if (end < 0) {
                end = text.length();
            }
            if (end == at || end - at > 2 || ++groups > 6) {
                throw badMac(text, domain);
            }
            int v = 0;
            for (int i = at; i < end; i++) {
                int d = Character.digit(text.charAt(i), 16);
                if (d < 0 || text.charAt(i) > 'f') {
                    throw badMac(text, domain);
                }
                v = v * 16 + d;
            }
            if (out.length() > 0) {
                out.append(':');
            }
            out.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
            if (end == text.length()) {
                break;
            }
            at = end + 1;
        }
        if (groups != 6) {
            throw badMac(text, domain);
        }
        return out.toString();
    }

    private static VirtException badMac(String text, ErrorDomain domain) {
        return invalid(domain, "unable to parse mac address '" + text + "'");
    }
}
