package org.jvirt.model;

import java.util.List;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * Attributes read as libvirt's virXMLProp functions read them (util/virxml.c: virXMLPropUInt,
 * virXMLPropULongLong, virXMLPropInt, virXMLPropEnum, all in base 10), and refused in their words,
 * as XML errors of the XML domain. An absent attribute is null, or refused when {@link Flag#REQUIRED};
 * an empty one is read, and so refused as not a number. Stateless.
 */
final class XmlProps {
    /** virXMLPropFlags. */
    enum Flag {
        /** VIR_XML_PROP_REQUIRED: an absent attribute is an error. */
        REQUIRED,
        /** VIR_XML_PROP_NONZERO: zero (an enum's first value) is an error. */
        NONZERO,
        /** VIR_XML_PROP_NONNEGATIVE: a negative number is an error. */
        NONNEGATIVE
    }

    private XmlProps() {
    }

    /** virXMLPropUInt: an unsigned int (virStrToLong_uip); null when absent. */
    static Long uint(XmlElement e, String name, Flag... flags) {
        return unsigned(e, name, false, flags);
    }

    /** virXMLPropULongLong: an unsigned long long (virStrToLong_ullp) in a long's bits; null when absent. */
    static Long ulongLong(XmlElement e, String name, Flag... flags) {
        return unsigned(e, name, true, flags);
    }

    private static Long unsigned(XmlElement e, String name, boolean longLong, Flag... flags) {
        String v = present(e, name, flags);
        if (v == null) {
            return null;
        }
        Long n = longLong ? CNumbers.strToUllp(v) : CNumbers.strToUip(v);
        if (n == null) {
            throw invalid(e, name, v, "Expected non-negative integer value");
        }
        if (has(flags, Flag.NONZERO) && n == 0) {
            throw zero(e, name);
        }
        return n;
    }

    /** virXMLPropInt: an int (virStrToLong_i); null when absent. */
    static Integer integer(XmlElement e, String name, Flag... flags) {
        String v = present(e, name, flags);
        if (v == null) {
            return null;
        }
        Long n = CNumbers.strToI(v);
        if (n == null) {
            throw invalid(e, name, v, "Expected integer value");
        }
        if (has(flags, Flag.NONNEGATIVE) && n < 0) {
            throw invalid(e, name, v, "Expected non-negative value");
        }
        if (has(flags, Flag.NONZERO) && n == 0) {
            throw zero(e, name);
        }
        return n.intValue();
    }

    /**
     * virXMLPropEnum: the index of the value among {@code values} (a libvirt enum's strings, in its
     * order); {@code absent} when there is none. libvirt words a refused zero as any value it does not know.
     */
    static int enumIndex(XmlElement e, String name, List<String> values, int absent, Flag... flags) {
        String v = present(e, name, flags);
        if (v == null) {
            return absent;
        }
        int index = values.indexOf(v);
        if (index < 0 || has(flags, Flag.NONZERO) && index == 0) {
            throw invalidValue(e.name(), name, v);
        }
        return index;
    }

    /** The attribute's value; null when absent and not required. */
    private static String present(XmlElement e, String name, Flag... flags) {
        String v = e.attribute(name);
        if (v == null && has(flags, Flag.REQUIRED)) {
            throw missing(e, name);
        }
        return v;
    }

    private static boolean has(Flag[] flags, Flag flag) {
        for (Flag f : flags) {
            if (f == flag) {
                return true;
            }
        }
        return false;
    }

    /** virXMLPropStringRequired's refusal. */
    static VirtException missing(XmlElement e, String name) {
        return XmlValues.invalid(ErrorDomain.XML, "Missing required attribute '" + name + "' in element '" + e.name()
                + "'");
    }

    /** A number virXMLPropInt and its like refuse, {@code expected} saying what it should have been. */
    static VirtException invalid(XmlElement e, String name, String value, String expected) {
        return XmlValues.invalid(ErrorDomain.XML, "Invalid value for attribute '" + name + "' in element '" + e.name()
                + "': '" + value + "'. " + expected);
    }

    /** A value virXMLPropEnum does not know, of {@code attribute} in {@code element}. */
    static VirtException invalidValue(String element, String attribute, String value) {
        return XmlValues.invalid(ErrorDomain.XML, "Invalid value for attribute '" + attribute + "' in element '"
                + element + "': '" + value + "'.");
    }

    private static VirtException zero(XmlElement e, String name) {
        return XmlValues.invalid(ErrorDomain.XML, "Invalid value for attribute '" + name + "' in element '" + e.name()
                + "': Zero is not permitted");
    }
}
