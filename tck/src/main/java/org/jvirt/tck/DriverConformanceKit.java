package org.jvirt.tck;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * jvirt's driver conformance kit: extend this class once in a driver's test sources, say how to
 * reach a node of the driver, and JUnit runs every suite against it.
 *
 * <pre>{@code
 * class MyDriverConformanceTest extends DriverConformanceKit {
 *     @Override
 *     protected TckTarget target() {
 *         return TckTarget.forUri("mydriver:///system")
 *                 .domainXml("<domain type='kvm'><name>{name}</name><uuid>{uuid}</uuid>...</domain>")
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <h2>What is checked</h2>
 * The kit never asks what the driver can do: it reads {@link org.jvirt.api.Connection#supports}
 * and checks both directions for every {@link org.jvirt.api.Operation}. A declared operation must
 * behave as libvirt specifies it (state transitions, error codes, events, XML round trip) and
 * must never answer NO_SUPPORT; an undeclared one must fail with NO_SUPPORT naming it. Where
 * libvirt's own drivers disagree (for example which error a wrong-state call raises), each of
 * their answers is accepted, and the state must be unchanged. Message texts are never compared.
 *
 * <h2>Suites</h2>
 * Connection and node, domain lookup, domain lifecycle, memory and vCPUs, save / restore / core
 * dump, devices, XML round trip, networks, events, read-only connections, concurrency, every flag
 * in both directions, and every operation in both directions — each a nested class below.
 *
 * <h2>Nothing is silently skipped</h2>
 * A test whose operations are undeclared checks NO_SUPPORT and says so; a test that needs an
 * operation the driver lacks (a domain to suspend needs a way to create one) is skipped as "not
 * applicable" with the reason — JUnit counts it skipped, never passed. When the kit finishes, it
 * writes a report — which suites ran,
 * which were not applicable and why, each test's outcome and what it checked, and for every
 * operation whether it is declared, which tests checked it and which broke its contract — to
 * {@code target/tck-report-<YourClass>.txt} (directory: system property {@code jvirt.tck.reportDir}),
 * and prints its suites, failed and not-applicable tests and summary (unless system property
 * {@code jvirt.tck.printReport} is {@code false}).
 *
 * <h2>Overriding a test</h2>
 * Every suite is a public class with public test methods, as Trino's {@code BaseConnectorTest}.
 * To override one test, nest a replacement of its suite in your kit class — a class extending the
 * kit's nested class — and override the test there, with JUnit's annotation and the reason beside
 * it; the kit then leaves its own copy of that suite out, saying it was replaced:
 *
 * <pre>{@code
 * class AcmeConformanceTest extends DriverConformanceKit {
 *     protected TckTarget target() { ... }
 *
 *     @Nested
 *     class LifecycleOfAcme extends DriverConformanceKit.DomainLifecycle {
 *         @Test
 *         @Override
 *         public void rebootRestartsTheGuest() {
 *             notApplicable("acme guests ignore the ACPI reboot request (ACME-123)");
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>Flags</h2>
 * Which flags of an operation a driver honours is declared in the SPI and read through
 * {@link org.jvirt.api.Connection#supportedFlags}; the flags suite checks both directions for every
 * flag of every declared operation: an honoured flag does what libvirt says, any other is refused
 * with INVALID_ARG in {@code virCheckFlags}' words and changes nothing.
 *
 * <h2>Threads, state and failures</h2>
 * Tests run one at a time, even where JUnit runs others in parallel (the concurrency suite starts
 * its own threads); each opens its own connections through {@link #target()}, makes its own
 * domains and networks (named {@code tck-...}) and removes them afterwards as far as the driver
 * allows. Any test taking more than 5 minutes fails. A failure message names the operation and
 * the libvirt rule it broke.
 *
 * @since 1.0
 */
@ExtendWith(TckReporter.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.SAME_THREAD)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class DriverConformanceKit {

    /** Runs the kit (JUnit instantiates subclasses). */
    protected DriverConformanceKit() {
    }

    /**
     * How to reach the driver under test. Called once per test, on the test's thread; may return
     * a new target each time (e.g. one per fresh node file) or the same one.
     */
    protected abstract TckTarget target();

    /** Identity, host facts, capabilities, free memory, security model, closing, stable declarations. */
    @Nested
    @Order(1)
    @DisplayName("Connection and node")
    public class ConnectionAndNode extends ConnectionSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Lookups by name, UUID and id; counts, lists and list-all filters; status reads. */
    @Nested
    @Order(2)
    @DisplayName("Domain lookup")
    public class DomainLookup extends DomainLookupSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Define, create, start, suspend, resume, shutdown, reboot, destroy, undefine, autostart. */
    @Nested
    @Order(3)
    @DisplayName("Domain lifecycle")
    public class DomainLifecycle extends DomainLifecycleSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Memory, maximum memory, vCPUs, pinning and scheduler parameters. */
    @Nested
    @Order(4)
    @DisplayName("Memory and vCPUs")
    public class MemoryAndVcpus extends MemoryAndVcpuSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Save, restore and core dump. */
    @Nested
    @Order(5)
    @DisplayName("Save, restore and core dump")
    public class SaveRestoreCoreDump extends SaveRestoreSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Attach and detach, block and interface statistics, block and memory peeking. */
    @Nested
    @Order(6)
    @DisplayName("Devices")
    public class Devices extends DeviceSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** The domain XML description round trip. */
    @Nested
    @Order(7)
    @DisplayName("XML round trip")
    public class XmlRoundTrip extends XmlRoundTripSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Virtual networks. */
    @Nested
    @Order(8)
    @DisplayName("Networks")
    public class Networks extends NetworkSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Lifecycle events. */
    @Nested
    @Order(9)
    @DisplayName("Events")
    public class Events extends EventSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Read-only connections. */
    @Nested
    @Order(10)
    @DisplayName("Read-only connections")
    public class ReadOnly extends ReadOnlySuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Many threads on one connection. */
    @Nested
    @Order(11)
    @DisplayName("Concurrency")
    public class Concurrency extends ConcurrencySuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Every flag of every declared operation, both directions. */
    @Nested
    @Order(12)
    @DisplayName("Flags")
    public class Flags extends FlagSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }

    /** Every operation, both directions. */
    @Nested
    @Order(13)
    @DisplayName("Declared operations")
    public class DeclaredOperations extends DeclaredOperationsSuite {
        @Override
        protected TckTarget target() {
            return DriverConformanceKit.this.target();
        }
    }
}
