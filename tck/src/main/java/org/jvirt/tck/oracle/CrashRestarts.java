package org.jvirt.tck.oracle;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/**
 * Running an oracle process over many inputs when libvirt itself sometimes crashes (SIGSEGV) on an
 * input it answers the next time: the process is run again from the input it died on, saying so; one
 * it dies on twice in a row fails the test, as does a process that ends otherwise than with 0.
 * Stateless.
 */
public final class CrashRestarts {
    /** One run of the oracle over the inputs left. */
    @FunctionalInterface
    public interface Run<K> {
        /**
         * Asks the oracle about {@code inputs}, in order, putting each whole answer into the map the caller
         * checks.
         *
         * @return the oracle's exit status
         * @throws Exception when the oracle cannot be run at all
         */
        int run(List<K> inputs) throws Exception;
    }

    private CrashRestarts() {
    }

    /**
     * Runs the oracle until every input is answered.
     *
     * @param inputs what to ask, in order
     * @param answers filled by {@code run}; an input is answered once its key is there
     * @param what the oracle, for messages ("the QEMU oracle")
     */
    public static <K> void untilAnswered(List<K> inputs, Map<K, ?> answers, String what, Run<K> run) throws Exception {
        List<K> left = inputs;
        K crashedOn = null;
        while (true) {
            int exit = run.run(left);
            left = left.stream().filter(k -> !answers.containsKey(k)).toList();
            if (exit == 0 || left.isEmpty()) {
                Assertions.assertEquals(0, exit, what + "'s exit status");
                break;
            }
            K first = left.get(0);
            Assertions.assertNotEquals(crashedOn, first, what + " (libvirt) exits with " + exit + " on " + first
                    + " twice in a row");
            crashedOn = first;
            System.out.println(what + " (libvirt) exited with " + exit + " on " + crashedOn
                    + "; running it again from there");
        }
        Assertions.assertTrue(answers.keySet().containsAll(inputs), what + " answers every input");
    }
}
