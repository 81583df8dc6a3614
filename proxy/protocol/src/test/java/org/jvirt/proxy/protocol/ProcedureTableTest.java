package org.jvirt.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.ReadOnlyAccess;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/** The generated table against remote_protocol.x, read here with regular expressions of its own. */
class ProcedureTableTest {
    /** One procedure as the test reads it from the file. */
    record Declared(String name, int number, List<String> acl, boolean high) {
    }

    static String x;
    static Map<String, Declared> declared = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        x = Corpus.remoteProtocol();
        int start = x.indexOf("enum remote_procedure {");
        String body = x.substring(start, x.indexOf("};", start));
        Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(REMOTE_PROC_\\w+)\\s*=\\s*(\\d+)", Pattern.DOTALL).matcher(body);
        while (m.find()) {
            List<String> acl = new ArrayList<>();
            Matcher a = Pattern.compile("@acl:\\s*(\\S+)").matcher(m.group(1));
            while (a.find()) {
                acl.add(a.group(1));
            }
            declared.put(m.group(2), new Declared(m.group(2), Integer.parseInt(m.group(3)), acl,
                    m.group(1).contains("@priority: high")));
        }
        // every constant of the enum has its comment: count the constants a second, simpler way
        Matcher all = Pattern.compile("\\bREMOTE_PROC_\\w+\\s*=").matcher(body);
        int n = 0;
        while (all.find()) {
            n++;
        }
        assertThat(declared).hasSize(n);
        assertThat(n).isGreaterThan(400);
    }

    @Test
    void everyProcedureOfTheFileIsInTheTableWithItsNumber() {
        ProcedureTable t = ProcedureTable.remote();
        assertThat(t.all()).hasSize(declared.size());
        for (Declared d : declared.values()) {
            XdrProcedure p = t.byName(d.name).orElseThrow(() -> new AssertionError(d.name + " is missing"));
            assertThat(p.number()).as(d.name).isEqualTo(d.number);
            assertThat(t.byNumber(d.number)).contains(p);
            assertThat(p.acl()).as(d.name).isEqualTo(d.acl);
            assertThat(p.highPriority()).as(d.name).isEqualTo(d.high);
        }
        assertThat(t.program()).isEqualTo(0x20008086);
        assertThat(t.version()).isEqualTo(1);
    }

    @Test
    void argumentAndReplyTypesFollowLibvirtsNaming() {
        for (XdrProcedure p : ProcedureTable.remote().all()) {
            String base = "remote_" + p.constantName().substring("REMOTE_PROC_".length()).toLowerCase();
            assertThat(p.argsType().isPresent()).as(p.constantName() + " args")
                    .isEqualTo(x.contains("struct " + base + "_args {"));
            assertThat(p.retType().isPresent()).as(p.constantName() + " ret")
                    .isEqualTo(Pattern.compile("struct " + base + "_ret \\{").matcher(x).find());
            assertThat(p.argsCodec().map(c -> c.xdrName())).isEqualTo(p.argsType());
            assertThat(p.retCodec().map(c -> c.xdrName())).isEqualTo(p.retType());
            assertThat(p.messageCodec().map(c -> c.xdrName())).isEqualTo(p.messageType());
        }
    }

    @Test
    void knownNumbers() {
        Map<String, Integer> known = Map.of("CONNECT_OPEN", 1, "CONNECT_CLOSE", 2, "DOMAIN_GET_INFO", 16,
                "DOMAIN_LOOKUP_BY_NAME", 23, "CONNECT_SUPPORTS_FEATURE", 60, "AUTH_LIST", 66,
                "DOMAIN_GET_STATE", 212, "CONNECT_LIST_ALL_DOMAINS", 273, "CONNECT_REGISTER_CLOSE_CALLBACK", 360,
                "DOMAIN_GET_MESSAGES", 426);
        known.forEach((name, number) -> assertThat(ProcedureTable.remote().byName(name).map(XdrProcedure::number))
                .as(name).contains(number));
        assertThat(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_STATE.number()).isEqualTo(212);
    }

    @Test
    void readOnlyVerdicts() {
        ProcedureTable t = ProcedureTable.remote();
        assertThat(access("DOMAIN_GET_INFO")).isEqualTo(ReadOnlyAccess.ALLOWED);
        assertThat(access("CONNECT_LIST_ALL_DOMAINS")).isEqualTo(ReadOnlyAccess.ALLOWED);
        assertThat(access("DOMAIN_CREATE")).isEqualTo(ReadOnlyAccess.DENIED);
        assertThat(access("DOMAIN_DESTROY")).isEqualTo(ReadOnlyAccess.DENIED);
        assertThat(access("DOMAIN_DEFINE_XML")).isEqualTo(ReadOnlyAccess.DENIED);
        assertThat(access("SECRET_GET_VALUE")).isEqualTo(ReadOnlyAccess.DENIED);
        assertThat(access("DOMAIN_GET_HOSTNAME")).isEqualTo(ReadOnlyAccess.DENIED);
        assertThat(access("CONNECT_CLOSE")).isEqualTo(ReadOnlyAccess.ALLOWED);
        assertThat(access("DOMAIN_GET_XML_DESC")).isEqualTo(ReadOnlyAccess.CONDITIONAL);
        assertThat(t.byName("DOMAIN_GET_XML_DESC").orElseThrow().readOnlyDeniedWhen())
                .containsExactly("VIR_DOMAIN_XML_SECURE", "VIR_DOMAIN_XML_MIGRATABLE");
        // libvirt's values of the two flags: VIR_DOMAIN_XML_SECURE = 1, VIR_DOMAIN_XML_MIGRATABLE = 8
        Map<String, Long> flags = Map.of("VIR_DOMAIN_XML_SECURE", 1L, "VIR_DOMAIN_XML_MIGRATABLE", 8L);
        assertThat(t.allowedOnReadOnly(14, 0, n -> flags.getOrDefault(n, 0L))).isTrue();
        assertThat(t.allowedOnReadOnly(14, 2, n -> flags.getOrDefault(n, 0L))).isTrue();
        assertThat(t.allowedOnReadOnly(14, 1, n -> flags.getOrDefault(n, 0L))).isFalse();
        assertThat(t.allowedOnReadOnly(14, 8, n -> flags.getOrDefault(n, 0L))).isFalse();
        assertThat(t.allowedOnReadOnly(14, 0, n -> 0L)).as("unknown flags refuse").isFalse();
        assertThat(t.allowedOnReadOnly(12, 0, n -> 0L)).isFalse();
        assertThat(t.allowedOnReadOnly(16, 0, n -> 0L)).isTrue();
        assertThat(t.allowedOnReadOnly(99999, 0, n -> 0L)).isFalse();
    }

    /** Where libvirt's API decides read-only access against the procedure's ACL (seen from libvirtd itself). */
    static final Map<String, ReadOnlyAccess> API_DIFFERS_FROM_ACL = Map.of(
            "REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS", ReadOnlyAccess.DENIED,
            "REMOTE_PROC_NODE_GET_SEV_INFO", ReadOnlyAccess.DENIED,
            "REMOTE_PROC_DOMAIN_GET_LAUNCH_SECURITY_INFO", ReadOnlyAccess.DENIED,
            "REMOTE_PROC_NODE_DEVICE_GET_AUTOSTART", ReadOnlyAccess.DENIED,
            "REMOTE_PROC_DOMAIN_MIGRATE_GET_COMPRESSION_CACHE", ReadOnlyAccess.ALLOWED,
            "REMOTE_PROC_DOMAIN_MIGRATE_GET_MAX_DOWNTIME", ReadOnlyAccess.ALLOWED);

    @Test
    void theDeniedOnesAreExactlyThoseNeedingMoreThanReadUnconditionally() {
        int denied = 0;
        for (Declared d : declared.values()) {
            if (API_DIFFERS_FROM_ACL.containsKey(d.name)) {
                assertThat(access(d.name)).as(d.name).isEqualTo(API_DIFFERS_FROM_ACL.get(d.name));
                denied += access(d.name) == ReadOnlyAccess.DENIED ? 1 : 0;
                continue;
            }
            boolean needsMore = false;
            for (String acl : d.acl) {
                String[] bits = acl.split(":");
                boolean conditional = bits.length > 2;
                boolean read = acl.equals("none") || bits[1].equals("read") || bits[1].equals("getattr")
                        || bits[1].startsWith("search_");
                needsMore |= !read && !conditional;
            }
            denied += needsMore ? 1 : 0;
            assertThat(access(d.name) == ReadOnlyAccess.DENIED).as(d.name + " " + d.acl).isEqualTo(needsMore);
        }
        assertThat(ProcedureTable.remote().readOnlyCounts().get(ReadOnlyAccess.DENIED)).isEqualTo(denied);
        assertThat(ProcedureTable.remote().refusedOnReadOnly()).allMatch(p -> p.readOnlyAccess() != ReadOnlyAccess.ALLOWED);
    }

    @Test
    void whatLibvirtsClientsSendIsAllowedOnReadOnlyConnections() {
        // virsh list/dominfo and python's open/lookupByName/info (shared/PEERS.md) work read-only
        for (int n : new int[] {66, 60, 1, 360, 273, 212, 361, 2, 23, 19, 16, 151, 15, 183, 122, 121, 426}) {
            assertThat(ProcedureTable.remote().byNumber(n).orElseThrow().readOnlyAccess()).as("procedure " + n)
                    .isEqualTo(ReadOnlyAccess.ALLOWED);
        }
    }

    @Test
    void keepalive() {
        ProcedureTable k = ProcedureTable.keepalive();
        assertThat(k.program()).isEqualTo(0x6b656570);
        assertThat(k.version()).isEqualTo(1);
        assertThat(k.all()).containsExactly(KeepaliveProcedure.KEEPALIVE_PROC_PING, KeepaliveProcedure.KEEPALIVE_PROC_PONG);
        assertThat(k.byName("PING").map(XdrProcedure::number)).contains(1);
        assertThat(k.byName("PONG").map(XdrProcedure::number)).contains(2);
        assertThat(k.all()).allMatch(p -> p.argsCodec().isEmpty() && p.retCodec().isEmpty());
        assertThat(ProcedureTable.forProgram(0x6b656570, 1)).contains(k);
        assertThat(ProcedureTable.forProgram(0x20008086, 1)).contains(ProcedureTable.remote());
        assertThat(ProcedureTable.forProgram(0x20008086, 2)).isEmpty();
    }

    private static ReadOnlyAccess access(String name) {
        return ProcedureTable.remote().byName(name).orElseThrow().readOnlyAccess();
    }
}
