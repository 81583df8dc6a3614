package org.jvirt.tck;

import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_GET_MAX_VCPUS;
import static org.jvirt.api.Operation.DOMAIN_RESTORE;
import static org.jvirt.api.Operation.DOMAIN_SAVE;
import static org.jvirt.api.Operation.NETWORK_CREATE_XML;
import static org.jvirt.api.Operation.NETWORK_DEFINE_XML;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Flag;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.Network;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.api.NetworkXmlFlag;
import org.jvirt.api.Operation;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.ShutdownFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.DomainXml;
import org.jvirt.model.NetworkXml;

/**
 * Behaviour finer than an operation: which of its flags a driver honours, as it declares them
 * ({@link org.jvirt.api.Connection#supportedFlags}). For every flag of every declared operation,
 * both directions: an honoured flag does what libvirt says it does (where the kit can observe it)
 * and at least never fails for being given; any other flag is refused with INVALID_ARG in
 * {@code virCheckFlags}' words, "unsupported flags (0x..) in function ...", and changes nothing.
 *
 * @since 1.0
 */
public abstract class FlagSuite extends TckSuite {
    /** Every flag of every operation that takes flags, named as libvirt's function and the flag. */
    static Stream<Arguments> flags() {
        return Stream.of(Operation.values()).filter(op -> op.flagType() != null && !isListing(op))
                .flatMap(op -> Stream.of(op.flagType().getEnumConstants())
                        .map(f -> Arguments.of(Named.of(op.flagsFunction(), op), Named.of(((Enum<?>) f).name(), f))));
    }

    private static boolean isListing(Operation op) {
        return op == Operation.CONNECT_LIST_ALL_DOMAINS || op == Operation.CONNECT_LIST_ALL_NETWORKS;
    }

    @DisplayName("eachFlag")
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.jvirt.tck.FlagSuite#flags")
    public void eachFlag(Operation op, Flag flag) throws Exception {
        if (!s.declares(op)) {
            notApplicable("the driver does not declare " + op.libvirtName()
                    + " (that it answers NO_SUPPORT is checked by the operations suite)");
        }
        if (honoured(op).contains(flag)) {
            s.record.flagUnderTest(op, flag);
            try {
                honoured(op, flag);
            } finally {
                s.record.flagUnderTest(null, null);
            }
            s.note("honoured, and does what libvirt says");
        } else {
            refused(op, flag);
            s.note("not honoured: refused as virCheckFlags refuses it, nothing changed");
        }
        s.contract(op);
    }

    /** A list-all honours every filter: declaring it is declaring them (DomainListFilters implements them). */
    @Test
    public void listingsHonourEveryFilter() {
        boolean any = false;
        if (s.declares(Operation.CONNECT_LIST_ALL_DOMAINS)) {
            Expect.check(s.conn().supportedFlags(Operation.CONNECT_LIST_ALL_DOMAINS, DomainListFilter.class)
                    .equals(EnumSet.allOf(DomainListFilter.class)), "virConnectListAllDomains honours every filter");
            s.contract(Operation.CONNECT_LIST_ALL_DOMAINS);
            any = true;
        }
        if (s.declares(Operation.CONNECT_LIST_ALL_NETWORKS)) {
            Expect.check(s.conn().supportedFlags(Operation.CONNECT_LIST_ALL_NETWORKS, NetworkListFilter.class)
                    .equals(EnumSet.allOf(NetworkListFilter.class)), "virConnectListAllNetworks honours every filter");
            s.contract(Operation.CONNECT_LIST_ALL_NETWORKS);
            any = true;
        }
        if (!any) {
            notApplicable("the driver lists neither domains nor networks with virConnectListAll*");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Set<? extends Flag> honoured(Operation op) {
        return s.conn().supportedFlags(op, (Class) op.flagType());
    }

    // ---- the refusing direction ---------------------------------------------------------------

    private void refused(Operation op, Flag flag) throws Exception {
        Pattern words = Pattern.compile("unsupported flags \\(0x" + Integer.toHexString(flag.bit())
                + "\\) in function \\w+");
        String purpose = "giving " + op.libvirtName() + " a flag the driver does not honour";
        switch (op) {
            case DOMAIN_CREATE_XML, DOMAIN_DEFINE_XML, DOMAIN_RESTORE, NETWORK_CREATE_XML, NETWORK_DEFINE_XML -> {
                int before = s.domainCount();
                refusedWith(op, flag, words, () -> create(op, flag, s.tempDir().resolve("tck-no-image")));
                Expect.check(s.domainCount() == before, "%s with an unhonoured flag adds no domain", op.libvirtName());
            }
            case NETWORK_GET_XML_DESC -> {
                Network n = network(purpose);
                refusedWith(op, flag, words, () -> n.xmlDesc((NetworkXmlFlag) flag));
            }
            default -> {
                Domain d = domainFor(op, flag, purpose);
                DomainState before = s.declares(Operation.DOMAIN_GET_STATE) || s.declares(Operation.DOMAIN_GET_INFO)
                        ? s.state(d) : null;
                refusedWith(op, flag, words, () -> onDomain(op, flag, d, s.tempDir().resolve(TckSession.newName())));
                if (before != null) {
                    s.assertState(d, before, null);
                }
            }
        }
    }

    private static void refusedWith(Operation op, Flag flag, Pattern words, Expect.Call call) {
        VirtException e = Expect.fails(op, ErrorCode.INVALID_ARG, "given " + ((Enum<?>) flag).name()
                + ", which the driver does not declare it honours", call);
        Expect.check(words.matcher(e.getMessage()).find(), "%s refuses an unhonoured flag in virCheckFlags' words,"
                + " '%s', got '%s'", op.libvirtName(), words.pattern(), e.getMessage());
    }

    // ---- the honouring direction --------------------------------------------------------------

    private void honoured(Operation op, Flag flag) throws Exception {
        String purpose = op.libvirtName() + " with " + ((Enum<?>) flag).name();
        switch (op) {
            case DOMAIN_CREATE_XML -> {
                Domain d = s.track(Expect.ok(op, () -> s.conn().createDomain(
                        s.domainXml(TckSession.newName(), UUID.randomUUID()), (StartFlag) flag)));
                s.assertState(d, flag == StartFlag.PAUSED ? DomainState.PAUSED : DomainState.RUNNING, null);
            }
            case DOMAIN_DEFINE_XML -> s.track(Expect.ok(op, () -> s.conn().defineDomain(
                    s.domainXml(TckSession.newName(), UUID.randomUUID()), (DefineFlag) flag)));
            case NETWORK_CREATE_XML, NETWORK_DEFINE_XML -> {
                String xml = s.networkXml(TckSession.newName(), UUID.randomUUID());
                s.track(Expect.ok(op, () -> op == NETWORK_CREATE_XML ? s.conn().createNetwork(xml, (DefineFlag) flag)
                        : s.conn().defineNetwork(xml, (DefineFlag) flag)));
            }
            case NETWORK_GET_XML_DESC -> {
                Network n = network(purpose);
                String xml = Expect.ok(op, () -> n.xmlDesc((NetworkXmlFlag) flag));
                Expect.check(NetworkXml.parse(xml).name().equals(n.name()), "%s describes the network", purpose);
            }
            case DOMAIN_RESTORE -> {
                s.require(purpose + " needs a saved image", DOMAIN_SAVE);
                Domain d = s.runningDomain();
                Path image = s.tempDir().resolve(TckSession.newName() + ".save");
                Expect.ok(DOMAIN_SAVE, () -> d.save(image));
                Expect.ok(op, () -> s.conn().restore(image, (SaveFlag) flag));
                s.assertState(d, flag == SaveFlag.PAUSED ? DomainState.PAUSED : DomainState.RUNNING, null);
            }
            default -> honouredOnDomain(op, flag, domainFor(op, flag, purpose), purpose);
        }
    }

    private void honouredOnDomain(Operation op, Flag flag, Domain d, String purpose) throws Exception {
        Path file = s.tempDir().resolve(TckSession.newName());
        switch (op) {
            case DOMAIN_GET_XML_DESC -> {
                String xml = Expect.ok(op, () -> d.xmlDesc((XmlFlag) flag));
                Expect.check(DomainXml.parse(xml).name().equals(d.name()), "%s describes the domain", purpose);
            }
            case DOMAIN_CREATE -> {
                Expect.ok(op, () -> d.start((StartFlag) flag));
                s.assertState(d, flag == StartFlag.PAUSED ? DomainState.PAUSED : DomainState.RUNNING, null);
            }
            case DOMAIN_UNDEFINE -> {
                Expect.ok(op, () -> d.undefine((UndefineFlag) flag));
                s.assertGone(d);
            }
            case DOMAIN_DESTROY -> {
                Expect.ok(op, () -> d.destroy((DestroyFlag) flag));
                s.assertState(d, DomainState.SHUTOFF, null);
            }
            case DOMAIN_SHUTDOWN -> {
                Expect.ok(op, () -> d.shutdown((ShutdownFlag) flag));
                if (s.target.guestHonoursShutdown()) {
                    Expect.check(s.awaitState(d, DomainState.SHUTOFF), "%s: the guest shuts down", purpose);
                }
            }
            case DOMAIN_REBOOT -> Expect.ok(op, () -> d.reboot((RebootFlag) flag));
            case DOMAIN_SAVE -> {
                Expect.ok(op, () -> d.save(file, (SaveFlag) flag));
                s.assertState(d, DomainState.SHUTOFF, null);
                if (s.declares(DOMAIN_RESTORE) && flag != SaveFlag.BYPASS_CACHE && flag != SaveFlag.RESET_NVRAM) {
                    Expect.ok(DOMAIN_RESTORE, () -> s.conn().restore(file));
                    s.assertState(d, flag == SaveFlag.PAUSED ? DomainState.PAUSED : DomainState.RUNNING, null);
                }
            }
            case DOMAIN_CORE_DUMP -> {
                Expect.ok(op, () -> d.coreDump(file, (CoreDumpFlag) flag));
                Expect.check(Files.exists(file), "%s writes the dump", purpose);
                s.assertState(d, flag == CoreDumpFlag.CRASH ? DomainState.SHUTOFF : DomainState.RUNNING,
                        flag == CoreDumpFlag.CRASH ? DomainStateReason.SHUTOFF_CRASHED : null);
            }
            case DOMAIN_SET_VCPUS -> {
                boolean maximum = flag == VcpuFlag.MAXIMUM;
                Expect.ok(op, () -> d.setVcpus(1, maximum ? ModificationImpact.CONFIG : ModificationImpact.LIVE,
                        (VcpuFlag) flag));
                if (maximum && s.declares(DOMAIN_GET_MAX_VCPUS)) {
                    int max = Expect.ok(DOMAIN_GET_MAX_VCPUS, d::maxVcpus);
                    Expect.check(max == 1, "%s 1 makes the most vCPUs 1, got %d", purpose, max);
                }
            }
            case DOMAIN_MEMORY_PEEK -> {
                byte[] bytes = Expect.ok(op, () -> d.memoryPeek(0, 16, (MemoryPeekFlag) flag));
                Expect.check(bytes.length == 16, "%s reads 16 bytes, got %d", purpose, bytes.length);
            }
            default -> throw new IllegalStateException("no check of " + op + " with " + flag);
        }
    }

    // ---- fixtures -----------------------------------------------------------------------------

    /** The domain an operation with {@code flag} acts on: inactive for define-side calls, else running. */
    private Domain domainFor(Operation op, Flag flag, String purpose) {
        boolean inactive = op == DOMAIN_CREATE || op == Operation.DOMAIN_UNDEFINE
                || op == Operation.DOMAIN_SET_VCPUS && flag == VcpuFlag.MAXIMUM;
        if (inactive) {
            s.require(purpose + " needs an inactive persistent domain", DOMAIN_DEFINE_XML);
            return s.definedDomain();
        }
        if (op == Operation.DOMAIN_GET_XML_DESC) {
            return s.declares(DOMAIN_DEFINE_XML) ? s.definedDomain() : s.runningDomain();
        }
        return s.runningDomain();
    }

    private Network network(String purpose) {
        if (s.declares(NETWORK_DEFINE_XML)) {
            return s.definedNetwork();
        }
        s.require(purpose + " needs a network", NETWORK_CREATE_XML);
        return s.transientNetwork();
    }

    /** The connection-level call of {@code op} with {@code flag}, which the core refuses before anything is made. */
    private void create(Operation op, Flag flag, Path image) {
        String name = TckSession.newName();
        switch (op) {
            case DOMAIN_CREATE_XML -> s.track(s.conn().createDomain(s.domainXml(name, UUID.randomUUID()), (StartFlag) flag));
            case DOMAIN_DEFINE_XML -> s.track(s.conn().defineDomain(s.domainXml(name, UUID.randomUUID()),
                    (DefineFlag) flag));
            case DOMAIN_RESTORE -> s.track(s.conn().restore(image, (SaveFlag) flag));
            case NETWORK_CREATE_XML -> s.track(s.conn().createNetwork(s.networkXml(name, UUID.randomUUID()),
                    (DefineFlag) flag));
            case NETWORK_DEFINE_XML -> s.track(s.conn().defineNetwork(s.networkXml(name, UUID.randomUUID()),
                    (DefineFlag) flag));
            default -> throw new IllegalStateException(op + " is no creation");
        }
    }

    /** The call of {@code op} on {@code d} with {@code flag}, for the refusing direction. */
    private static void onDomain(Operation op, Flag flag, Domain d, Path file) {
        switch (op) {
            case DOMAIN_GET_XML_DESC -> d.xmlDesc((XmlFlag) flag);
            case DOMAIN_CREATE -> d.start((StartFlag) flag);
            case DOMAIN_UNDEFINE -> d.undefine((UndefineFlag) flag);
            case DOMAIN_DESTROY -> d.destroy((DestroyFlag) flag);
            case DOMAIN_SHUTDOWN -> d.shutdown((ShutdownFlag) flag);
            case DOMAIN_REBOOT -> d.reboot((RebootFlag) flag);
            case DOMAIN_SAVE -> d.save(file, (SaveFlag) flag);
            case DOMAIN_CORE_DUMP -> d.coreDump(file, (CoreDumpFlag) flag);
            case DOMAIN_SET_VCPUS -> d.setVcpus(1, flag == VcpuFlag.MAXIMUM ? ModificationImpact.CONFIG
                    : ModificationImpact.LIVE, (VcpuFlag) flag);
            case DOMAIN_MEMORY_PEEK -> d.memoryPeek(0, 16, (MemoryPeekFlag) flag);
            default -> throw new IllegalStateException(op + " is no operation on a domain with flags");
        }
    }
}
