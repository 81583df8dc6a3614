package org.jvirt.proxy.xdrgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the subset of the RPC language (RFC 5531, section 12; data types of RFC 4506) that
 * libvirt's .x files use: {@code const}, {@code typedef}, {@code enum}, {@code struct},
 * {@code union} with {@code switch}/{@code case}/{@code default} and {@code void} arms, fixed and
 * variable arrays, {@code string}, {@code opaque}, optional data, {@code [unsigned] hyper},
 * {@code bool}, {@code float}/{@code double}, rpcgen's {@code [unsigned] char} and {@code short},
 * and constants named where numbers go. Not supported, with an error at its position: inline
 * {@code struct}/{@code enum}/{@code union} types in declarations, {@code quadruple},
 * {@code program} definitions, the C preprocessor.
 */
public final class Parser {
    private static final Set<String> KEYWORDS = Set.of("bool", "case", "const", "default", "double",
            "quadruple", "enum", "float", "hyper", "int", "opaque", "string", "struct", "switch",
            "typedef", "union", "unsigned", "void", "char", "short");

    private final List<Token> tokens;
    private int next;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses {@code source}, naming {@code file} in positions. */
    public static Spec parse(String file, String source) throws XdrgenException {
        Lexer lexer = new Lexer(file, source);
        Parser p = new Parser(lexer.tokens());
        List<Definition> defs = new ArrayList<>();
        while (p.peek().kind() != Token.Kind.EOF) {
            defs.add(p.definition());
        }
        return new Spec(file, List.copyOf(defs), List.copyOf(lexer.passThrough()));
    }

    private Definition definition() throws XdrgenException {
        Token t = take();
        String comment = t.comment();
        switch (t.text()) {
            case "const": {
                String name = identifier("constant name");
                expect("=");
                Value v = value();
                expect(";");
                return new Definition.Const(name, v, t.position(), comment);
            }
            case "typedef": {
                Declaration d = declaration();
                if (d.shape() == Declaration.Shape.VOID) {
                    throw new XdrgenException(d.position(), "a typedef cannot be void");
                }
                expect(";");
                return new Definition.Typedef(d, t.position(), comment);
            }
            case "enum": {
                String name = identifier("enum name");
                List<Definition.Enum.Member> members = enumBody();
                expect(";");
                return new Definition.Enum(name, members, t.position(), comment);
            }
            case "struct": {
                String name = identifier("struct name");
                List<Declaration> members = structBody();
                expect(";");
                return new Definition.Struct(name, members, t.position(), comment);
            }
            case "union":
                return union(t, comment);
            case "program":
                throw new XdrgenException(t.position(), "program definitions are not supported");
            default:
                throw new XdrgenException(t.position(),
                        "expected const, typedef, enum, struct or union, found " + t.describe());
        }
    }

    private List<Definition.Enum.Member> enumBody() throws XdrgenException {
        expect("{");
        List<Definition.Enum.Member> members = new ArrayList<>();
        do {
            if (peek().is("}") && !members.isEmpty()) {
                break; // a trailing comma, as C and rpcgen allow
            }
            Token name = peek();
            String id = identifier("enum member");
            expect("=");
            members.add(new Definition.Enum.Member(id, value(), name.position(), name.comment()));
        } while (accept(","));
        expect("}");
        return List.copyOf(members);
    }

    private List<Declaration> structBody() throws XdrgenException {
        expect("{");
        List<Declaration> members = new ArrayList<>();
        do {
            Declaration d = declaration();
            if (d.shape() == Declaration.Shape.VOID) {
                throw new XdrgenException(d.position(), "a struct member cannot be void");
            }
            members.add(d);
            expect(";");
        } while (!peek().is("}"));
        expect("}");
        return List.copyOf(members);
    }

    private Definition union(Token start, String comment) throws XdrgenException {
        String name = identifier("union name");
        expect("switch");
        expect("(");
        Declaration discriminant = declaration();
        if (discriminant.shape() != Declaration.Shape.SCALAR) {
            throw new XdrgenException(discriminant.position(), "a union's discriminant must be a scalar");
        }
        expect(")");
        expect("{");
        List<Definition.Union.Arm> arms = new ArrayList<>();
        Declaration defaultArm = null;
        while (peek().is("case")) {
            List<Value> cases = new ArrayList<>();
            while (accept("case")) {
                cases.add(value());
                expect(":");
            }
            arms.add(new Definition.Union.Arm(List.copyOf(cases), declaration()));
            expect(";");
        }
        if (arms.isEmpty()) {
            throw new XdrgenException(peek().position(), "expected 'case', found " + peek().describe());
        }
        if (accept("default")) {
            expect(":");
            defaultArm = declaration();
            expect(";");
        }
        expect("}");
        expect(";");
        return new Definition.Union(name, discriminant, List.copyOf(arms), defaultArm, start.position(), comment);
    }

    /** RFC 4506's declaration, which includes the type specifier. */
    private Declaration declaration() throws XdrgenException {
        Token t = peek();
        Position at = t.position();
        if (accept("void")) {
            return new Declaration(null, new TypeSpec.Builtin(TypeSpec.Kind.VOID, at), Declaration.Shape.VOID, null, at);
        }
        if (t.is("opaque") || t.is("string")) {
            take();
            TypeSpec.Kind kind = t.is("opaque") ? TypeSpec.Kind.OPAQUE : TypeSpec.Kind.STRING;
            String name = identifier("declared name");
            TypeSpec type = new TypeSpec.Builtin(kind, at);
            if (kind == TypeSpec.Kind.OPAQUE && accept("[")) {
                Value n = value();
                expect("]");
                return new Declaration(name, type, Declaration.Shape.FIXED_ARRAY, n, at);
            }
            if (!peek().is("<")) {
                throw new XdrgenException(peek().position(), kind == TypeSpec.Kind.STRING
                        ? "string needs a maximum length: " + name + "<N> or " + name + "<>"
                        : "opaque needs a length: " + name + "[N], " + name + "<N> or " + name + "<>");
            }
            return new Declaration(name, type, Declaration.Shape.VAR_ARRAY, varBound(), at);
        }
        TypeSpec type = typeSpecifier();
        if (accept("*")) {
            return new Declaration(identifier("declared name"), type, Declaration.Shape.OPTIONAL, null, at);
        }
        String name = identifier("declared name");
        if (accept("[")) {
            Value n = value();
            expect("]");
            return new Declaration(name, type, Declaration.Shape.FIXED_ARRAY, n, at);
        }
        if (peek().is("<")) {
            return new Declaration(name, type, Declaration.Shape.VAR_ARRAY, varBound(), at);
        }
        return new Declaration(name, type, Declaration.Shape.SCALAR, null, at);
    }

    private Value varBound() throws XdrgenException {
        expect("<");
        if (accept(">")) {
            return null;
        }
        Value v = value();
        expect(">");
        return v;
    }

    private TypeSpec typeSpecifier() throws XdrgenException {
        Token t = take();
        Position at = t.position();
        switch (t.text()) {
            case "unsigned": {
                Token u = peek();
                if (u.is("int") || u.is("hyper") || u.is("char") || u.is("short")) {
                    take();
                }
                TypeSpec.Kind k = switch (u.text()) {
                    case "hyper" -> TypeSpec.Kind.UNSIGNED_HYPER;
                    case "char" -> TypeSpec.Kind.UNSIGNED_CHAR;
                    case "short" -> TypeSpec.Kind.UNSIGNED_SHORT;
                    default -> TypeSpec.Kind.UNSIGNED_INT; // "unsigned" alone is "unsigned int"
                };
                return new TypeSpec.Builtin(k, at);
            }
            case "int": return new TypeSpec.Builtin(TypeSpec.Kind.INT, at);
            case "hyper": return new TypeSpec.Builtin(TypeSpec.Kind.HYPER, at);
            case "float": return new TypeSpec.Builtin(TypeSpec.Kind.FLOAT, at);
            case "double": return new TypeSpec.Builtin(TypeSpec.Kind.DOUBLE, at);
            case "bool": return new TypeSpec.Builtin(TypeSpec.Kind.BOOL, at);
            case "char": return new TypeSpec.Builtin(TypeSpec.Kind.CHAR, at);
            case "short": return new TypeSpec.Builtin(TypeSpec.Kind.SHORT, at);
            case "quadruple":
                throw new XdrgenException(at, "quadruple is not supported");
            case "struct":
            case "enum":
            case "union":
                if (peek().kind() == Token.Kind.IDENT && !KEYWORDS.contains(peek().text())) {
                    // "struct foo x;" names a type defined elsewhere, as C allows
                    Token n = take();
                    if (!peek().is("{")) {
                        return new TypeSpec.Named(n.text(), n.position());
                    }
                }
                throw new XdrgenException(at, "inline " + t.text() + " types are not supported: define "
                        + "the type at top level and name it");
            default:
                if (t.kind() == Token.Kind.IDENT && !KEYWORDS.contains(t.text())) {
                    return new TypeSpec.Named(t.text(), at);
                }
                throw new XdrgenException(at, "expected a type, found " + t.describe());
        }
    }

    private Value value() throws XdrgenException {
        Token t = take();
        if (t.is("-")) {
            Token n = take();
            if (n.kind() != Token.Kind.NUMBER) {
                throw new XdrgenException(n.position(), "expected a number after '-', found " + n.describe());
            }
            return new Value(-number(n), null, t.position());
        }
        if (t.kind() == Token.Kind.NUMBER) {
            return new Value(number(t), null, t.position());
        }
        if (t.kind() == Token.Kind.IDENT && !KEYWORDS.contains(t.text())) {
            return new Value(null, t.text(), t.position());
        }
        throw new XdrgenException(t.position(), "expected a number or a constant name, found " + t.describe());
    }

    private static long number(Token t) throws XdrgenException {
        String s = t.text();
        try {
            long v;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                v = Long.parseLong(s.substring(2), 16);
            } else if (s.length() > 1 && s.startsWith("0")) {
                v = Long.parseLong(s.substring(1), 8);
            } else {
                v = Long.parseLong(s);
            }
            if (v > 0xffffffffL) {
                throw new XdrgenException(t.position(), "number " + s + " does not fit in 32 bits");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new XdrgenException(t.position(), "malformed number " + s);
        }
    }

    private String identifier(String what) throws XdrgenException {
        Token t = take();
        if (t.kind() != Token.Kind.IDENT || KEYWORDS.contains(t.text())) {
            throw new XdrgenException(t.position(), "expected " + what + ", found " + t.describe());
        }
        return t.text();
    }

    private void expect(String s) throws XdrgenException {
        Token t = take();
        if (!t.is(s)) {
            throw new XdrgenException(t.position(), "expected '" + s + "', found " + t.describe());
        }
    }

    private boolean accept(String s) {
        if (peek().is(s)) {
            next++;
            return true;
        }
        return false;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Token.Kind.EOF) {
            next++;
        }
        return t;
    }
}
