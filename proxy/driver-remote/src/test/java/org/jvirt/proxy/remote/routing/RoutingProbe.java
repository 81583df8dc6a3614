package org.jvirt.proxy.remote.routing;

import java.util.stream.Collectors;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;

/**
 * A client in a process of its own (run as another user by the routing tests): opens {@code args[0]}, read-only
 * when {@code args[1]} is {@code ro}, and prints one line per fact: {@code type T}, {@code domains a,b}, and, with
 * a third argument {@code destroy}, what destroying the first domain answered ({@code error CODE message}).
 */
public final class RoutingProbe {
    private RoutingProbe() {
    }

    public static void main(String[] args) {
        try (Connection c = Jvirt.builder().uri(args[0]).readOnly(args.length > 1 && args[1].equals("ro")).open()) {
            System.out.println("type " + c.type());
            var domains = c.listAllDomains();
            System.out.println("domains " + domains.stream().map(Domain::name).sorted().collect(Collectors.joining(",")));
            if (args.length > 2 && args[2].equals("destroy") && !domains.isEmpty()) {
                try {
                    domains.get(0).destroy();
                    System.out.println("destroyed");
                } catch (VirtException e) {
                    System.out.println("error " + e.code() + " " + e.getMessage());
                }
            }
        } catch (VirtException e) {
            System.out.println("error " + e.code() + " " + e.getMessage());
        }
    }
}
