package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jvirsh logs as virsh does: warnings and up by default, LIBVIRT_DEBUG's levels when it is set; and
 * java.util.logging starts only when something reaches the threshold.
 */
class LogThresholdTest {
    @TempDir
    Path dir;

    @Test
    void warningsByDefaultAndLibvirtDebugLevelsOtherwise() {
        assertThat(JvirshLogging.threshold(null)).isEqualTo(System.Logger.Level.WARNING);
        assertThat(JvirshLogging.threshold("1")).isEqualTo(System.Logger.Level.DEBUG);
        assertThat(JvirshLogging.threshold(" 2 ")).isEqualTo(System.Logger.Level.INFO);
        assertThat(JvirshLogging.threshold("3")).isEqualTo(System.Logger.Level.WARNING);
        assertThat(JvirshLogging.threshold("4")).isEqualTo(System.Logger.Level.ERROR);
        assertThat(JvirshLogging.threshold("bogus")).isEqualTo(System.Logger.Level.WARNING);

        System.Logger logger = new JvirshLogging.ThresholdLogger("org.jvirt.driver.qemu.QemuNode",
                System.Logger.Level.WARNING);
        assertThat(logger.isLoggable(System.Logger.Level.INFO)).isFalse();
        assertThat(logger.isLoggable(System.Logger.Level.DEBUG)).isFalse();
        assertThat(logger.isLoggable(System.Logger.Level.OFF)).isFalse();
        assertThat(logger.isLoggable(System.Logger.Level.WARNING)).isTrue();
        assertThat(logger.isLoggable(System.Logger.Level.ERROR)).isTrue();
    }

    @Test
    void javaUtilLoggingGetsTheJdkDefaultsAtTheThreshold() throws Exception {
        String defaults = "handlers= java.util.logging.ConsoleHandler\n.level= INFO\n"
                + "java.util.logging.ConsoleHandler.level = INFO\n"
                + "java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter\n";
        Properties p = new Properties();
        p.load(new StringReader(JvirshLogging.configuration(defaults, System.Logger.Level.ERROR)));
        assertThat(p.getProperty(".level")).isEqualTo("SEVERE");
        assertThat(p.getProperty("java.util.logging.ConsoleHandler.level")).isEqualTo("SEVERE");
        assertThat(p.getProperty("handlers")).isEqualTo("java.util.logging.ConsoleHandler");
        assertThat(p.getProperty("java.util.logging.ConsoleHandler.formatter"))
                .isEqualTo("java.util.logging.SimpleFormatter");
        assertThat(JvirshLogging.toJul(System.Logger.Level.DEBUG)).isEqualTo(java.util.logging.Level.FINE);
    }

    /** What a jvirsh process prints: the JDK's format, the caller as the source, nothing below the threshold. */
    @Test
    void aProcessLogsFromTheThresholdUpAndStartsJavaUtilLoggingOnlyThen() throws Exception {
        Run quiet = child(Map.of());
        assertThat(quiet.err()).contains("WARNING: warned y").doesNotContain("informed")
                .contains(LoggingChild.class.getName() + " main");
        // Nothing had reached the threshold before the warning: java.util.logging had not started.
        assertThat(quiet.out()).contains("MARK");
        assertThat(quiet.out().substring(0, quiet.out().indexOf("MARK"))).doesNotContain("java.util.logging.LogManager ");
        assertThat(quiet.out().substring(quiet.out().indexOf("MARK"))).contains("java.util.logging.LogManager ");

        assertThat(child(Map.of("LIBVIRT_DEBUG", "2")).err()).contains("INFO: informed x", "WARNING: warned y");
        assertThat(child(Map.of("LIBVIRT_DEBUG", "4")).err()).doesNotContain("informed", "warned");
    }

    private record Run(String out, String err) {
    }

    private Run child(Map<String, String> env) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xshare:off", "-Xlog:class+load=info:stdout",
                "-cp", System.getProperty("java.class.path"), LoggingChild.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LIBVIRT_DEBUG");
        pb.environment().putAll(env);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
