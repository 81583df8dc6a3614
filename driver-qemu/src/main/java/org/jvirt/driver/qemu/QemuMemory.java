package org.jvirt.driver.qemu;

import org.jvirt.api.ModificationImpact;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.spi.DomainRef;

/**
 * A domain's memory, as libvirt's {@code qemuDomainSetMemoryFlags}: the current memory through the
 * virtio balloon of a running guest or in the persistent definition, and the maximum in the
 * persistent definition only (QEMU cannot change a running guest's).
 */
final class QemuMemory {
    private final QemuNode node;

    QemuMemory(QemuNode node) {
        this.node = node;
    }

    void setMemory(DomainRef ref, long kib, ModificationImpact impact) {
        QemuDomain d = node.domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("setmem", node.jobWaitMillis)) {
            boolean live = d.affectsLive(impact);
            DomainDefinition def;
            synchronized (d) {
                def = live ? d.live : d.persistent;
            }
            if (kib > def.memoryKiB()) {
                throw QemuErrors.invalidArg("cannot set memory higher than max memory", d.name);
            }
            if (live) {
                QemuRun run = node.processes.activeRun(d);
                boolean balloon = def.devices(MemballoonDevice.class).stream()
                        .anyMatch(b -> b.model() == null || b.model().equals("virtio"));
                if (!balloon) {
                    throw QemuErrors.operationInvalid("Unable to change memory of active domain without a balloon"
                            + " device", d.name);
                }
                run.monitor.setBalloon(kib * 1024);
                synchronized (d) {
                    d.live = d.live.toBuilder().currentMemoryKiB(kib).build();
                    node.processes.writeStatus(d, run);
                }
            } else {
                DomainDefinition changed = def.toBuilder().currentMemoryKiB(kib).build();
                synchronized (d) {
                    node.definitions.persist(d, changed);
                }
            }
        }
    }

    void setMaxMemory(DomainRef ref, long kib, ModificationImpact impact) {
        QemuDomain d = node.domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("setmaxmem", node.jobWaitMillis)) {
            if (d.affectsLive(impact)) {
                throw QemuErrors.operationInvalid("cannot resize the maximum memory on an active domain", d.name);
            }
            synchronized (d) {
                DomainDefinition def = d.persistent;
                node.definitions.persist(d, def.toBuilder().memoryKiB(kib)
                        .currentMemoryKiB(Math.min(kib, def.currentMemoryKiB())).build());
            }
        }
    }
}
