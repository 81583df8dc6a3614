package org.jvirt.driver.xend.sexpr;

import java.util.Objects;

/**
 * One thing wrong with an S-expression document.
 *
 * @param position where it is; never null
 * @param message what is wrong there, in lower case, without the position; never null
 */
public record SexprProblem(SexprPosition position, String message) {

    public SexprProblem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /** {@code line:column (offset N): message}. */
    @Override
    public String toString() {
        return position + ": " + message;
    }
}
