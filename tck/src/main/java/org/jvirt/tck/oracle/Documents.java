package org.jvirt.tck.oracle;

import java.util.List;
import java.util.function.Predicate;
import org.jvirt.model.xml.XmlElement;

/**
 * Two XML documents compared whole, as an oracle test compares libvirt's answer with a driver's:
 * element names, attributes, trimmed text and the order of children. Stateless.
 */
public final class Documents {
    private Documents() {
    }

    /**
     * The first difference between libvirt's document and jvirt's, or null when they are the same.
     *
     * @param libvirt the oracle's document
     * @param jvirt the driver's
     * @param randomText paths (such as {@code /domain/uuid}) whose text each side may have chosen at
     *                   random, and which are therefore not compared
     * @return where and how they first differ, naming the path; null when they agree
     */
    public static String difference(XmlElement libvirt, XmlElement jvirt, Predicate<String> randomText) {
        return difference(libvirt, jvirt, "/", randomText);
    }

    private static String difference(XmlElement a, XmlElement b, String path, Predicate<String> randomText) {
        String here = path + a.name();
        if (!a.name().equals(b.name())) {
            return here + ": libvirt has <" + a.name() + ">, jvirt <" + b.name() + ">";
        }
        if (!a.attributes().equals(b.attributes())) {
            return here + ": libvirt's attributes " + a.attributes() + ", jvirt's " + b.attributes();
        }
        if (!randomText.test(here) && !a.text().trim().equals(b.text().trim())) {
            return here + ": libvirt's text '" + a.text().trim() + "', jvirt's '" + b.text().trim() + "'";
        }
        List<XmlElement> ac = a.children();
        List<XmlElement> bc = b.children();
        for (int i = 0; i < Math.min(ac.size(), bc.size()); i++) {
            String d = difference(ac.get(i), bc.get(i), here + "/", randomText);
            if (d != null) {
                return d;
            }
        }
        if (ac.size() != bc.size()) {
            List<XmlElement> longer = ac.size() > bc.size() ? ac : bc;
            return here + ": " + (ac.size() > bc.size() ? "libvirt" : "jvirt") + " has more children, first <"
                    + longer.get(Math.min(ac.size(), bc.size())).name() + ">";
        }
        return null;
    }
}
