package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest's I/O threads, as libvirt 9's {@code qemuBuildIOThreadCommandLine}: one
 * {@code -object iothread} per thread, {@code iothreadN} for thread id N — those {@code <iothreadids>}
 * names, then as many more as {@code <iothreads>} counts, numbered from 1 with the ids not taken.
 * Disks name them in {@code driver/@iothread}. Stateless.
 */
final class IOThreadCommand {
    private IOThreadCommand() {
    }

    /** The I/O thread ids, in libvirt's order; empty without {@code <iothreads>}. */
    static List<Integer> ids(DomainDefinition def) {
        Set<Integer> ids = new LinkedHashSet<>();
        XmlElement listed = DomainDefaults.topElement(def, "iothreadids");
        if (listed != null) {
            for (XmlElement t : listed.children()) {
                ids.add(Integer.parseInt(t.attribute("id").strip()));
            }
        }
        XmlElement count = DomainDefaults.topElement(def, "iothreads");
        int n = count == null ? 0 : Integer.parseInt(count.text().strip());
        for (int next = 1; ids.size() < n; next++) {
            ids.add(next);
        }
        return new ArrayList<>(ids);
    }

    static void add(Guest g, CommandLine out) {
        for (int id : ids(g.def())) {
            out.arg("-object", Json.write(Json.object("qom-type", "iothread", "id", "iothread" + id)));
        }
    }
}
