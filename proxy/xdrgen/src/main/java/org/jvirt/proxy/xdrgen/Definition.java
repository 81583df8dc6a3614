package org.jvirt.proxy.xdrgen;

import java.util.List;

/** One top-level definition of a .x file. */
public sealed interface Definition {
    /** The defined name. */
    String name();

    /** Where the definition starts. */
    Position position();

    /** The comment just before it, or null. */
    String comment();

    /** {@code const NAME = value;} */
    record Const(String name, Value value, Position position, String comment) implements Definition {
    }

    /** {@code typedef declaration;} — the declaration's name is the new type's. */
    record Typedef(Declaration declaration, Position position, String comment) implements Definition {
        @Override
        public String name() {
            return declaration.name();
        }
    }

    /** {@code enum NAME { A = 1, ... };} */
    record Enum(String name, List<Member> members, Position position, String comment) implements Definition {
        /** One member; {@code comment} is the comment just before it (libvirt's annotations). */
        public record Member(String name, Value value, Position position, String comment) {
        }
    }

    /** {@code struct NAME { declarations };} */
    record Struct(String name, List<Declaration> members, Position position, String comment)
            implements Definition {
    }

    /**
     * {@code union NAME switch (discriminant) { case ...: arm; ... default: arm; };}
     *
     * @param defaultArm the {@code default} arm, or null when there is none (then a discriminant
     *     that no case names is an error)
     */
    record Union(String name, Declaration discriminant, List<Arm> arms, Declaration defaultArm,
                 Position position, String comment) implements Definition {
        /** Case labels sharing one declaration. */
        public record Arm(List<Value> cases, Declaration declaration) {
        }
    }
}
