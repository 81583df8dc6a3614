package org.jvirt.driver.qemu.state;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;
import org.jvirt.spi.AtomicFiles;

/**
 * What a running domain's status file records, so that a restarted driver finds the domain again:
 * its id, process (pid and start time, against pid reuse), monitor socket, state and reason,
 * and the vCPU threads. Written atomically next to the pid file and the live XML.
 *
 * @param id the domain id
 * @param pid QEMU's pid
 * @param startTicks QEMU's start time, from {@code /proc/PID/stat}
 * @param monitor the QMP socket
 * @param state the state reason's name ({@code RUNNING_BOOTED}...)
 * @param vcpuThreads the vCPU thread ids, comma-separated
 * @param persistentAtStart unused by the driver; kept for the operator's information
 * @param balloonKiB the guest's current memory as the balloon last reported it, or -1
 */
public record DomainStatus(int id, long pid, long startTicks, Path monitor, String state, String vcpuThreads,
                           boolean persistentAtStart, long balloonKiB) {
    private static final int MAX_BYTES = 64 * 1024;
    private static final String HEX = "0123456789ABCDEF";

    /** Writes the status atomically, as {@link java.util.Properties} entries ordered by key. */
    public void write(Path file) throws IOException {
        TreeMap<String, String> p = new TreeMap<>();
        p.put("id", Integer.toString(id));
        p.put("pid", Long.toString(pid));
        p.put("startTicks", Long.toString(startTicks));
        p.put("monitor", monitor.toString());
        p.put("state", state);
        p.put("vcpuThreads", vcpuThreads);
        p.put("persistentAtStart", Boolean.toString(persistentAtStart));
        p.put("balloonKiB", Long.toString(balloonKiB));
        StringBuilder sb = new StringBuilder("# jvirt QEMU domain status\n");
        for (var e : p.entrySet()) {
            escape(sb, e.getKey(), true);
            sb.append('=');
            escape(sb, e.getValue(), false);
            sb.append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Appends {@code s} escaped as {@link java.util.Properties#store(java.io.Writer, String)} escapes it (so that
     * {@link #read} loads it back), without {@code store} itself: its date comment would initialize the
     * time zone and calendar machinery, 10 ms and more of a short process's {@code start}.
     */
    static void escape(StringBuilder sb, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ' ' -> sb.append(i == 0 || key ? "\\ " : " ");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append("\\u");
                        for (int shift = 12; shift >= 0; shift -= 4) {
                            sb.append(HEX.charAt((c >> shift) & 0xF));
                        }
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    /** Reads a status file; IOException when it is missing, too large or incomplete. */
    public static DomainStatus read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        try {
            return new DomainStatus(Integer.parseInt(req(p, "id")), Long.parseLong(req(p, "pid")),
                    Long.parseLong(req(p, "startTicks")), Path.of(req(p, "monitor")), req(p, "state"),
                    p.getProperty("vcpuThreads", ""), Boolean.parseBoolean(p.getProperty("persistentAtStart")),
                    Long.parseLong(p.getProperty("balloonKiB", "-1")));
        } catch (NumberFormatException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static String req(Properties p, String key) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException("status file lacks '" + key + "'");
        }
        return v;
    }
}
