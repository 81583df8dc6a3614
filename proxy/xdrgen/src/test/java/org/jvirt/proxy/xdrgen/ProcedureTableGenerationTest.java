package org.jvirt.proxy.xdrgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.xdrgen.runtime.ReadOnlyAccess;
import org.jvirt.proxy.xdrgen.runtime.XdrProcedure;

class ProcedureTableGenerationTest {
    static final String XDR = """
            const P_PROGRAM = 0x20008086;
            const P_PROTOCOL_VERSION = 1;
            struct p_do_it_args { int a; };
            struct p_do_it_ret { int b; };
            struct p_some_event_msg { int c; };
            enum p_procedure {
                /**
                 * @generate: both
                 * @priority: high
                 * @acl: domain:read
                 */
                P_PROC_DO_IT = 1,
                /**
                 * @generate: none
                 * @readstream: 1
                 * @acl: domain:read
                 * @acl: domain:write
                 */
                P_PROC_SOME_EVENT = 2,
                /**
                 * @generate: client
                 * @acl: domain:read
                 * @acl: domain:read_secure:FLAG_A
                 * @acl: domain:write::source:SRC_AGENT
                 * @aclfilter: domain:getattr
                 */
                P_PROC_CONDITIONAL = 3,
                /**
                 * @acl: none
                 */
                P_PROC_FREE = 4
            };
            """;

    @Test
    void aProcedureEnumBecomesATable(@TempDir Path dir) throws Exception {
        Generated g = Generated.compile(dir, XDR);
        Object[] values = g.type("PProcedure").getEnumConstants();
        assertThat(values).hasSize(4).allMatch(v -> v instanceof XdrProcedure);
        XdrProcedure doIt = (XdrProcedure) values[0];
        XdrProcedure event = (XdrProcedure) values[1];
        XdrProcedure cond = (XdrProcedure) values[2];
        XdrProcedure free = (XdrProcedure) values[3];
        assertThat(doIt.program()).isEqualTo(0x20008086);
        assertThat(doIt.version()).isEqualTo(1);
        assertThat(doIt.number()).isEqualTo(1);
        assertThat(doIt.constantName()).isEqualTo("P_PROC_DO_IT");
        assertThat(doIt.argsType()).contains("p_do_it_args");
        assertThat(doIt.retType()).contains("p_do_it_ret");
        assertThat(doIt.messageType()).isEmpty();
        assertThat(doIt.argsCodec().orElseThrow().xdrName()).isEqualTo("p_do_it_args");
        assertThat(doIt.highPriority()).isTrue();
        assertThat(doIt.generate()).isEqualTo("both");
        assertThat(doIt.readOnlyAccess()).isEqualTo(ReadOnlyAccess.ALLOWED);

        assertThat(event.argsCodec()).isEmpty();
        assertThat(event.messageCodec().orElseThrow().xdrName()).isEqualTo("p_some_event_msg");
        assertThat(event.stream()).isEqualTo(XdrProcedure.StreamDirection.READ);
        assertThat(event.highPriority()).isFalse();
        assertThat(event.acl()).containsExactly("domain:read", "domain:write");
        assertThat(event.readOnlyAccess()).isEqualTo(ReadOnlyAccess.DENIED);

        assertThat(cond.readOnlyAccess()).isEqualTo(ReadOnlyAccess.CONDITIONAL);
        assertThat(cond.readOnlyDeniedWhen()).containsExactly("FLAG_A", "source=SRC_AGENT");
        assertThat(cond.aclFilter()).containsExactly("domain:getattr");
        assertThat(free.readOnlyAccess()).isEqualTo(ReadOnlyAccess.ALLOWED);
        assertThat(free.acl()).containsExactly("none");
    }

    @Test
    void aProcedureWithoutAclIsAnErrorAtItsPosition() {
        String xdr = "const P_PROGRAM = 1;\nconst P_PROTOCOL_VERSION = 1;\nenum p_procedure {\n  P_PROC_A = 1\n};";
        assertThatThrownBy(() -> write(xdr)).isInstanceOf(XdrgenException.class)
                .hasMessage("t.x:4:3: no @acl annotation: the read-only rule cannot be derived");
    }

    @Test
    void theProgramConstantsAreRequired() {
        assertThatThrownBy(() -> write("enum p_procedure { /** @acl: none */ P_PROC_A = 1 };"))
                .isInstanceOf(XdrgenException.class)
                .hasMessage("t.x:1:1: procedure enum p_procedure needs const P_PROGRAM in the same file");
    }

    @Test
    void proceduresKeepTheirPrefixAndNumbersStayUnique() {
        String head = "const P_PROGRAM = 1; const P_PROTOCOL_VERSION = 1;\n";
        assertThatThrownBy(() -> write(head + "enum p_procedure { /** @acl: none */ Q_PROC_A = 1 };"))
                .hasMessage("t.x:2:38: Q_PROC_A does not start with P_PROC_");
        assertThatThrownBy(() -> write(head + "enum p_procedure { /** @acl: none */ P_PROC_A = 1, /** @acl: none */ P_PROC_B = 1 };"))
                .hasMessage("t.x:2:70: P_PROC_B has the number of P_PROC_A");
        assertThatThrownBy(() -> write(head + "enum p_procedure { /** @acl: none\n @priority: urgent */ P_PROC_A = 1 };"))
                .hasMessage("t.x:3:23: @priority must be high or low, not urgent");
    }

    @Test
    void readOnlyOverridesReplaceTheAclsVerdict(@TempDir Path dir) throws Exception {
        Schema schema = Schema.resolve(Parser.parse("t.x", XDR), Map.of());
        String src = new JavaWriter(schema, "p", "r", "K", Map.of("P_PROC_DO_IT", ReadOnlyRule.Access.DENIED))
                .write().get("PProcedure");
        assertThat(src).contains("P_PROC_DO_IT(1, \"p_do_it_args\", \"p_do_it_ret\", null, true, \"domain:read\", \"\", "
                + "\"both\", StreamDirection.NONE, ReadOnlyAccess.DENIED, \"\")");
        assertThat(src).contains("read-only connections: denied (libvirt's API decides so against its ACL; set in the build)");
        assertThatThrownBy(() -> new JavaWriter(schema, "p", "r", "K", Map.of("P_PROC_FREE", ReadOnlyRule.Access.ALLOWED)).write())
                .hasMessageContaining("the read-only override of P_PROC_FREE repeats what its ACL says");
        java.nio.file.Files.writeString(dir.resolve("t.x"), XDR);
        assertThatThrownBy(() -> XdrGen.generate(dir.resolve("out"), "r", Map.of(), Map.of("P_PROC_TYPO", ReadOnlyRule.Access.DENIED),
                List.of(new XdrGen.Unit(dir.resolve("t.x"), "p", "K"))))
                .hasMessage("--read-only-override names P_PROC_TYPO, which no procedure enum has");
    }

    private static void write(String xdr) throws XdrgenException {
        new JavaWriter(Schema.resolve(Parser.parse("t.x", xdr), Map.of()), "p", "r", "K").write();
    }

    @Test
    void readOnlyRule() throws XdrgenException {
        Position at = new Position("t.x", 1, 1);
        assertThat(ReadOnlyRule.classify(List.of("none"), at).access()).isEqualTo(ReadOnlyRule.Access.ALLOWED);
        assertThat(ReadOnlyRule.classify(List.of("connect:getattr", "connect:search_domains"), at).access())
                .isEqualTo(ReadOnlyRule.Access.ALLOWED);
        assertThat(ReadOnlyRule.classify(List.of("domain:read", "domain:start"), at).access())
                .isEqualTo(ReadOnlyRule.Access.DENIED);
        assertThat(ReadOnlyRule.classify(List.of("secret:read_secure"), at).access())
                .isEqualTo(ReadOnlyRule.Access.DENIED);
        assertThat(ReadOnlyRule.classify(List.of("domain:write", "domain:save:!A|B"), at).access())
                .isEqualTo(ReadOnlyRule.Access.DENIED);
        assertThat(ReadOnlyRule.classify(List.of("domain:read", "domain:read_secure:A"), at))
                .isEqualTo(new ReadOnlyRule(ReadOnlyRule.Access.CONDITIONAL, List.of("A")));
        // a read permission stays a read whatever flag it is tied to
        assertThat(ReadOnlyRule.classify(List.of("domain:read", "domain:getattr:A"), at).access())
                .isEqualTo(ReadOnlyRule.Access.ALLOWED);
        assertThatThrownBy(() -> ReadOnlyRule.classify(List.of(), at)).isInstanceOf(XdrgenException.class);
        assertThatThrownBy(() -> ReadOnlyRule.classify(List.of("domain"), at)).hasMessageContaining("malformed @acl");
        assertThatThrownBy(() -> ReadOnlyRule.classify(List.of("domain:write::param"), at))
                .hasMessageContaining("malformed @acl");
    }
}
