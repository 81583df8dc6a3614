package org.jvirt.driver.qemu.state;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
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

    /** Writes the status atomically. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", Integer.toString(id));
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("startTicks", Long.toString(startTicks));
        p.setProperty("monitor", monitor.toString());
        p.setProperty("state", state);
        p.setProperty("vcpuThreads", vcpuThreads);
        p.setProperty("persistentAtStart", Boolean.toString(persistentAtStart));
        p.setProperty("balloonKiB", Long.toString(balloonKiB));
        StringBuilder sb = new StringBuilder("# jvirt QEMU domain status\n");
        for (var e : new TreeMap<>(p).entrySet()) {
            StringWriter w = new StringWriter();
            Properties one = new Properties();
            one.setProperty((String) e.getKey(), (String) e.getValue());
            one.store(w, null);
            // Properties.store writes a date comment first; keep only the entry line.
            String[] lines = w.toString().split("\n");
            sb.append(lines[lines.length - 1]).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
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
