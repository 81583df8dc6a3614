package org.jvirt.driver.qemu.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The host CPUs QEMU's threads are to run on, by {@code <cputune>}'s pinning: the emulator's threads
 * ({@code <emulatorpin>}), each vCPU's ({@code <vcpupin>}) and each I/O thread's ({@code <iothreadpin>});
 * those not pinned run where {@code <vcpu cpuset>} says, else anywhere. libvirt sets these affinities
 * once QEMU runs, before the guest does; so does the driver ({@code QemuProcesses}). Immutable.
 *
 * @param emulator the emulator threads' CPUs, or null
 * @param vcpus the CPUs of pinned vCPUs, by vCPU id
 * @param iothreads the CPUs of pinned I/O threads, by I/O thread id
 */
public record ThreadPinning(String emulator, Map<Integer, String> vcpus, Map<Integer, String> iothreads) {
    /** The {@code <cputune>} children that pin threads, which {@link #of} reads. */
    static final Set<String> PINS = Set.of("emulatorpin", "vcpupin", "iothreadpin");

    public ThreadPinning {
        vcpus = Map.copyOf(vcpus);
        iothreads = Map.copyOf(iothreads);
    }

    /** The definition's pinning; empty without {@code <cputune>}. */
    public static ThreadPinning of(DomainDefinition def) {
        XmlElement tune = DomainDefaults.topElement(def, "cputune");
        String emulator = null;
        Map<Integer, String> vcpus = new LinkedHashMap<>();
        Map<Integer, String> iothreads = new LinkedHashMap<>();
        if (tune != null) {
            for (XmlElement e : tune.children()) {
                switch (e.name()) {
                    case "emulatorpin" -> emulator = e.attribute("cpuset");
                    case "vcpupin" -> vcpus.put(Integer.parseInt(e.attribute("vcpu").strip()), e.attribute("cpuset"));
                    case "iothreadpin" -> iothreads.put(Integer.parseInt(e.attribute("iothread").strip()),
                            e.attribute("cpuset"));
                    default -> { } // refused by validation
                }
            }
        }
        return new ThreadPinning(emulator, vcpus, iothreads);
    }

    /** Whether anything is pinned. */
    public boolean isEmpty() {
        return emulator == null && vcpus.isEmpty() && iothreads.isEmpty();
    }
}
