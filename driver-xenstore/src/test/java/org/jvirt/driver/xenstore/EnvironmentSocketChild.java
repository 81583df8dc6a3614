package org.jvirt.driver.xenstore;

import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;

/**
 * Run in a child JVM by {@link XenstoreDriverProviderTest}: opens {@code xen:///} with no socket parameter,
 * so that the provider must find xenstored through {@code $XENSTORED_PATH}, and prints the domain count.
 */
public final class EnvironmentSocketChild {
    private EnvironmentSocketChild() {
    }

    public static void main(String[] args) {
        try (Connection c = Jvirt.open("xen:///")) {
            System.out.println("domains=" + c.activeDomainCount());
        }
    }
}
