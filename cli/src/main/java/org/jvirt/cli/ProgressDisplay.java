package org.jvirt.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a job's progress: a live bar on a terminal, virsh's {@code \rLabel: [ NN %]} records otherwise.
 */
abstract class ProgressDisplay {
    /** Shows {@code progress}. */
    abstract void show(JobWatcher.Progress progress);

    /** The job ended; {@code success} shows it complete. */
    abstract void finish(boolean success);

    static ProgressDisplay create(String label, Output output, boolean terminal) {
        return terminal ? new Bar(label, output.errStream()) : new VirshRecords(label, output);
    }

    /** virsh's virshPrintJobProgress, byte for byte, on stderr. */
    static final class VirshRecords extends ProgressDisplay {
        private final String label;
        private final Output output;
        private int last = -1;

        VirshRecords(String label, Output output) {
            this.label = label;
            this.output = output;
        }

        @Override
        void show(JobWatcher.Progress progress) {
            int percent = progress.percent();
            if (percent != last) {
                last = percent;
                print(percent);
            }
        }

        @Override
        void finish(boolean success) {
            if (success) {
                print(100);
            }
        }

        private void print(int percent) {
            output.flush();
            PrintStream err = output.errStream();
            err.print(String.format("\r%s: [%3d %%]", label, percent));
            err.flush();
        }
    }

    /**
     * A live bar with the elapsed time; indeterminate until the driver reports progress (then a
     * percentage with the remaining time), full when the job succeeded. The line is ended when the
     * job ends, so the messages after it start on their own line.
     */
    static final class Bar extends ProgressDisplay {
        private final ProgressBar bar;
        private boolean determinate;

        Bar(String label, PrintStream err) {
            this.bar = new ProgressBarBuilder()
                    .setTaskName(label)
                    .setInitialMax(-1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(200)
                    .setUnit(" %", 1)
                    .setMaxRenderedLength(100)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .continuousUpdate()
                    .build();
        }

        @Override
        void show(JobWatcher.Progress progress) {
            if (!determinate) {
                determinate = true;
                bar.maxHint(100);
            }
            bar.stepTo(progress.percent());
        }

        @Override
        void finish(boolean success) {
            if (success) {
                bar.maxHint(100);
                bar.stepTo(100);
            }
            bar.close();
        }
    }
}
