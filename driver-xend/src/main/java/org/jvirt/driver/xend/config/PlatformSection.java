package org.jvirt.driver.xend.config;

import java.util.List;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.model.DomainClock;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * What the guest's platform does: its lifecycle actions ({@code (on_poweroff)}, {@code (on_reboot)},
 * {@code (on_crash)}), the firmware features of an HVM guest ({@code (acpi 1)}, {@code (apic 1)},
 * {@code (pae 1)}, and later xend's {@code (hap 1)} and {@code (viridian 1)}, all in its image), and
 * its clock: UTC, or local time — {@code (localtime 1)} in an HVM image for xend 3.0, and at the top
 * of the domain for later xend, where a paravirtualised guest may have it too.
 */
final class PlatformSection {
    /** The features xend's HVM image takes, in libvirt's order. */
    static final List<String> FEATURES = List.of("acpi", "apic", "pae", "hap", "viridian");

    private PlatformSection() {
    }

    /** {@code <on_poweroff>}, {@code <on_reboot>}, {@code <on_crash>}, for those xend gives. */
    static void readLifecycle(SxpGuest g, XmlElement.Builder domain) {
        for (String action : List.of("on_poweroff", "on_reboot", "on_crash")) {
            g.text("domain/" + action).ifPresent(v -> domain.child(GuestSection.text(action, v)));
        }
    }

    /** An HVM guest's {@code <features>} (perhaps empty, as libvirt 0.4.4 wrote it) and {@code <clock>}. */
    static void readFeaturesAndClock(SxpGuest g, XmlElement.Builder domain) {
        if (g.hvm) {
            XmlElement.Builder features = XmlElement.builder("features");
            for (String feature : FEATURES) {
                if (g.flag("domain/image/hvm/" + feature)) {
                    features.child(XmlElement.of(feature));
                }
            }
            domain.child(features.build());
        }
        boolean local = g.hvm && g.flag("domain/image/hvm/localtime") || g.flag("domain/localtime");
        if (g.hvm || local) {
            domain.child(XmlElement.builder("clock").attribute("offset", local ? "localtime" : "utc").build());
        }
    }

    /** The lifecycle actions, and a paravirtualised guest's local time, at the top of the domain. */
    static void writeLifecycle(DefGuest w, List<Sexpr> vm) {
        DomainDefinition d = w.def;
        vm.add(Sexpr.entry("on_poweroff", d.onPoweroff()));
        vm.add(Sexpr.entry("on_reboot", d.onReboot()));
        vm.add(Sexpr.entry("on_crash", d.onCrash()));
        if (!w.hvm && localtime(w)) {
            vm.add(Sexpr.entry("localtime", "1"));
        }
    }

    /** The features of an HVM image, in libvirt's order. */
    static void writeFeatures(DefGuest w, List<Sexpr> image) {
        for (String feature : FEATURES) {
            if (w.def.hasFeature(feature)) {
                image.add(Sexpr.entry(feature, "1"));
            }
        }
    }

    /** An HVM image's {@code (localtime 1)}. */
    static void writeLocaltime(DefGuest w, List<Sexpr> image) {
        if (localtime(w)) {
            image.add(Sexpr.entry("localtime", "1"));
        }
    }

    /**
     * Refuses what xend cannot be told: a feature it does not know, a clock neither UTC nor local,
     * clock timers.
     */
    static void check(DefGuest w) {
        for (String feature : w.def.featureNames()) {
            if (!FEATURES.contains(feature)) {
                throw XendErrors.unsupported("xend has no feature '" + feature + "' (domain '" + w.name() + "')");
            }
        }
        DomainClock clock = w.def.clock();
        if (!clock.offset().equals("utc") && !clock.offset().equals("localtime") || !clock.timers().isEmpty()
                || !clock.attributes().isEmpty()) {
            throw XendErrors.unsupported("xend's clock is UTC or local time, without timers: not <clock offset='"
                    + clock.offset() + "'> as domain '" + w.name() + "' has it");
        }
    }

    private static boolean localtime(DefGuest w) {
        return w.def.clock().offset().equals("localtime");
    }
}
