package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.api.NodeInfo;
import org.jvirt.model.CapabilitiesDefinition;
import org.jvirt.model.CapabilitiesXml;
import org.jvirt.model.GuestCapabilities;
import org.jvirt.model.HostCapabilities;
import org.jvirt.model.HostCpu;
import org.jvirt.model.NumaCell;
import org.jvirt.model.NumaPages;
import org.jvirt.model.SecurityModel;

/**
 * The capabilities of a test node, built as libvirt's test driver builds them: an i686 host whose
 * CPUs are spread evenly over the NUMA cells (cell {@code n} is socket {@code n}), cell {@code n}'s
 * small pages {@code 4 << n} KiB, the {@code testSecurity} model, and hvm and xen guests.
 */
final class NodeCapabilities {
    static final String ARCH = "i686";
    private static final List<String> FEATURES = List.of("pae", "nonpae");
    private static final long HUGE_PAGE_KIB = 2048;
    private static final long GIGANTIC_PAGE_KIB = 1_048_576;

    private NodeCapabilities() {
    }

    static String format(NodeInfo info, long[] cellMemoryKiB) {
        int cellCount = cellMemoryKiB.length;
        int cpusPerCell = Math.max(1, info.cpus() / cellCount);
        List<NumaCell> cells = new ArrayList<>();
        List<Long> pageSizes = new ArrayList<>();
        for (int cell = 0; cell < cellCount; cell++) {
            long small = 4L << cell;
            pageSizes.add(small);
            List<HostCpu> cpus = new ArrayList<>();
            for (int i = 0; i < cpusPerCell; i++) {
                int id = cell * cpusPerCell + i;
                cpus.add(new HostCpu(id, cell, 0, i, Integer.toString(id)));
            }
            cells.add(new NumaCell(cell, cellMemoryKiB[cell], List.of(new NumaPages(small, cellMemoryKiB[cell] / small),
                    new NumaPages(HUGE_PAGE_KIB, 0), new NumaPages(GIGANTIC_PAGE_KIB, 0)), cpus));
        }
        pageSizes.add(HUGE_PAGE_KIB);
        pageSizes.add(GIGANTIC_PAGE_KIB);
        HostCapabilities host = new HostCapabilities(null, ARCH, FEATURES, pageSizes, List.of(), false, cells,
                List.of(new SecurityModel("testSecurity", "", Map.of())));
        List<GuestCapabilities> guests = new ArrayList<>();
        for (String osType : List.of("hvm", "xen")) {
            guests.add(new GuestCapabilities(osType, ARCH, 32, "/usr/bin/test-hv", List.of(), List.of("test"), FEATURES));
        }
        return CapabilitiesXml.format(new CapabilitiesDefinition(host, guests));
    }
}
