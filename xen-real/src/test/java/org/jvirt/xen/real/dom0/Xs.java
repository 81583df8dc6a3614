package org.jvirt.xen.real.dom0;

import java.util.List;
import java.util.Optional;

/**
 * What dom0's own XenStore tools say: {@code xenstore-list} and {@code xenstore-read} (not {@code xenstore-ls},
 * which cuts lines at 80 columns when it writes to no terminal). The oracle the XenStore tests compare jvirt with.
 */
final class Xs {
    private Xs() {
    }

    /** {@code xenstore-list PATH}: the children's names; none for a node that does not exist. */
    static List<String> list(String path) {
        String parent = path.substring(0, path.lastIndexOf('/'));
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!parent.isEmpty() && !list(parent).contains(name)) {
            return List.of();
        }
        return Dom0.run("xenstore-list", path).lines().filter(l -> !l.isBlank()).toList();
    }

    /** {@code xenstore-read PATH}, when the node exists. */
    static Optional<String> read(String path) {
        String parent = path.substring(0, path.lastIndexOf('/'));
        if (!list(parent).contains(path.substring(path.lastIndexOf('/') + 1))) {
            return Optional.empty();
        }
        String value = Dom0.run("xenstore-read", path);
        return Optional.of(value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
    }
}
