package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.CharDevice;
import org.jvirt.model.Unknowns;
import org.jvirt.model.xml.XmlElement;

/**
 * The parts of a character device the model keeps unparsed but the command line honours: a channel's
 * {@code <target name=>} (the virtio port's name) and {@code <target address= port=>} (a guestfwd
 * channel's forward), a socket's {@code <source><reconnect enabled= timeout=/></source>}, a file's
 * {@code <source append=>}, and {@code <log file= append=/>}. {@link HonouredElements#strip} removes them
 * ({@link #withoutHonoured}); {@link DeviceValidate} checks their values. Stateless.
 */
final class CharOptions {
    /** Where the unknowns of the first {@code <source>} are kept. */
    private static final String SOURCE = "source[1]";
    private static final Set<String> TARGET_ATTRIBUTES = Set.of("name", "address", "port");

    private CharOptions() {
    }

    /** A channel's {@code <target name=>}, or null. */
    static String targetName(CharDevice c) {
        return c.unknowns().attributesAt("target").get("name");
    }

    /** A guestfwd channel's {@code <target address=>}, or null. */
    static String guestfwdAddress(CharDevice c) {
        return c.unknowns().attributesAt("target").get("address");
    }

    /** A guestfwd channel's {@code <target port=>} (the model's target port), or null. */
    static String guestfwdPort(CharDevice c) {
        return c.targetPort() != null ? c.targetPort().toString() : c.unknowns().attributesAt("target").get("port");
    }

    /** The source's {@code <reconnect>}, or null. */
    static XmlElement reconnect(CharDevice c) {
        return first(c.unknowns().elementsAt(SOURCE), "reconnect");
    }

    /** A file source's {@code append=} ({@code on}/{@code off}), or null. */
    static String append(CharDevice c) {
        return c.unknowns().attributesAt(SOURCE).get("append");
    }

    /** The device's {@code <log>}, or null. */
    static XmlElement log(CharDevice c) {
        return first(c.unknowns().elementsAt(""), "log");
    }

    /** The {@code <log>} elements of a device (more than one is refused). */
    static List<XmlElement> logs(CharDevice c) {
        return c.unknowns().elementsAt("").stream().filter(e -> e.name().equals("log")).toList();
    }

    /** The device without the options this class reads. */
    static CharDevice withoutHonoured(CharDevice c) {
        Unknowns u = c.unknowns();
        if (u.isEmpty()) {
            return c;
        }
        Map<String, String> target = u.attributesAt("target");
        for (String a : TARGET_ATTRIBUTES) {
            if (target.containsKey(a)) {
                u = u.withoutAttribute("target", a);
            }
        }
        u = u.withoutAttribute(SOURCE, "append");
        List<XmlElement> atSource = u.elementsAt(SOURCE);
        if (atSource.stream().anyMatch(e -> e.name().equals("reconnect"))) {
            u = u.withElementsAt(SOURCE, atSource.stream().filter(e -> !e.name().equals("reconnect")).toList());
        }
        List<XmlElement> top = u.elementsAt("");
        if (top.stream().anyMatch(e -> e.name().equals("log"))) {
            u = u.withElementsAt("", top.stream().filter(e -> !e.name().equals("log")).toList());
        }
        return u == c.unknowns() ? c : c.toBuilder().unknowns(u).build();
    }

    private static XmlElement first(List<XmlElement> elements, String name) {
        for (XmlElement e : elements) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
