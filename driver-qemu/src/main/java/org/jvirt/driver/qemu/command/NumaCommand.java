package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.Bitmaps;

/**
 * The guest NUMA nodes of a command line, as libvirt 9's {@code qemuBuildNumaCommandLine}: per
 * {@code <cpu><numa><cell>}, its memory backend {@code ram-nodeN} ({@link MemoryCommand#backend}, with
 * the cell's {@code memAccess} and {@code <numatune><memnode>}) then {@code -numa node,nodeid=,cpus=,memdev=};
 * then, when any cell says a distance, every distance ({@code -numa dist}). Stateless.
 */
final class NumaCommand {
    /** QEMU's distance of a node to itself and to another, when the definition says none. */
    private static final int LOCAL_DISTANCE = 10;
    private static final int REMOTE_DISTANCE = 20;

    private NumaCommand() {
    }

    static void add(Guest g, CommandLine out, Path privateDir) {
        GuestCpu cpu = GuestCpu.of(g.def());
        if (cpu == null || cpu.cells().isEmpty()) {
            return;
        }
        List<GuestCpu.Cell> cells = cpu.cells();
        for (int i = 0; i < cells.size(); i++) {
            GuestCpu.Cell c = cells.get(i);
            String id = "ram-node" + i;
            out.arg("-object", Json.write(MemoryCommand.backend(g, id, MemoryCommand.align(c.memoryKiB()), i, null,
                    false, privateDir)));
            StringBuilder node = new StringBuilder("node,nodeid=").append(i);
            if (c.cpus() != null) {
                // QEMU takes one range per cpus=, so a list of several is several cpus=
                for (String range : Bitmaps.format(Bitmaps.parse(c.cpus())).split(",")) {
                    node.append(",cpus=").append(range);
                }
            }
            out.arg("-numa", node.append(",memdev=").append(id).toString());
        }
        if (cells.stream().anyMatch(c -> !c.distances().isEmpty())) {
            for (int i = 0; i < cells.size(); i++) {
                for (int j = 0; j < cells.size(); j++) {
                    out.arg("-numa", "dist,src=" + i + ",dst=" + j + ",val=" + distance(cells, i, j));
                }
            }
        }
    }

    private static int distance(List<GuestCpu.Cell> cells, int i, int j) {
        Integer d = cells.get(i).distances().get(cells.get(j).id());
        if (d == null) {
            d = cells.get(j).distances().get(cells.get(i).id());
        }
        return d != null ? d : i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
    }

    /** The vCPUs of every cell, to check that they cover the guest's. */
    static BitSet cpus(GuestCpu cpu) {
        BitSet all = new BitSet();
        for (GuestCpu.Cell c : cpu.cells()) {
            if (c.cpus() != null) {
                all.or(Bitmaps.parse(c.cpus()));
            }
        }
        return all;
    }
}
