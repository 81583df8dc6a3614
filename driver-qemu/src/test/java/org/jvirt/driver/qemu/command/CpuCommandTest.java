package org.jvirt.driver.qemu.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.junit.jupiter.api.Test;

/** The vCPUs a start plugs over QMP: which, into which of QEMU's slots, named how. */
class CpuCommandTest {
    private static final DomainDefinition DEF = DomainXml.parse("<domain type='qemu'><name>g</name>"
            + "<memory>65536</memory><vcpu current='3'>6</vcpu><vcpus>"
            + "<vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>"
            + "<vcpu id='1' enabled='no' hotpluggable='yes'/><vcpu id='2' enabled='no' hotpluggable='yes'/>"
            + "<vcpu id='3' enabled='no' hotpluggable='yes'/>"
            + "<vcpu id='4' enabled='yes' hotpluggable='yes' order='3'/>"
            + "<vcpu id='5' enabled='yes' hotpluggable='yes' order='2'/></vcpus>"
            + "<os><type arch='x86_64'>hvm</type></os>"
            + "<cpu><topology sockets='3' dies='1' cores='2' threads='1'/></cpu></domain>");

    /** QEMU's answer for 3 sockets of 2 cores, in its own order (last slot first). */
    private static List<Map<String, Object>> slots() {
        List<Map<String, Object>> slots = new ArrayList<>();
        for (int socket = 0; socket < 3; socket++) {
            for (int core = 0; core < 2; core++) {
                slots.add(Json.object("type", "qemu64-x86_64-cpu", "vcpus-count", 1, "props",
                        Json.object("socket-id", socket, "die-id", 0, "core-id", core, "thread-id", 0)));
            }
        }
        Collections.reverse(slots);
        return slots;
    }

    @Test
    void theEnabledHotpluggableVcpusArePluggedInTheirOrderIntoTheirTopologySlot() {
        assertThat(CpuCommand.coldPluggedVcpus(DEF)).isEqualTo(1);
        assertThat(QemuCommandBuilder.hasHotpluggedVcpus(DEF)).isTrue();
        assertThat(CpuCommand.hotpluggedVcpus(DEF, slots())).containsExactly(
                Json.object("driver", "qemu64-x86_64-cpu", "id", "vcpu5", "socket-id", 2, "die-id", 0, "core-id", 1,
                        "thread-id", 0),
                Json.object("driver", "qemu64-x86_64-cpu", "id", "vcpu4", "socket-id", 2, "die-id", 0, "core-id", 0,
                        "thread-id", 0));
    }

    @Test
    void withoutVcpusNothingIsPlugged() {
        DomainDefinition plain = DomainXml.parse("<domain type='qemu'><name>g</name><memory>65536</memory>"
                + "<vcpu current='1'>2</vcpu><os><type arch='x86_64'>hvm</type></os></domain>");
        assertThat(QemuCommandBuilder.hasHotpluggedVcpus(plain)).isFalse();
        assertThat(CpuCommand.hotpluggedVcpus(plain, slots())).isEmpty();
    }
}
