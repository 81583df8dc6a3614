package org.jvirt.cli;

/** A process that logs as jvirsh's libraries do, below and at the threshold (LogThresholdTest). */
public final class LoggingChild {
    private LoggingChild() {
    }

    public static void main(String[] args) {
        JvirshLogging.configureJavaUtilLogging();
        System.Logger log = System.getLogger("org.jvirt.test.Child");
        log.log(System.Logger.Level.INFO, "informed {0}", "x");
        log.log(System.Logger.Level.DEBUG, "debugged");
        System.out.println("MARK");
        System.out.flush();
        log.log(System.Logger.Level.WARNING, "warned {0}", "y");
    }
}
