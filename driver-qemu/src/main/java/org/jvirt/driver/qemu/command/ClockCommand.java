package org.jvirt.driver.qemu.command;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.DomainClock;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest clock and its {@code <timer>}s, as libvirt's qemuBuildClockCommandLine and
 * qemuValidateDomainDefClockTimers: {@code -rtc} (base, {@code clock=} from the RTC's track,
 * {@code driftfix=slew} from its catch-up policy), the PIT's lost-tick policy as a {@code kvm-pit}
 * global, {@code -no-hpet}, and the paravirtual timers as {@code -cpu} flags ({@link #cpuFlags}).
 * The {@code <catchup>} thresholds of a timer have no QEMU counterpart: libvirt reads and ignores them,
 * and so does this. Stateless.
 */
final class ClockCommand {
    /** libvirt's timer names (virDomainTimerName). */
    private static final Set<String> NAMES = Set.of("platform", "pit", "rtc", "hpet", "tsc", "kvmclock",
            "hypervclock", "armvtimer");
    private static final Set<String> TICK_POLICIES = Set.of("delay", "catchup", "merge", "discard");
    private static final Set<String> TRACKS = Set.of("boot", "guest", "wall", "realtime");
    private static final Set<String> ATTRIBUTES = Set.of("name", "present", "tickpolicy", "track", "frequency",
            "mode");
    /** The QEMU {@code -rtc clock=} of each RTC track libvirt runs (boot it refuses). */
    private static final Map<String, String> RTC_CLOCKS = Map.of("guest", "vm", "wall", "host", "realtime", "rt");

    private ClockCommand() {
    }

    /**
     * Refuses what libvirt refuses of a definition's clock: offsets and their attributes, then each
     * timer (unknown names and values are invalid; the platform timer, an RTC tracking boot time or
     * merging/discarding ticks, a merging PIT, an HPET where QEMU has none, x86 timers on other guests
     * and Arm's virtual timer outside KVM are unsupported).
     */
    static void validate(Guest g) {
        String name = g.name();
        DomainClock c = g.def().clock();
        offset(name, c);
        for (XmlElement t : c.timers()) {
            timer(g, t);
        }
    }

    private static void offset(String name, DomainClock c) {
        Map<String, String> a = c.attributes();
        switch (c.offset()) {
            case "utc" -> onlyAttributes(name, a, Set.of(), "clock offset 'utc'");
            case "localtime" -> onlyAttributes(name, a, Set.of(), "clock offset 'localtime'");
            case "timezone" -> {
                onlyAttributes(name, a, Set.of("timezone"), "clock offset 'timezone'");
                String tz = a.get("timezone");
                if (tz == null || !tz.matches("[A-Za-z0-9_+/-]+")) {
                    throw Unsupported.invalid(name, "clock offset 'timezone' needs a valid timezone attribute");
                }
            }
            case "variable" -> {
                onlyAttributes(name, a, Set.of("adjustment", "basis"), "clock offset 'variable'");
                try {
                    Long.parseLong(a.getOrDefault("adjustment", "0"));
                } catch (NumberFormatException e) {
                    throw Unsupported.invalid(name, "invalid clock adjustment '" + a.get("adjustment") + "'");
                }
                String basis = a.getOrDefault("basis", "utc");
                if (!basis.equals("utc") && !basis.equals("localtime")) {
                    throw Unsupported.config(name, "clock basis '" + basis + "' is not supported");
                }
            }
            default -> throw Unsupported.config(name, "clock offset '" + c.offset() + "' is not supported");
        }
    }

    private static void onlyAttributes(String name, Map<String, String> a, Set<String> allowed, String what) {
        for (String k : a.keySet()) {
            if (!allowed.contains(k)) {
                throw Unsupported.config(name, "attribute '" + k + "' of " + what + " is not supported");
            }
        }
    }

    private static void timer(Guest g, XmlElement t) {
        String name = g.name();
        String timer = t.attribute("name");
        if (!t.name().equals("timer") || timer == null || !NAMES.contains(timer)) {
            throw Unsupported.invalid(name, "unknown timer name '" + timer + "'");
        }
        for (String k : t.attributes().keySet()) {
            if (!ATTRIBUTES.contains(k)) {
                throw Unsupported.config(name, "attribute '" + k + "' of timer '" + timer + "' is not supported");
            }
        }
        for (XmlElement child : t.children()) {
            if (!child.name().equals("catchup")) {
                throw Unsupported.config(name, "<" + child.name() + "> of timer '" + timer + "' is not supported");
            }
        }
        String present = t.attribute("present");
        if (present != null && !present.equals("yes") && !present.equals("no")) {
            throw Unsupported.invalid(name, "unknown timer present value '" + present + "'");
        }
        String policy = t.attribute("tickpolicy");
        if (policy != null && !TICK_POLICIES.contains(policy)) {
            throw Unsupported.invalid(name, "unknown timer tickpolicy '" + policy + "'");
        }
        String track = t.attribute("track");
        if (track != null && !TRACKS.contains(track)) {
            throw Unsupported.invalid(name, "unknown timer track '" + track + "'");
        }
        String frequency = t.attribute("frequency");
        if (frequency != null && !frequency.matches("[0-9]{1,19}")) {
            throw Unsupported.invalid(name, "invalid timer frequency '" + frequency + "'");
        }
        switch (timer) {
            case "platform" -> throw Unsupported.config(name, "unsupported timer type (name) 'platform'");
            case "tsc", "kvmclock", "hypervclock" -> {
                if (!g.x86() && "yes".equals(present)) {
                    throw Unsupported.config(name, "Configuring the '" + timer + "' timer is not supported for virtType="
                            + g.def().type() + " arch=" + g.arch() + " machine=" + g.machine() + " guests");
                }
            }
            case "rtc" -> {
                if ("boot".equals(track)) {
                    throw Unsupported.config(name, "unsupported rtc timer track 'boot'");
                }
                if ("merge".equals(policy) || "discard".equals(policy)) {
                    throw Unsupported.config(name, "unsupported rtc timer tickpolicy '" + policy + "'");
                }
            }
            case "pit" -> {
                // Catching up needs QEMU's kvm-pit, which only the x86 emulators have.
                if ("merge".equals(policy) || "catchup".equals(policy) && !g.x86()) {
                    throw Unsupported.config(name, "unsupported pit tickpolicy '" + policy + "'");
                }
            }
            case "hpet" -> {
                if (!g.x86() && "yes".equals(present)) {
                    throw Unsupported.config(name, "hpet timer is not supported");
                }
            }
            default -> {
                // armvtimer: libvirt configures it for KVM guests of Arm's virt board only.
                throw Unsupported.config(name, "Configuring the 'armvtimer' timer is not supported for virtType="
                        + g.def().type() + " arch=" + g.arch() + " machine=" + g.machine() + " guests");
            }
        }
    }

    /**
     * {@code -rtc} and the timers' own options, in libvirt's order; the {@code TZ} of a
     * {@code timezone} clock goes to QEMU's environment.
     *
     * @param clock where a {@code variable} clock reads the time (in its zone for basis {@code localtime})
     */
    static void add(Guest g, CommandLine out, Clock clock) {
        DomainClock c = g.def().clock();
        out.arg("-rtc", rtc(c, clock));
        if (c.offset().equals("timezone")) {
            // QEMU's localtime is the zone of its TZ.
            out.env.put("TZ", c.attributes().get("timezone"));
        }
        for (XmlElement t : c.timers()) {
            String policy = t.attribute("tickpolicy");
            switch (t.attribute("name")) {
                case "pit" -> {
                    // No policy is QEMU's delay; libvirt says so to the in-kernel PIT, which a TCG guest
                    // does not have: QEMU applies a global to no device, harmlessly.
                    if (g.x86() && (policy == null || policy.equals("delay") || policy.equals("discard"))) {
                        out.arg("-global", "kvm-pit.lost_tick_policy=" + (policy == null ? "delay" : policy));
                    }
                }
                case "hpet" -> {
                    // QEMU 7.2 has no machine property hpet yet: libvirt 9 writes the old option.
                    if (g.x86() && "no".equals(t.attribute("present"))) {
                        out.arg("-no-hpet");
                    }
                }
                default -> {
                    // the RTC is -rtc's; the paravirtual timers are -cpu flags
                }
            }
        }
    }

    private static String rtc(DomainClock c, Clock clock) {
        Map<String, String> a = c.attributes();
        StringBuilder s = new StringBuilder("base=");
        switch (c.offset()) {
            case "utc" -> s.append("utc");
            case "localtime", "timezone" -> s.append("localtime");
            case "variable" -> {
                long adjustment = Long.parseLong(a.getOrDefault("adjustment", "0"));
                LocalDateTime base = a.getOrDefault("basis", "utc").equals("utc")
                        ? LocalDateTime.ofInstant(clock.instant().plusSeconds(adjustment), ZoneOffset.UTC)
                        : LocalDateTime.now(clock).plusSeconds(adjustment);
                s.append(base.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
            }
            default -> throw new IllegalStateException("clock offset was not validated");
        }
        for (XmlElement t : c.timers()) {
            if (t.attribute("name").equals("rtc")) {
                String track = t.attribute("track");
                if (track != null) {
                    s.append(",clock=").append(RTC_CLOCKS.get(track));
                }
                if ("catchup".equals(t.attribute("tickpolicy"))) {
                    s.append(",driftfix=slew");
                }
                break; // one RTC
            }
        }
        return s.toString();
    }

    /**
     * The {@code -cpu} flags of the paravirtual timers, in document order: {@code kvmclock=on|off} when
     * its presence is said on x86 (QEMU's other CPUs have no such property: libvirt's flag would fail them), {@code hv-time=on} for a present Hyper-V clock, {@code tsc-frequency=} for a
     * TSC of a given frequency.
     */
    static List<String> cpuFlags(Guest g) {
        List<String> flags = new ArrayList<>();
        for (XmlElement t : g.def().clock().timers()) {
            String present = t.attribute("present");
            switch (t.attribute("name")) {
                case "kvmclock" -> {
                    // Only x86 CPUs have the property; on others kvmclock is never there to turn off.
                    if (present != null && g.x86()) {
                        flags.add("kvmclock=" + (present.equals("yes") ? "on" : "off"));
                    }
                }
                case "hypervclock" -> {
                    if ("yes".equals(present)) {
                        flags.add("hv-time=on");
                    }
                }
                case "tsc" -> {
                    String frequency = t.attribute("frequency");
                    if (frequency != null && Long.parseLong(frequency) > 0) {
                        flags.add("tsc-frequency=" + frequency);
                    }
                }
                default -> {
                    // not a -cpu matter
                }
            }
        }
        return flags;
    }
}
