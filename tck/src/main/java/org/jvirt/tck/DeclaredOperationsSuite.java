package org.jvirt.tck;

import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.NETWORK_DEFINE_XML;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.api.Domain;
import org.jvirt.api.Network;
import org.jvirt.api.Operation;

/**
 * Both directions for every operation, exhaustively: an undeclared operation fails with NO_SUPPORT
 * naming it (the core answers, the driver is never reached); a declared one, invoked on objects
 * the kit made, answers — successfully or with a VirtException — but never with NO_SUPPORT and
 * never with another exception. The area suites check what the answers mean.
 *
 * @since 1.0
 */
public abstract class DeclaredOperationsSuite extends TckSuite {

    static Stream<Named<Operation>> operations() {
        return Stream.of(Operation.values()).map(op -> Named.of(op.libvirtName(), op));
    }

    @DisplayName("bothDirections")
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jvirt.tck.DeclaredOperationsSuite#operations")
    public void bothDirections(Operation op) {
        OperationCalls.Invocation inv = OperationCalls.of(op);
        if (!s.declares(op)) {
            Domain d = null;
            Network n = null;
            switch (inv.needs()) {
                case DOMAIN, RUNNING_DOMAIN -> d = s.handleForNoSupport(op, () -> s.anyDomainHandle(""));
                case NETWORK -> n = s.handleForNoSupport(op, () -> s.anyNetworkHandle(""));
                default -> { }
            }
            Domain dom = d;
            Network net = n;
            Expect.noSupport(op, () -> inv.call().call(s.conn(), dom, net, s));
            s.record.noSupport(op);
            return;
        }
        Domain d = null;
        Network n = null;
        String purpose = "invoking declared " + op.libvirtName() + " on an object of the kit";
        switch (inv.needs()) {
            case DOMAIN -> d = s.declares(DOMAIN_DEFINE_XML) ? s.definedDomain() : s.runningDomain();
            case RUNNING_DOMAIN -> d = s.runningDomain();
            case NETWORK -> {
                if (s.declares(NETWORK_DEFINE_XML)) {
                    n = s.definedNetwork();
                } else {
                    s.require(purpose, Operation.NETWORK_CREATE_XML);
                    n = s.transientNetwork();
                }
            }
            default -> { }
        }
        if (op == DOMAIN_CREATE && d != null) {
            s.note("started a defined domain");
        }
        Domain dom = d;
        Network net = n;
        boolean succeeded = Expect.succeedsOrFailsCleanly(op, "invoked with the kit's arguments",
                () -> inv.call().call(s.conn(), dom, net, s));
        s.record.invoked(op);
        s.note(succeeded ? "succeeded" : "failed cleanly with a VirtException (not NO_SUPPORT)");
    }
}
