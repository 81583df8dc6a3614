package org.jvirt.tck;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;

/**
 * What the conformance kit needs to know about the driver under test: how to open a connection to
 * a node in its initial state, and XML documents the driver accepts. What the driver <em>can do</em>
 * is not configured here: the kit reads it from {@link Connection#supports}.
 *
 * <p>Build one with {@link #forUri(String)} (drivers found on the class path) or
 * {@link #builder(Opener)} (any way of opening, e.g. with an explicit provider registry). Only
 * {@link Builder#domainXml(String)} is required besides the opener. Immutable and thread-safe.
 *
 * <h2>Placeholders</h2>
 * Templates are plain strings; the kit replaces {@code {name}} and {@code {uuid}} (domains and
 * networks), {@code {bridge}} and {@code {subnet}} (networks: a bridge name of at most 15
 * characters and a third IPv4 octet, unique per network the kit makes) and {@code {image}}
 * (devices: the absolute path of a small raw image file the kit wrote, whose bytes it knows).
 *
 * @since 1.0
 */
public final class TckTarget {

    /**
     * Opens connections to the node under test. Called by the kit's test threads, possibly
     * concurrently; every connection it returns is closed by the kit.
     */
    @FunctionalInterface
    public interface Opener {
        /**
         * Opens a connection to a node in its initial state: the kit may create and destroy
         * domains and networks on it (all named {@code tck-...}, removed again at the end of each
         * test). A driver whose nodes are shared between connections (as {@code test:///default},
         * or a real host) returns a connection to the shared node; one with a node per connection
         * (as {@code test:///path/node.xml}) returns a fresh one each time.
         *
         * @param readOnly whether the connection must be read-only (libvirt's {@code virConnectOpenReadOnly})
         */
        Connection open(boolean readOnly);
    }

    /**
     * The definition of {@link Builder#fullDomainXml}, else of {@link Builder#domainXml}, for
     * {@code name} and {@code uuid}.
     */
    public String fullDomainXml(String name, UUID uuid) {
        return fullDomainXml.replace("{name}", name).replace("{uuid}", uuid.toString());
    }

    /** A domain definition that every driver of libvirt's {@code test} type accepts. */
    public static final String TEST_DOMAIN_XML = """
            <domain type='test'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory unit='KiB'>131072</memory>
              <currentMemory unit='KiB'>131072</currentMemory>
              <vcpu>2</vcpu>
              <os><type arch='i686'>hvm</type></os>
            </domain>
            """;

    /**
     * A paravirtualised Xen guest (kernel and initrd, 128 MiB, two vCPUs, an interface on {@code xenbr0}), as
     * every Xen toolstack jvirt speaks to (xend, xm, the composed {@code xen:///}) defines it.
     */
    public static final String XEN_PV_DOMAIN_XML = """
            <domain type='xen'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory>131072</memory>
              <currentMemory>131072</currentMemory>
              <vcpu>2</vcpu>
              <os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel><initrd>/boot/initrd-xen</initrd></os>
              <devices>
                <interface type='bridge'><source bridge='xenbr0'/><mac address='00:16:3e:5d:c7:9e'/></interface>
              </devices>
            </domain>
            """;

    /** The default network template: a bridge and an IPv4 subnet, nothing else. */
    public static final String DEFAULT_NETWORK_XML = """
            <network>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <bridge name='{bridge}'/>
              <ip address='10.213.{subnet}.1' netmask='255.255.255.0'/>
            </network>
            """;

    /** The default device: a raw file-backed virtio disk, matched for detach by its target. */
    public static final String DEFAULT_DISK_XML = """
            <disk type='file' device='disk'>
              <driver name='qemu' type='raw'/>
              <source file='{image}'/>
              <target dev='vdt' bus='virtio'/>
            </disk>
            """;

    private final Opener opener;
    private final String description;
    private final String domainXml;
    private final String fullDomainXml;
    private final String networkXml;
    private final String diskXml;
    private final boolean guestHonoursShutdown;
    private final Duration stateChangeTimeout;
    private final Duration eventTimeout;
    private final Duration eventSettleTime;
    private final int concurrencyThreads;
    private final int concurrencyCycles;
    private final Duration concurrencyTimeout;
    private final boolean throughDaemon;

    private TckTarget(Builder b) {
        this.opener = b.opener;
        this.description = b.description;
        this.domainXml = Objects.requireNonNull(b.domainXml, "domainXml is required");
        this.fullDomainXml = b.fullDomainXml == null ? b.domainXml : b.fullDomainXml;
        this.networkXml = b.networkXml;
        this.diskXml = b.diskXml;
        this.guestHonoursShutdown = b.guestHonoursShutdown;
        this.stateChangeTimeout = b.stateChangeTimeout;
        this.eventTimeout = b.eventTimeout;
        this.eventSettleTime = b.eventSettleTime;
        this.concurrencyThreads = b.concurrencyThreads;
        this.concurrencyCycles = b.concurrencyCycles;
        this.concurrencyTimeout = b.concurrencyTimeout;
        this.throughDaemon = b.throughDaemon;
    }

    /** A target opening {@code uri} with the drivers jvirt discovers on the class path. */
    public static Builder forUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        return new Builder(readOnly -> Jvirt.builder().uri(uri).readOnly(readOnly).open()).description(uri);
    }

    /** A target opening connections with {@code opener}. */
    public static Builder builder(Opener opener) {
        return new Builder(Objects.requireNonNull(opener, "opener"));
    }

    /** Opens a connection; see {@link Opener#open}. */
    public Connection open(boolean readOnly) {
        return Objects.requireNonNull(opener.open(readOnly), "the target's opener returned null");
    }

    /** How the report names the target, e.g. its URI. */
    public String description() {
        return description;
    }

    /** The domain template with its placeholders filled in. */
    public String domainXml(String name, UUID uuid) {
        return domainXml.replace("{name}", name).replace("{uuid}", uuid.toString());
    }

    /** The network template with its placeholders filled in. */
    public String networkXml(String name, UUID uuid, String bridge, int subnet) {
        return networkXml.replace("{name}", name).replace("{uuid}", uuid.toString()).replace("{bridge}", bridge)
                .replace("{subnet}", Integer.toString(subnet));
    }

    /** The disk the devices suite attaches, backed by {@code image}. */
    public String diskXml(String image) {
        return diskXml.replace("{image}", image);
    }

    /** Whether a guest stops (or restarts) when asked to shut down (or reboot). */
    public boolean guestHonoursShutdown() {
        return guestHonoursShutdown;
    }

    /** How long an asynchronous state change (shutdown, reboot) may take. */
    public Duration stateChangeTimeout() {
        return stateChangeTimeout;
    }

    /** How long an expected event may take to arrive. */
    public Duration eventTimeout() {
        return eventTimeout;
    }

    /** How long the kit waits after the expected events for unexpected (duplicate) ones. */
    public Duration eventSettleTime() {
        return eventSettleTime;
    }

    /** Threads of the concurrency suite. */
    public int concurrencyThreads() {
        return concurrencyThreads;
    }

    /** Lifecycle cycles each thread of the concurrency suite runs. */
    public int concurrencyCycles() {
        return concurrencyCycles;
    }

    /** How long the concurrency suite's work may take before the kit reports a deadlock. */
    public Duration concurrencyTimeout() {
        return concurrencyTimeout;
    }

    /**
     * Whether the driver under test reaches its node through a libvirt daemon ({@link Builder#throughDaemon()}).
     *
     * @since 1.1
     */
    public boolean throughDaemon() {
        return throughDaemon;
    }

    /** Options of a {@link TckTarget}. Not thread-safe; build and discard. */
    public static final class Builder {
        private final Opener opener;
        private String description = "(unnamed target)";
        private String domainXml;
        private String fullDomainXml;
        private String networkXml = DEFAULT_NETWORK_XML;
        private String diskXml = DEFAULT_DISK_XML;
        private boolean guestHonoursShutdown = true;
        private Duration stateChangeTimeout = Duration.ofSeconds(30);
        private Duration eventTimeout = Duration.ofSeconds(10);
        private Duration eventSettleTime = Duration.ofMillis(100);
        private int concurrencyThreads = 8;
        private int concurrencyCycles = 10;
        private Duration concurrencyTimeout = Duration.ofSeconds(60);
        private boolean throughDaemon;

        private Builder(Opener opener) {
            this.opener = opener;
        }

        /** How the report names the target (default: the URI given to {@link #forUri}). */
        public Builder description(String value) {
            this.description = Objects.requireNonNull(value, "description");
            return this;
        }

        /**
         * Required: a domain definition the driver can define, create and start, containing
         * {@code {name}} and {@code {uuid}}, with at least 64 MiB of memory. See {@link #TEST_DOMAIN_XML}.
         */
        public Builder domainXml(String template) {
            this.domainXml = requirePlaceholders(template, "{name}", "{uuid}");
            return this;
        }

        /**
         * A fuller definition the driver can define (default: {@link #domainXml}), with {@code {name}}
         * and {@code {uuid}}: the devices the driver's post-parse rules complete (disks on controller
         * buses, a serial console, graphics...), so that the kit can check that defining the
         * description again changes nothing.
         */
        public Builder fullDomainXml(String template) {
            this.fullDomainXml = requirePlaceholders(template, "{name}", "{uuid}");
            return this;
        }

        /** A network definition with {@code {name}}, {@code {uuid}}, {@code {bridge}}, {@code {subnet}} (default: {@link #DEFAULT_NETWORK_XML}). */
        public Builder networkXml(String template) {
            this.networkXml = requirePlaceholders(template, "{name}", "{uuid}");
            return this;
        }

        /** A {@code <disk>} with {@code {image}} as its source (default: {@link #DEFAULT_DISK_XML}). */
        public Builder diskXml(String template) {
            this.diskXml = requirePlaceholders(template, "{image}");
            return this;
        }

        /**
         * Whether guests of {@link #domainXml} obey shutdown and reboot requests (default true). When
         * false, the kit checks only that the requests are accepted, and the report says so.
         */
        public Builder guestHonoursShutdown(boolean value) {
            this.guestHonoursShutdown = value;
            return this;
        }

        /** How long shutdown and reboot may take (default 30 s). */
        public Builder stateChangeTimeout(Duration value) {
            this.stateChangeTimeout = positive(value, "stateChangeTimeout");
            return this;
        }

        /** How long an expected event may take to arrive (default 10 s). */
        public Builder eventTimeout(Duration value) {
            this.eventTimeout = positive(value, "eventTimeout");
            return this;
        }

        /** How long to watch for duplicate events once the expected ones arrived (default 100 ms). */
        public Builder eventSettleTime(Duration value) {
            this.eventSettleTime = Objects.requireNonNull(value, "eventSettleTime");
            return this;
        }

        /** Size of the concurrency suite: threads, and lifecycle cycles per thread (default 8 × 10). */
        public Builder concurrency(int threads, int cyclesPerThread) {
            if (threads < 2 || cyclesPerThread < 1) {
                throw new IllegalArgumentException("need at least 2 threads and 1 cycle");
            }
            this.concurrencyThreads = threads;
            this.concurrencyCycles = cyclesPerThread;
            return this;
        }

        /** How long the concurrency suite may take before a deadlock is reported (default 60 s). */
        public Builder concurrencyTimeout(Duration value) {
            this.concurrencyTimeout = positive(value, "concurrencyTimeout");
            return this;
        }

        /**
         * Says the driver under test serves its node through a libvirt daemon (libvirtd or jvirtd), as jvirt's
         * remote driver does: it declares every operation and every flag, and the daemon's own driver decides
         * what it serves. Then a declared operation that the daemon answers with NO_SUPPORT is reported as
         * skipped — never passed — with a reason naming the API ("the daemon's driver does not support
         * virDomainBlockPeek"); so is, in the flags suite, a declared flag that the daemon refuses in
         * {@code virCheckFlags}' words, the reason naming the flag and the API. The report lists such operations
         * as the daemon's driver lacking them. Everything else is checked exactly as for any driver (off by
         * default).
         *
         * @since 1.1
         */
        public Builder throughDaemon() {
            this.throughDaemon = true;
            return this;
        }

        /** @throws NullPointerException when no domain template was given */
        public TckTarget build() {
            return new TckTarget(this);
        }

        private static String requirePlaceholders(String template, String... placeholders) {
            Objects.requireNonNull(template, "template");
            for (String p : placeholders) {
                if (!template.contains(p)) {
                    throw new IllegalArgumentException("template lacks the placeholder " + p + ": " + template);
                }
            }
            return template;
        }

        private static Duration positive(Duration value, String what) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return value;
        }
    }
}
