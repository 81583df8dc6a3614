package org.jvirt.driver.xenstore.testing;

import java.util.List;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.jvirt.driver.xenstore.wire.XsPermission;
import org.jvirt.driver.xenstore.wire.XsTransaction;

/**
 * Writes domains into a store the way Xen's toolstack (libxl, as {@code xl create} runs it) does, for the
 * tests: in one transaction the domain's {@code /local/domain/ID} (owned by dom0, readable by the
 * domain), its {@code /vm/UUID}, its front ends under {@code device/} and dom0's back ends under
 * {@code /local/domain/0/backend/}; then XS_INTRODUCE, which makes xenstored fire
 * {@code @introduceDomain}. Destroying removes those nodes and then sends XS_RELEASE
 * ({@code @releaseDomain}), as {@code xl destroy} removes the domain's nodes before the hypervisor lets
 * it die.
 */
public final class Toolstack {
    private final XenstoreClient store;

    public Toolstack(XenstoreClient store) {
        this.store = store;
    }

    /**
     * dom0 as Xen 4.17 sets it up: {@code xen-init-dom0} writes its {@code name} and {@code domid} (no
     * {@code vm} path), and the memory and vCPU nodes of the host.
     */
    public void dom0() {
        store.transaction(tx -> {
            tx.write("/local/domain/0/name", "Domain-0");
            tx.write("/local/domain/0/domid", "0");
            tx.write("/local/domain/0/memory/target", "1048576");
            tx.write("/local/domain/0/memory/static-max", "1048576");
            tx.write("/local/domain/0/cpu/0/availability", "online");
            tx.write("/local/domain/0/cpu/1/availability", "online");
            return null;
        });
    }

    /** Writes {@code g}'s nodes and introduces it. */
    public void create(Guest g) {
        write(g);
        introduce(g);
    }

    /** Writes {@code g}'s nodes without introducing it (a toolstack half-way through building it). */
    public void write(Guest g) {
        store.transaction(tx -> {
            writeNodes(tx, g);
            return null;
        });
    }

    /** XS_INTRODUCE of {@code g}: xenstored fires {@code @introduceDomain}. */
    public void introduce(Guest g) {
        // A ring page frame and an event channel of the guest: the shim maps a blank page for any.
        store.introduceDomain(g.id(), 0x1000 + g.id(), 1);
    }

    /** Removes {@code g}'s nodes, then releases it. */
    public void destroy(Guest g) {
        remove(g);
        store.releaseDomain(g.id());
    }

    /** Removes {@code g}'s nodes only. */
    public void remove(Guest g) {
        store.transaction(tx -> {
            tx.rm(g.path());
            tx.rm(g.vmPath());
            // The back ends a guest has: one without interfaces or disks has none to remove.
            if (!g.macs().isEmpty()) {
                tx.rm("/local/domain/0/backend/vif/" + g.id());
            }
            if (!g.disks().isEmpty()) {
                tx.rm("/local/domain/0/backend/vbd/" + g.id());
            }
            return null;
        });
    }

    private static void writeNodes(XsTransaction tx, Guest g) {
        String dom = g.path();
        String vm = g.vmPath();
        tx.mkdir(dom);
        tx.setPermissions(dom, List.of(new XsPermission(XsPermission.Access.NONE, 0),
                new XsPermission(XsPermission.Access.READ, g.id())));
        tx.write(dom + "/name", g.name());
        tx.write(dom + "/domid", Integer.toString(g.id()));
        tx.write(dom + "/vm", vm);
        tx.write(dom + "/memory/target", Long.toString(g.memoryKiB()));
        tx.write(dom + "/memory/static-max", Long.toString(g.maxMemoryKiB()));
        for (int i = 0; i < g.vcpus(); i++) {
            tx.write(dom + "/cpu/" + i + "/availability", "online");
        }
        if (g.tty() != null) {
            tx.write(dom + "/console/tty", g.tty());
        }
        if (g.vncPort() >= 0) {
            tx.write(dom + "/console/vnc-port", Integer.toString(g.vncPort()));
        }
        if (g.running()) {
            tx.write(dom + "/running", "1");
        }
        tx.write(vm + "/uuid", g.uuid().toString());
        tx.write(vm + "/name", g.name());
        tx.write(vm + "/image/ostype", g.osType());
        for (int i = 0; i < g.macs().size(); i++) {
            String front = dom + "/device/vif/" + i;
            String back = "/local/domain/0/backend/vif/" + g.id() + "/" + i;
            tx.write(front + "/backend", back);
            tx.write(front + "/backend-id", "0");
            tx.write(front + "/mac", g.macs().get(i));
            tx.write(front + "/handle", Integer.toString(i));
            tx.write(front + "/state", "4");
            tx.write(back + "/frontend", front);
            tx.write(back + "/frontend-id", Integer.toString(g.id()));
            tx.write(back + "/mac", g.macs().get(i));
            tx.write(back + "/bridge", "xenbr0");
            tx.write(back + "/handle", Integer.toString(i));
            tx.write(back + "/state", "4");
        }
        for (int i = 0; i < g.disks().size(); i++) {
            String devid = Integer.toString(51712 + 16 * i); // xvda, xvdb...: 202 << 8 | 16 * n
            String front = dom + "/device/vbd/" + devid;
            String back = "/local/domain/0/backend/vbd/" + g.id() + "/" + devid;
            tx.write(front + "/backend", back);
            tx.write(front + "/virtual-device", devid);
            tx.write(front + "/device-type", "disk");
            tx.write(front + "/state", "4");
            tx.write(back + "/frontend", front);
            tx.write(back + "/dev", g.disks().get(i));
            tx.write(back + "/params", "/var/lib/xen/images/" + g.name() + "-" + i + ".img");
            tx.write(back + "/type", "phy");
            tx.write(back + "/mode", "w");
            tx.write(back + "/state", "4");
        }
    }
}
