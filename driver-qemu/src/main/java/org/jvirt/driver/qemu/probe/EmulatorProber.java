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
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.monitor.QemuMonitor;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuProcess;
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
            QemuMonitor qmp = new QemuMonitor(QmpClient.connect(socket,
                    QmpClient.Options.DEFAULT.withConnectTimeout(PROBE_TIMEOUT), NO_EVENTS, p::isAlive),
                    (command, e) -> failed(binary, "'" + command + "': " + e.getMessage() + qemuSaid(log), e));
            try (qmp) {
                String version = qmp.version();
                String arch = qmp.targetArch();
                List<QemuMonitor.CpuDefinition> cpuDefinitions = qmp.cpuDefinitions();
                List<EmulatorInfo.Machine> machines = new ArrayList<>();
                for (QemuMonitor.MachineType m : qmp.machineTypes()) {
                    machines.add(new EmulatorInfo.Machine(m.name(), m.alias(), m.isDefault(), m.maxCpus(),
                            m.deprecated(), modelOfType(cpuDefinitions, m.defaultCpuType()), m.defaultRamId()));
                }
                List<String> cpus = new ArrayList<>();
                for (QemuMonitor.CpuDefinition cpu : cpuDefinitions) {
                    cpus.add(cpu.name());
                }
                cpus.sort(null);
                Set<String> types = qmp.concreteTypes();
                boolean kvm = qmp.kvmPresent();
                qmp.quit();
                return new EmulatorInfo(binary.toString(), attrs.lastModifiedTime().toMillis(), attrs.size(), version,
                        arch, machines, cpus, types, kvm);
            }
        } catch (QmpException e) {
            throw failed(binary, e.getMessage() + qemuSaid(log), e);
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

    /**
     * The name of the CPU model whose QOM type is {@code type}, or null: libvirt's
     * virQEMUCapsGetMachineDefaultCPU, which finds a machine's default CPU model this way.
     */
    static String modelOfType(List<QemuMonitor.CpuDefinition> cpus, String type) {
        if (type == null) {
            return null;
        }
        for (QemuMonitor.CpuDefinition cpu : cpus) {
            if (type.equals(cpu.typeName())) {
                return cpu.name();
            }
        }
        return null;
    }

    private static final QmpListener NO_EVENTS = new QmpListener() {
        @Override
        public void onEvent(QmpEvent event) {
        }

        @Override
        public void onClose(QmpException cause) {
        }
    };

    /** What QEMU wrote to its log, after a colon; empty when it wrote nothing. */
    private static String qemuSaid(Path log) {
        String tail = QemuLauncher.logTail(log, 0, 2000);
        return tail.isEmpty() ? "" : ": " + tail;
    }

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
