package org.jvirt.proxy.xdrgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static Spec parse(String src) throws XdrgenException {
        return Parser.parse("t.x", src);
    }

    private static Schema resolve(String src) throws XdrgenException {
        return Schema.resolve(parse(src), Map.of("EXTERNAL", 16L));
    }

    @Test
    void readsEveryConstruct() throws XdrgenException {
        Spec s = parse("""
                %#include "x.h"
                /* a comment */
                const MAX = 0x10;
                const OCT = 010;
                const NEG = -3;
                typedef string name<MAX>;
                typedef name *optname;
                typedef opaque uuid[EXTERNAL];
                enum color { RED = 1, GREEN = 2, };
                struct s {
                    unsigned hyper a;
                    hyper b;
                    unsigned c;
                    unsigned int d;
                    bool e;
                    float f;
                    double g;
                    char h[4];
                    unsigned char i;
                    opaque j<>;
                    opaque k<MAX>;
                    string l<>;
                    int m<3>;
                    s *next;
                    struct s *other;
                };
                union u switch (color c) {
                 case RED: int r;
                 case GREEN: case 7: void;
                 default: hyper x;
                };
                """);
        assertThat(s.passThrough()).containsExactly("#include \"x.h\"");
        assertThat(s.definitions()).extracting(Definition::name)
                .containsExactly("MAX", "OCT", "NEG", "name", "optname", "uuid", "color", "s", "u");
        assertThat(((Definition.Const) s.definitions().get(0)).value().literal()).isEqualTo(16L);
        assertThat(((Definition.Const) s.definitions().get(1)).value().literal()).isEqualTo(8L);
        assertThat(((Definition.Const) s.definitions().get(2)).value().literal()).isEqualTo(-3L);
        assertThat(((Definition.Const) s.definitions().get(0)).comment()).isEqualTo(" a comment ");
        Definition.Struct st = (Definition.Struct) s.definitions().get(7);
        assertThat(st.members()).extracting(Declaration::toString).containsExactly(
                "unsigned hyper a", "hyper b", "unsigned int c", "unsigned int d", "bool e", "float f",
                "double g", "char h[4]", "unsigned char i", "opaque j<>", "opaque k<MAX>", "string l<>",
                "int m<3>", "s *next", "s *other");
        Definition.Union u = (Definition.Union) s.definitions().get(8);
        assertThat(u.discriminant().toString()).isEqualTo("color c");
        assertThat(u.arms()).hasSize(2);
        assertThat(u.arms().get(1).cases()).extracting(Value::toString).containsExactly("GREEN", "7");
        assertThat(u.arms().get(1).declaration().shape()).isEqualTo(Declaration.Shape.VOID);
        assertThat(u.defaultArm().toString()).isEqualTo("hyper x");
        assertThat(u.arms().get(0).declaration().position()).isEqualTo(new Position("t.x", 28, 12));
    }

    @Test
    void keepsTheCommentBeforeEachEnumMember() throws XdrgenException {
        Spec s = parse("enum p {\n /** @acl: none */\n P_PROC_A = 1,\n /* other */ P_PROC_B = 2 };");
        Definition.Enum e = (Definition.Enum) s.definitions().get(0);
        assertThat(e.members()).extracting(Definition.Enum.Member::comment).containsExactly("* @acl: none ", " other ");
    }

    @Test
    void resolvesConstantsAcrossTheFileAndGivenDefinitions() throws XdrgenException {
        Schema s = resolve("const A = B; const B = EXTERNAL; enum e { X = A, Y = 2 }; typedef int v<Y>;");
        assertThat(s.constants()).containsEntry("A", 16L).containsEntry("B", 16L).containsEntry("X", 16L);
        assertThat(s.usedDefines()).containsOnlyKeys("EXTERNAL");
    }

    @Test
    void syntaxErrorsNameFileLineAndColumn() {
        assertError("struct s {\n  int a\n};", "t.x:3:1: expected ';', found '}'");
        assertError("const A = 1;\nconst B = $;", "t.x:2:11: unexpected character '$'");
        assertError("typedef string s;", "t.x:1:17: string needs a maximum length");
        assertError("typedef opaque o;", "t.x:1:17: opaque needs a length");
        assertError("struct s { quadruple q; };", "t.x:1:12: quadruple is not supported");
        assertError("struct s { struct { int a; } in; };", "t.x:1:12: inline struct types are not supported");
        assertError("program P { version V { void F(void) = 1; } = 1; } = 5;", "t.x:1:1: program definitions are not supported");
        assertError("#define X 1", "t.x:1:1: C preprocessor directives are not supported");
        assertError("/* open", "t.x:1:1: comment is not closed");
        assertError("const A = 0x100000000;", "t.x:1:11: number 0x100000000 does not fit in 32 bits");
        assertError("const A = 09;", "t.x:1:11: malformed number 09");
        assertError("struct s { int int; };", "t.x:1:16: expected declared name, found 'int'");
        assertError("union u switch (int d) { default: void; };", "t.x:1:26: expected 'case', found 'default'");
        assertError("struct s { void; };", "t.x:1:12: a struct member cannot be void");
        assertError("struct s {\n int a;", "t.x:2:8: expected a type, found end of file");
    }

    @Test
    void resolutionErrorsNameThePlaceOfTheUse() {
        assertResolveError("struct s { nosuch a; };", "t.x:1:12: unknown type nosuch");
        assertResolveError("typedef int a<NOPE>;", "t.x:1:15: unknown constant NOPE");
        assertResolveError("const A = NOPE;", "t.x:1:11: unknown constant NOPE (give its value to the generator with --define NOPE=N)");
        assertResolveError("const A = 1;\nstruct A { int x; };", "t.x:2:1: A is already defined at t.x:1:1");
        assertResolveError("enum e { X = 1 };\nconst X = 2;", "t.x:2:1: X is already defined at t.x:1:10");
        assertResolveError("union u switch (int d) { case 1: int a; case 1: int b; };",
                "t.x:1:46: case 1 of u is already handled at t.x:1:31");
        assertResolveError("struct s { int a; };\nunion u switch (s d) { case 1: void; };",
                "t.x:2:17: the discriminant of u must be int, unsigned int, bool or an enum, not s");
        assertResolveError("struct s { int a; hyper a; };", "t.x:1:19: s has two members called a");
        assertResolveError("const A = B; const B = A;", "constant");
        assertResolveError("typedef int x<-1>;", "t.x:1:15: bound -1 = -1 is not a length");
    }

    private static void assertError(String src, String message) {
        assertThatThrownBy(() -> parse(src)).isInstanceOf(XdrgenException.class).hasMessageStartingWith(message);
    }

    private static void assertResolveError(String src, String message) {
        assertThatThrownBy(() -> resolve(src)).isInstanceOf(XdrgenException.class).hasMessageContaining(message);
    }

    @Test
    void javaNamesFollowJavaConventions() {
        assertThat(List.of(JavaNames.type("remote_nonnull_domain"), JavaNames.type("virNetMessageHeader"),
                JavaNames.type("VIR_TYPED_PARAM_INT"), JavaNames.member("cpu_time"), JavaNames.member("maxMem"),
                JavaNames.member("int"), JavaNames.member("hashCode"), JavaNames.constant("REMOTE_STRING_MAX")))
                .containsExactly("RemoteNonnullDomain", "VirNetMessageHeader", "VirTypedParamInt", "cpuTime",
                        "maxMem", "int_", "hashCode_", "REMOTE_STRING_MAX");
    }
}
