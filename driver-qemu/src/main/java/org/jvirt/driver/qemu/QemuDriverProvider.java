package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.state.StateLayout;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * The QEMU driver's entry point: {@code qemu:///system} (root only; state under
 * {@code /etc/jvirt/qemu}, {@code /run/jvirt/qemu}, {@code /var/lib/jvirt/qemu}),
 * {@code qemu:///session} (the user's own, under the XDG directories) and
 * {@code qemu:///embed?root=DIR} (everything under {@code DIR}). Every connection of this JVM
 * to one state directory shares one {@link QemuNode}, which holds the directory's lock while
 * any connection is open; domains keep running when the last one closes.
 */
public final class QemuDriverProvider implements DriverProvider {
    static final String NAME = "qemu";
    /** How long an operation waits for another one on the same domain, libvirt's 30 s. */
    static final long DEFAULT_JOB_WAIT_MILLIS = 30_000;

    private static final Map<Path, Shared> NODES = new HashMap<>();

    private static final class Shared {
        final QemuNode node;
        int users;

        Shared(QemuNode node) {
            this.node = node;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(NAME);
    }

    @Override
    public Class<QemuDriver> driverClass() {
        return QemuDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        ConnectUri uri = request.uri();
        if (uri.isRemote()) {
            return OpenResult.declined("remote URIs are served by the remote driver");
        }
        if (uri.path().equals("/system") && !isRoot()) {
            // As libvirt's client: without root, qemu:///system is the system daemon's (the remote driver's).
            return OpenResult.declined("qemu:///system needs root; without it the system daemon serves it");
        }
        try {
            StateLayout layout = layoutFor(uri);
            long jobWait = DEFAULT_JOB_WAIT_MILLIS;
            String jw = uri.query().get("jobwait");
            if (jw != null) {
                try {
                    jobWait = Long.parseLong(jw);
                } catch (NumberFormatException e) {
                    return OpenResult.failed(QemuErrors.invalidArg("jobwait must be a number of milliseconds, not '"
                            + jw + "'", uri.text()));
                }
            }
            QemuNode node = acquire(layout, jobWait);
            QemuDriver driver = new QemuDriver(node, request.events(), () -> release(layout));
            return OpenResult.accepted(driver);
        } catch (VirtException e) {
            return OpenResult.failed(e);
        }
    }

    static StateLayout layoutFor(ConnectUri uri) {
        switch (uri.path()) {
            case "/system" -> {
                if (!isRoot()) {
                    throw QemuErrors.error(ErrorCode.OPERATION_INVALID,
                            "unexpected QEMU URI path '/system', try qemu:///session (qemu:///system needs root)",
                            uri.text());
                }
                return StateLayout.system();
            }
            case "/session" -> {
                return StateLayout.session(System.getenv(), Path.of(System.getProperty("user.home")));
            }
            case "/embed" -> {
                String root = uri.query().get("root");
                if (root == null || root.isEmpty()) {
                    throw QemuErrors.invalidArg("qemu:///embed needs a root directory: qemu:///embed?root=/some/dir",
                            uri.text());
                }
                Path p = Path.of(root);
                if (!p.isAbsolute()) {
                    throw QemuErrors.invalidArg("the root directory of qemu:///embed must be absolute, not '" + root
                            + "'", uri.text());
                }
                try {
                    Files.createDirectories(p);
                    p = p.toRealPath();
                } catch (IOException e) {
                    throw QemuErrors.system("cannot use '" + root + "' as the root of qemu:///embed: "
                            + e.getMessage(), uri.text(), e);
                }
                return StateLayout.embed(p);
            }
            default -> throw QemuErrors.invalidArg("unexpected QEMU URI path '" + uri.path()
                    + "', try qemu:///system, qemu:///session or qemu:///embed?root=DIR", uri.text());
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static QemuNode acquire(StateLayout layout, long jobWait) {
        boolean fresh = false;
        Shared s;
        synchronized (NODES) {
            s = NODES.get(layout.runDir());
            if (s == null) {
                s = new Shared(new QemuNode(layout, jobWait));
                NODES.put(layout.runDir(), s);
                fresh = true;
            }
            s.users++;
        }
        if (fresh) {
            s.node.autostart();
        }
        return s.node;
    }

    private static void release(StateLayout layout) {
        synchronized (NODES) {
            Shared s = NODES.get(layout.runDir());
            if (s != null && --s.users == 0) {
                NODES.remove(layout.runDir());
                s.node.close();
            }
        }
    }
}
