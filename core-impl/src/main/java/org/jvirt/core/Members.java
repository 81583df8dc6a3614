package org.jvirt.core;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.spi.Composition;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverProvider;

/** Who may join a composed connection, and whether those it needs did. */
final class Members {
    private Members() {
    }

    /**
     * The providers of the composition's members, in its order. Providers of the scheme that are no
     * member are left out, with a warning; a required member no provider serves fails with NO_CONNECT.
     */
    static List<DriverProvider> of(Composition composition, List<DriverProvider> serving, String uri) {
        List<DriverProvider> members = new ArrayList<>();
        for (Composition.Member member : composition.members()) {
            DriverProvider provider = serving.stream().filter(p -> p.name().equals(member.driver())).findFirst()
                    .orElse(null);
            if (provider != null) {
                members.add(provider);
            } else if (member.required()) {
                throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.NONE, uri + " (the " + composition.scheme()
                        + " composition requires driver '" + member.driver() + "', which is not installed)", uri);
            }
        }
        for (DriverProvider p : serving) {
            if (!members.contains(p)) {
                System.getLogger(Jvirt.class.getName()).log(System.Logger.Level.WARNING, "driver '" + p.name()
                        + "' serves scheme " + composition.scheme() + " but is no member of its composition: not asked");
            }
        }
        return members;
    }

    /** NO_CONNECT naming the first required member that did not accept, or null when all did. */
    static VirtException missingRequired(Composition composition, List<Driver> accepted, List<String> declined,
                                         String uri) {
        for (Composition.Member member : composition.members()) {
            if (member.required() && accepted.stream().noneMatch(d -> d.name().equals(member.driver()))) {
                String why = declined.stream().filter(d -> d.startsWith(member.driver() + ": ")).findFirst()
                        .map(d -> "declined: " + d.substring(member.driver().length() + 2)).orElse("did not accept");
                return VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.NONE, uri + " (the " + composition.scheme()
                        + " composition requires driver '" + member.driver() + "', which " + why + ")", uri);
            }
        }
        return null;
    }
}
