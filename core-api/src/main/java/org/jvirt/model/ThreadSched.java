package org.jvirt.model;

import java.util.List;
import org.jvirt.model.XmlProps.Flag;
import org.jvirt.model.xml.XmlElement;

/**
 * A thread's scheduler in {@code <cputune>} (virDomainThreadSchedParam): a policy, and a priority
 * for the real-time ones, {@code fifo} and {@code rr}; read by virDomainSchedulerParseCommonAttrs,
 * written by virDomainSchedulerFormat.
 */
record ThreadSched(String policy, int priority) {
    /** virProcessSchedPolicy, in libvirt's order; its first, {@code none}, is not accepted in XML. */
    private static final List<String> POLICIES = List.of("none", "batch", "idle", "fifo", "rr");

    /** virDomainSchedulerParseCommonAttrs: a policy, and for the real-time ones a priority. */
    static ThreadSched parse(XmlElement e) {
        String policy = POLICIES.get(XmlProps.enumIndex(e, "scheduler", POLICIES, 0, Flag.REQUIRED, Flag.NONZERO));
        int priority = 0;
        if (realTime(policy)) {
            priority = XmlProps.integer(e, "priority", Flag.REQUIRED);
        }
        return new ThreadSched(policy, priority);
    }

    private static boolean realTime(String policy) {
        return policy.equals("fifo") || policy.equals("rr");
    }

    /** virDomainSchedulerFormat; {@code idAttribute} null for the emulator. */
    XmlElement format(String element, String idAttribute, long id) {
        XmlElement.Builder b = XmlElement.builder(element);
        if (idAttribute != null) {
            b.attribute(idAttribute, Long.toUnsignedString(id));
        }
        b.attribute("scheduler", policy);
        if (realTime(policy)) {
            b.attribute("priority", Integer.toString(priority));
        }
        return b.build();
    }
}
