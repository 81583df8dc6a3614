package org.jvirt.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.logging.LogManager;

/**
 * How jvirsh logs, as virsh does: the library's log goes to standard error from warnings up, and
 * libvirt's {@code LIBVIRT_DEBUG} (1 debug, 2 info, 3 warning, 4 error) moves the threshold.
 *
 * <p>jvirt's libraries log through {@link System.Logger}. In a jvirsh process this class is the
 * {@link System.LoggerFinder} (registered in {@code META-INF/services}): its loggers compare a
 * message's level with the threshold themselves and hand only what passes to
 * {@code java.util.logging}, the JDK's own back end, which prints it as before. A process that logs
 * nothing at or above the threshold (the usual one) thus never starts {@code java.util.logging},
 * whose set-up (its log manager, configuration file, console handler and shutdown hook) costs a
 * short process about 20 ms. Whenever something does start it, {@code java.util.logging} reads its
 * configuration from {@link Config}: the JDK's defaults at the threshold.
 */
public final class JvirshLogging extends System.LoggerFinder {
    private static final System.Logger.Level THRESHOLD = threshold(System.getenv("LIBVIRT_DEBUG"));

    /** Created by the JDK, once, when the first logger is asked for. */
    public JvirshLogging() {
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new ThresholdLogger(name, THRESHOLD);
    }

    /**
     * Makes {@code java.util.logging}, when anything starts it, take its configuration from
     * {@link Config}; a configuration the user gave ({@code -Djava.util.logging.config.file} or
     * {@code .class} in {@code JVIRSH_JAVA_OPTS}) is left alone.
     */
    static void configureJavaUtilLogging() {
        if (System.getProperty("java.util.logging.config.class") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.config.class", Config.class.getName());
        }
    }

    /** The threshold {@code LIBVIRT_DEBUG} sets: 1 debug, 2 info, 4 error, anything else warnings. */
    static System.Logger.Level threshold(String libvirtDebug) {
        return switch (libvirtDebug == null ? "" : libvirtDebug.strip()) {
            case "1" -> System.Logger.Level.DEBUG;
            case "2" -> System.Logger.Level.INFO;
            case "4" -> System.Logger.Level.ERROR;
            default -> System.Logger.Level.WARNING;
        };
    }

    /** {@code java.util.logging}'s level for a {@link System.Logger} level, as the JDK's own bridge maps them. */
    static java.util.logging.Level toJul(System.Logger.Level level) {
        return switch (level) {
            case ALL -> java.util.logging.Level.ALL;
            case TRACE -> java.util.logging.Level.FINER;
            case DEBUG -> java.util.logging.Level.FINE;
            case INFO -> java.util.logging.Level.INFO;
            case WARNING -> java.util.logging.Level.WARNING;
            case ERROR -> java.util.logging.Level.SEVERE;
            case OFF -> java.util.logging.Level.OFF;
        };
    }

    /**
     * The configuration text: the JDK's defaults ({@code defaults}, the content of
     * {@code $JAVA_HOME/conf/logging.properties}) with the root logger and the console handler at
     * {@code threshold}; later keys win when {@code java.util.logging} loads it.
     */
    static String configuration(String defaults, System.Logger.Level threshold) {
        String level = toJul(threshold).getName();
        return defaults + "\n.level=" + level + "\njava.util.logging.ConsoleHandler.level=" + level + "\n";
    }

    /**
     * {@code java.util.logging}'s configuration in jvirsh ({@code java.util.logging.config.class}):
     * instantiated by its log manager while it starts, it reads the JDK's default configuration with
     * jvirsh's threshold.
     */
    public static final class Config {
        /** Called by {@link LogManager#readConfiguration()}. */
        public Config() throws IOException {
            Path file = Path.of(System.getProperty("java.home"), "conf", "logging.properties");
            String defaults = Files.isReadable(file) ? Files.readString(file, StandardCharsets.ISO_8859_1)
                    : "handlers=java.util.logging.ConsoleHandler\n";
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(
                    configuration(defaults, THRESHOLD).getBytes(StandardCharsets.ISO_8859_1)));
        }
    }

    /**
     * A logger that passes what reaches the threshold on to the {@code java.util.logging} logger of
     * the same name. It implements {@link System.Logger}, so {@code java.util.logging} skips its
     * frames when it looks for the class and method that logged, as it skips its own bridge's.
     */
    static final class ThresholdLogger implements System.Logger {
        private final String name;
        private final Level threshold;

        ThresholdLogger(String name, Level threshold) {
            this.name = name;
            this.threshold = threshold;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return passes(level) && jul().isLoggable(toJul(level));
        }

        /** Whether the threshold lets {@code level} through, before {@code java.util.logging} is asked. */
        private boolean passes(Level level) {
            return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (passes(level)) {
                jul().logrb(toJul(level), bundle, msg, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (passes(level)) {
                jul().logrb(toJul(level), bundle, format, params);
            }
        }

        private java.util.logging.Logger jul() {
            return java.util.logging.Logger.getLogger(name);
        }
    }
}
