package org.jvirt.proxy.remote.uri;

import org.jvirt.api.Connection;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;

/** A client in a process of its own: opens {@code args[0]} (read-only with a second argument "ro") and prints its type. */
public final class OpenAndSay {
    private OpenAndSay() {
    }

    public static void main(String[] args) {
        try (Connection c = Jvirt.builder().uri(args[0]).readOnly(args.length > 1 && args[1].equals("ro")).open()) {
            System.out.println("type " + c.type());
        } catch (VirtException e) {
            System.out.println("error " + e.getMessage());
        }
    }
}
