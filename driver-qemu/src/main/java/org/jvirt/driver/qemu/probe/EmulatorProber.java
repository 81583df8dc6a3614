package org.jvirt.driver.qemu.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.driver.qemu.qmp.QmpClient;
import org.jvirt.driver.qemu.qmp.QmpEvent;
import org.jvirt.driver.qemu.qmp.QmpException;
import org.jvirt.driver.qemu.qmp.QmpListener;

/**
 * Probes one {@code qemu-system-*} binary: starts it with {@code -machine none} and no guest,
 * asks over QMP for its version, target, machine types, CPU models, QOM types and KVM support,
 * and stops it. Takes a few hundred milliseconds; {@link EmulatorCatalog} caches the result.
 */
public final class EmulatorProber {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private EmulatorProber() {
    }

    /** Probes {@code binary}, using {@code workDir} for its monitor socket and log. */
    @SuppressWarnings("unchecked")
    public static EmulatorInfo probe(Path binary, Path workDir) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(binary, BasicFileAttributes.class);
        } catch (IOException e) {
            throw failed(binary, "cannot read it: " + e.getMessage(), e);
        }
        Path dir;
        try {
            Files.createDirectories(workDir);
            dir = Files.createTempDirectory(workDir, "probe");
        } catch (IOException e) {
            throw failed(binary, "cannot create a probe directory in " + workDir + ": " + e.getMessage(), e);
        }
        Path socket = dir.resolve("m.sock");
        Path log = dir.resolve("log");
        QemuProcess process = null;
        try {
            Files.createFile(log);
            process = QemuLauncher.launchChild(List.of(binary.toString(), "-machine", "none", "-nodefaults",
                    "-display", "none", "-no-user-config", "-S", "-qmp",
                    "unix:" + socket + ",server=on,wait=off"), null, Map.of(), log);
            QemuProcess p = process;
            try (QmpClient qmp = QmpClient.connect(socket, QmpClient.Options.DEFAULT.withConnectTimeout(PROBE_TIMEOUT),
                    NO_EVENTS, p::isAlive)) {
                Map<String, Object> version = qmp.executeObject("query-version", null);
                Map<String, Object> q = (Map<String, Object>) version.get("qemu");
                String ver = q.get("major") + "." + q.get("minor") + "." + q.get("micro");
                String arch = (String) qmp.executeObject("query-target", null).get("arch");
                List<EmulatorInfo.Machine> machines = new ArrayList<>();
                for (Object o : qmp.executeList("query-machines", null)) {
                    Map<String, Object> m = (Map<String, Object>) o;
                    String name = (String) m.get("name");
                    if ("none".equals(name)) {
                        continue;
                    }
                    machines.add(new EmulatorInfo.Machine(name, (String) m.get("alias"),
                            Boolean.TRUE.equals(m.get("is-default")),
                            m.get("cpu-max") instanceof Number n ? n.intValue() : 1,
                            Boolean.TRUE.equals(m.get("deprecated"))));
                }
                List<String> cpus = new ArrayList<>();
                try {
                    for (Object o : qmp.executeList("query-cpu-definitions", null)) {
                        cpus.add((String) ((Map<String, Object>) o).get("name"));
                    }
                } catch (QmpException e) {
                    if (e.kind() != QmpException.Kind.COMMAND_ERROR) {
                        throw e;
                    }
                }
                cpus.sort(null);
                Set<String> types = new TreeSet<>();
                for (Object o : qmp.executeList("qom-list-types", Json.object("abstract", false))) {
                    types.add((String) ((Map<String, Object>) o).get("name"));
                }
                boolean kvm = Boolean.TRUE.equals(qmp.executeObject("query-kvm", null).get("present"));
                try {
                    qmp.execute("quit");
                } catch (QmpException e) {
                    // it is quitting anyway
                }
                return new EmulatorInfo(binary.toString(), attrs.lastModifiedTime().toMillis(), attrs.size(), ver,
                        arch, machines, cpus, types, kvm);
            }
        } catch (QmpException | ClassCastException | NullPointerException e) {
            String log0 = QemuLauncher.logTail(log, 0, 2000);
            throw failed(binary, e.getMessage() + (log0.isEmpty() ? "" : ": " + log0), e);
        } catch (IOException e) {
            throw failed(binary, "cannot run it: " + e.getMessage(), e);
        } finally {
            if (process != null) {
                process.terminate(Duration.ofSeconds(2), Duration.ofSeconds(5));
            }
            deleteQuietly(socket);
            deleteQuietly(log);
            deleteQuietly(dir);
        }
    }

    private static final QmpListener NO_EVENTS = new QmpListener() {
        @Override
        public void onEvent(QmpEvent event) {
        }

        @Override
        public void onClose(QmpException cause) {
        }
    };

    private static VirtException failed(Path binary, String why, Throwable cause) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                ErrorCode.INTERNAL_ERROR.format("cannot probe the capabilities of " + binary + ": " + why),
                null, binary.toString(), cause);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }
}
