package org.jvirt.driver.xend.sexpr;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.function.Supplier;

/**
 * The problems found in one document, the first {@link SexprReader#MAX_REPORTED_PROBLEMS} of them
 * kept and the rest counted, so that a megabyte of garbage makes one bounded message. Not
 * thread-safe; one per reading.
 */
final class SexprProblems {
    private List<SexprProblem> kept = List.empty();
    private int count;

    void add(SexprPosition position, String message) {
        add(position, () -> message);
    }

    /** Adds a problem whose message is worded only if it is kept. */
    void add(SexprPosition position, Supplier<String> message) {
        if (count++ < SexprReader.MAX_REPORTED_PROBLEMS) {
            kept = kept.prepend(new SexprProblem(position, message.get()));
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The kept problems in document order, and one more saying how many were left out, if any. */
    Seq<SexprProblem> toSeq() {
        List<SexprProblem> inOrder = kept.reverse();
        int omitted = count - kept.size();
        if (omitted > 0) {
            inOrder = inOrder.append(new SexprProblem(kept.head().position(),
                    omitted + " more problem" + (omitted == 1 ? "" : "s") + " after this one not listed"));
        }
        return inOrder;
    }
}
