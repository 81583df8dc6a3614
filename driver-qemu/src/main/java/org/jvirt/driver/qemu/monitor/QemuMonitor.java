package org.jvirt.driver.qemu.monitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.driver.qemu.qmp.QmpClient;
import org.jvirt.driver.qemu.qmp.QmpException;

/**
 * The QMP commands the QEMU driver sends to a running guest's QEMU, one method each, as libvirt's
 * {@code qemu_monitor.c}: the only place in the driver that names a QMP command or reads its answer.
 * Every failure goes through the one {@link Failure} this monitor was made with, which turns it into
 * the driver's {@link VirtException}; no method throws anything else for a QEMU that refuses, stalls
 * or goes away.
 *
 * <p>Thread-safe: commands may be sent from many threads at once (the client matches answers by id).
 * The monitor does not own QEMU's events: they go to the listener the client was connected with.
 */
public final class QemuMonitor implements AutoCloseable {
    /** Turns a failed command into the driver's error; called on the thread that sent the command. */
    @FunctionalInterface
    public interface Failure {
        /**
         * @param command the QMP command that failed, for the message
         * @param cause how it failed (refused, timed out, closed, not QMP)
         * @return the error to throw; never null
         */
        VirtException of(String command, QmpException cause);
    }

    /**
     * A migration's progress and outcome as {@code query-migrate} reports it.
     *
     * @param status QEMU's status ({@code active}, {@code completed}, {@code failed}...), or null before any
     * @param totalBytes the guest's RAM in bytes, 0 when not reported
     * @param transferredBytes RAM bytes sent so far
     * @param remainingBytes RAM bytes still to send
     * @param error why it failed, when QEMU says; else null
     */
    public record MigrationProgress(String status, long totalBytes, long transferredBytes, long remainingBytes,
                                    String error) {
    }

    /**
     * A detached memory dump's progress as {@code query-dump} reports it.
     *
     * @param totalBytes the bytes the dump will write
     * @param completedBytes the bytes written so far
     */
    public record DumpProgress(long totalBytes, long completedBytes) {
    }

    /**
     * One block device's counters from {@code query-blockstats}; -1 for a counter QEMU does not report.
     *
     * @param qdev the device's QOM path or id, or null
     * @param nodeName the block node's name, or null
     */
    public record BlockDeviceStats(String qdev, String nodeName, long readRequests, long readBytes,
                                   long writeRequests, long writeBytes) {
    }

    /**
     * One machine type as {@code query-machines} lists it.
     *
     * @param alias the short name it answers to ({@code pc}, {@code q35}), or null
     * @param maxCpus the most vCPUs it takes, 1 when QEMU does not say
     * @param defaultCpuType the QOM type of the CPU it runs when told none ({@code qemu64-x86_64-cpu}), or null
     * @param defaultRamId the id of the memory backend holding its RAM ({@code pc.ram}), which a command line
     *                     names to give the machine its RAM as an object; null when QEMU does not say
     */
    public record MachineType(String name, String alias, boolean isDefault, int maxCpus, boolean deprecated,
                              String defaultCpuType, String defaultRamId) {
    }

    /**
     * One CPU model as {@code query-cpu-definitions} lists it.
     *
     * @param name the model's name ({@code qemu64})
     * @param typeName its QOM type ({@code qemu64-x86_64-cpu}), or null when QEMU does not say
     */
    public record CpuDefinition(String name, String typeName) {
    }

    private final QmpClient client;
    private final Failure failure;

    /**
     * @param client a connected client (capabilities negotiated)
     * @param failure how this monitor's failures become errors
     */
    public QemuMonitor(QmpClient client, Failure failure) {
        this.client = Objects.requireNonNull(client, "client");
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** Closes the connection; commands in flight fail as closed. Idempotent. */
    @Override
    public void close() {
        client.close();
    }

    // ---- running and stopping the guest ---------------------------------------------------------

    /** Pauses the guest's vCPUs ({@code stop}). */
    public void stop() {
        run("stop", null);
    }

    /** Lets the guest's vCPUs run ({@code cont}). */
    public void cont() {
        run("cont", null);
    }

    /** Presses the ACPI power button ({@code system_powerdown}). */
    public void systemPowerdown() {
        run("system_powerdown", null);
    }

    /** Resets the guest as the reset button does ({@code system_reset}). */
    public void systemReset() {
        run("system_reset", null);
    }

    /**
     * What QEMU does when the guest powers off ({@code set-action}): {@code poweroff} ends QEMU,
     * {@code pause} keeps it, which is how a reboot through a power-down is carried out.
     */
    public void setShutdownAction(String action) {
        run("set-action", Json.object("shutdown", action));
    }

    /**
     * Several of QEMU's reactions at once ({@code set-action}): each of {@code shutdown},
     * {@code reboot}, {@code watchdog}, {@code panic} mapped to QEMU's action; nothing is sent when
     * empty.
     */
    public void setActions(Map<String, String> actions) {
        if (!actions.isEmpty()) {
            run("set-action", new java.util.LinkedHashMap<String, Object>(actions));
        }
    }

    /** Whether the guest's vCPUs run ({@code query-status}). */
    public boolean isRunning() {
        return Boolean.TRUE.equals(object("query-status", null).get("running"));
    }

    // ---- what a start asks and sets --------------------------------------------------------------

    /** Makes QEMU send MIGRATION events, which save, restore and dumps wait for. */
    public void enableMigrationEvents() {
        run("migrate-set-capabilities", Json.object("capabilities",
                List.of(Json.object("capability", "events", "state", true))));
    }

    /**
     * The host thread id of each present vCPU, in the order of their indexes ({@code query-cpus-fast}): a
     * guest whose vCPUs were plugged into slots past others ({@code <vcpus>}) lists each of them.
     */
    public List<Long> vcpuThreadIds() {
        return List.copyOf(vcpuThreadsByIndex().values());
    }

    /** The pseudo-terminal of each pty character device, by chardev id ({@code query-chardev}). */
    public Map<String, String> ptyPaths() {
        Map<String, String> ptys = new HashMap<>();
        for (Object o : list("query-chardev", null)) {
            if (o instanceof Map<?, ?> c && c.get("filename") instanceof String file && file.startsWith("pty:")
                    && c.get("label") instanceof String label) {
                ptys.put(label, file.substring(4));
            }
        }
        return ptys;
    }

    /** The TCP port the VNC server listens on ({@code query-vnc}); empty when it reports none. */
    public OptionalInt vncPort() {
        Object service = object("query-vnc", null).get("service");
        if (service instanceof String s) {
            try {
                return OptionalInt.of(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** Sets the VNC password ({@code set_password}). */
    public void setVncPassword(String password) {
        setPassword("vnc", password);
    }

    /** Sets the password of a graphics server ({@code set_password}): {@code protocol} {@code vnc} or {@code spice}. */
    public void setPassword(String protocol, String password) {
        run("set_password", Json.object("protocol", protocol, "password", password));
    }

    /** Asks the balloon driver for {@code bytes} of guest memory ({@code balloon}). */
    public void setBalloon(long bytes) {
        run("balloon", Json.object("value", bytes));
    }

    /**
     * Makes the balloon driver refresh the guest's memory statistics every {@code seconds} (0: never), as
     * libvirt's {@code <stats period>}: the {@code guest-stats-polling-interval} of the balloon
     * {@code balloon0} ({@code qom-set}).
     */
    public void setBalloonStatsPeriod(int seconds) {
        run("qom-set", Json.object("path", "/machine/peripheral/balloon0", "property", "guest-stats-polling-interval",
                "value", seconds));
    }

    // ---- migration, save and dumps ----------------------------------------------------------------

    /** Takes the guest's state from {@code uri}; QEMU was started with {@code -incoming defer}. */
    public void migrateIncoming(String uri) {
        run("migrate-incoming", Json.object("uri", uri));
    }

    /** Starts sending the guest's state to {@code uri} ({@code migrate}); MIGRATION events tell how it ends. */
    public void migrate(String uri) {
        run("migrate", Json.object("uri", uri));
    }

    /** Cancels the running migration ({@code migrate_cancel}). */
    public void migrateCancel() {
        run("migrate_cancel", null);
    }

    /** Limits a migration's bandwidth, in bytes per second ({@code migrate-set-parameters max-bandwidth}). */
    public void setMigrationMaxBandwidth(long bytesPerSecond) {
        run("migrate-set-parameters", Json.object("max-bandwidth", bytesPerSecond));
    }

    /** The migration's progress ({@code query-migrate}). */
    public MigrationProgress migrationProgress() {
        Map<String, Object> answer = object("query-migrate", null);
        Map<?, ?> ram = answer.get("ram") instanceof Map<?, ?> m ? m : Map.of();
        return new MigrationProgress(answer.get("status") instanceof String s ? s : null, number(ram.get("total")),
                number(ram.get("transferred")), number(ram.get("remaining")),
                answer.get("error-desc") instanceof String e ? e : null);
    }

    /**
     * Starts an ELF dump of the guest's memory into {@code file}, detached so that the monitor stays
     * free ({@code dump-guest-memory}); DUMP_COMPLETED tells how it ends.
     */
    public void dumpGuestMemory(Path file) {
        run("dump-guest-memory", Json.object("paging", false, "protocol", "file:" + file, "detach", true));
    }

    /**
     * The guest's vCPU slots ({@code query-hotpluggable-cpus}), each QEMU's entry as it answers: its
     * {@code type} (the device to plug into it), {@code vcpus-count}, {@code props} (where it sits),
     * and {@code qom-path} when a vCPU is there.
     */
    public List<Map<String, Object>> hotpluggableCpus() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list("query-hotpluggable-cpus", null)) {
            if (o instanceof Map<?, ?> m) {
                Map<String, Object> entry = new java.util.LinkedHashMap<>();
                m.forEach((k, v) -> entry.put(String.valueOf(k), v));
                out.add(entry);
            }
        }
        return out;
    }

    /** The host thread id of each present vCPU, by its index ({@code query-cpus-fast}), hot-plugged ones included. */
    public Map<Integer, Long> vcpuThreadsByIndex() {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        for (Object o : list("query-cpus-fast", null)) {
            if (o instanceof Map<?, ?> c && c.get("cpu-index") instanceof Number index
                    && c.get("thread-id") instanceof Number thread) {
                out.put(index.intValue(), thread.longValue());
            }
        }
        return out;
    }

    /** The host thread id of each I/O thread, by its QOM id ({@code iothread5}) ({@code query-iothreads}). */
    public Map<String, Long> iothreadThreadIds() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Object o : list("query-iothreads", null)) {
            if (o instanceof Map<?, ?> t && t.get("id") instanceof String id && t.get("thread-id") instanceof Number n) {
                out.put(id, n.longValue());
            }
        }
        return out;
    }

    /** The detached dump's progress ({@code query-dump}). */
    public DumpProgress dumpProgress() {
        Map<String, Object> answer = object("query-dump", null);
        return new DumpProgress(number(answer.get("total")), number(answer.get("completed")));
    }

    // ---- devices ------------------------------------------------------------------------------------

    /** Adds a device ({@code device_add}); {@code properties} hold its {@code driver}, {@code id} and the rest. */
    public void deviceAdd(Map<String, Object> properties) {
        run("device_add", properties);
    }

    /** Asks the guest to release a device ({@code device_del}); DEVICE_DELETED tells when it did. */
    public void deviceDel(String id) {
        run("device_del", Json.object("id", id));
    }

    /** Adds a block node ({@code blockdev-add}). */
    public void blockdevAdd(Map<String, Object> node) {
        run("blockdev-add", node);
    }

    /**
     * Limits a disk's I/O ({@code block_set_io_throttle}); {@code arguments} hold the device's {@code id}
     * and the limits, zero for none.
     */
    public void blockSetIoThrottle(Map<String, Object> arguments) {
        run("block_set_io_throttle", arguments);
    }

    /** Removes a block node ({@code blockdev-del}). */
    public void blockdevDel(String nodeName) {
        run("blockdev-del", Json.object("node-name", nodeName));
    }

    /** Adds a network backend ({@code netdev_add}); {@code properties} hold its {@code type}, {@code id}... */
    public void netdevAdd(Map<String, Object> properties) {
        run("netdev_add", properties);
    }

    /** Removes a network backend ({@code netdev_del}). */
    public void netdevDel(String id) {
        run("netdev_del", Json.object("id", id));
    }

    // ---- statistics -------------------------------------------------------------------------------------

    /** Every block device's counters ({@code query-blockstats}). */
    public List<BlockDeviceStats> blockStats() {
        List<BlockDeviceStats> out = new ArrayList<>();
        for (Object o : list("query-blockstats", null)) {
            if (o instanceof Map<?, ?> entry) {
                Map<?, ?> s = entry.get("stats") instanceof Map<?, ?> m ? m : Map.of();
                out.add(new BlockDeviceStats(entry.get("qdev") instanceof String q ? q : null,
                        entry.get("node-name") instanceof String n ? n : null, counter(s.get("rd_operations")),
                        counter(s.get("rd_bytes")), counter(s.get("wr_operations")), counter(s.get("wr_bytes"))));
            }
        }
        return out;
    }

    // ---- what an emulator offers (probing) ----------------------------------------------------------

    /** QEMU's version, {@code MAJOR.MINOR.MICRO} ({@code query-version}). */
    public String version() {
        if (object("query-version", null).get("qemu") instanceof Map<?, ?> q && q.get("major") instanceof Number major
                && q.get("minor") instanceof Number minor && q.get("micro") instanceof Number micro) {
            return major + "." + minor + "." + micro;
        }
        throw failure.of("query-version", malformed("query-version", "no qemu major, minor and micro"));
    }

    /** The architecture this QEMU emulates, in QEMU's words ({@code x86_64}, {@code aarch64}; {@code query-target}). */
    public String targetArch() {
        if (object("query-target", null).get("arch") instanceof String arch) {
            return arch;
        }
        throw failure.of("query-target", malformed("query-target", "no arch"));
    }

    /** The machine types, without {@code none} ({@code query-machines}). */
    public List<MachineType> machineTypes() {
        List<MachineType> out = new ArrayList<>();
        for (Object o : list("query-machines", null)) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
                throw failure.of("query-machines", malformed("query-machines", "a machine without a name"));
            }
            if (!name.equals("none")) {
                out.add(new MachineType(name, m.get("alias") instanceof String a ? a : null,
                        Boolean.TRUE.equals(m.get("is-default")),
                        m.get("cpu-max") instanceof Number n ? n.intValue() : 1, Boolean.TRUE.equals(m.get("deprecated")),
                        m.get("default-cpu-type") instanceof String t ? t : null,
                        m.get("default-ram-id") instanceof String r ? r : null));
            }
        }
        return out;
    }

    /** The CPU model names ({@code query-cpu-definitions}), sorted; empty for a QEMU whose target has no list. */
    public List<String> cpuModels() {
        List<String> names = new ArrayList<>();
        for (CpuDefinition cpu : cpuDefinitions()) {
            names.add(cpu.name());
        }
        names.sort(null);
        return names;
    }

    /** The CPU models ({@code query-cpu-definitions}), in QEMU's order; empty for a QEMU whose target has no list. */
    public List<CpuDefinition> cpuDefinitions() {
        List<Object> answer;
        try {
            answer = client.executeList("query-cpu-definitions", null);
        } catch (QmpException e) {
            if (e.kind() == QmpException.Kind.COMMAND_ERROR) {
                return List.of();
            }
            throw failure.of("query-cpu-definitions", e);
        }
        List<CpuDefinition> cpus = new ArrayList<>();
        for (Object o : answer) {
            if (o instanceof Map<?, ?> m && m.get("name") instanceof String name) {
                cpus.add(new CpuDefinition(name, m.get("typename") instanceof String t ? t : null));
            }
        }
        return cpus;
    }

    /** The names of every concrete QOM type, devices among them ({@code qom-list-types}). */
    public java.util.SortedSet<String> concreteTypes() {
        java.util.SortedSet<String> types = new java.util.TreeSet<>();
        for (Object o : list("qom-list-types", Json.object("abstract", false))) {
            if (o instanceof Map<?, ?> m && m.get("name") instanceof String name) {
                types.add(name);
            }
        }
        return types;
    }

    /** Whether this QEMU was built with KVM support ({@code query-kvm}'s {@code present}). */
    public boolean kvmPresent() {
        return Boolean.TRUE.equals(object("query-kvm", null).get("present"));
    }

    /** Ends QEMU ({@code quit}); its closing the monitor before it answers is no failure. */
    public void quit() {
        try {
            client.execute("quit");
        } catch (QmpException e) {
            if (e.kind() != QmpException.Kind.CLOSED) {
                throw failure.of("quit", e);
            }
        }
    }

    private static QmpException malformed(String command, String what) {
        return new QmpException(QmpException.Kind.PROTOCOL, "'" + command + "' answered without what it must: " + what);
    }

    // ---- the one way a command is sent ------------------------------------------------------------------

    private Object run(String command, Map<String, Object> arguments) {
        try {
            return client.execute(command, arguments);
        } catch (QmpException e) {
            throw failure.of(command, e);
        }
    }

    private Map<String, Object> object(String command, Map<String, Object> arguments) {
        try {
            return client.executeObject(command, arguments);
        } catch (QmpException e) {
            throw failure.of(command, e);
        }
    }

    private List<Object> list(String command, Map<String, Object> arguments) {
        try {
            return client.executeList(command, arguments);
        } catch (QmpException e) {
            throw failure.of(command, e);
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static long counter(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }
}
