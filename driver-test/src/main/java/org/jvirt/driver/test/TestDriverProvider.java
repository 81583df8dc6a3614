package org.jvirt.driver.test;

import java.nio.file.Path;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * The test driver's entry point: {@code test:///default} (one node per process, shared by every
 * connection to it and reset once the last one closes, as libvirt's) and
 * {@code test:///ABSOLUTE/PATH/node.xml} (a fresh node per connection, described by that file).
 */
public final class TestDriverProvider implements DriverProvider {
    static final String NAME = "test";
    private static final String DEFAULT_PATH = "/default";

    private static final Object DEFAULT_LOCK = new Object();
    private static TestNode defaultNode;
    private static int defaultUsers;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(NAME);
    }

    @Override
    public Class<TestDriver> driverClass() {
        return TestDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        ConnectUri uri = request.uri();
        if (uri.isRemote()) {
            return OpenResult.declined("remote URIs are served by the remote driver");
        }
        try {
            if (DEFAULT_PATH.equals(uri.path())) {
                TestNode node = acquireDefault();
                return OpenResult.accepted(new TestDriver(node, request.events(), TestDriverProvider::releaseDefault));
            }
            if (uri.path().isEmpty() || uri.path().equals("/")) {
                return OpenResult.failed(TestErrors.error(ErrorCode.INVALID_ARG,
                        "testOpen: supply a path or use test:///default", uri.text()));
            }
            Path file = Path.of(uri.path());
            if (!file.isAbsolute()) {
                return OpenResult.failed(TestErrors.error(ErrorCode.INVALID_ARG,
                        "testOpen: path '" + uri.path() + "' must be absolute", uri.text()));
            }
            TestNode node = NodeFile.load(file);
            return OpenResult.accepted(new TestDriver(node, request.events(), () -> { }));
        } catch (VirtException e) {
            return OpenResult.failed(e);
        }
    }

    private static TestNode acquireDefault() {
        synchronized (DEFAULT_LOCK) {
            if (defaultNode == null) {
                defaultNode = DefaultNode.create();
            }
            defaultUsers++;
            return defaultNode;
        }
    }

    private static void releaseDefault() {
        synchronized (DEFAULT_LOCK) {
            if (--defaultUsers == 0) {
                defaultNode = null;
            }
        }
    }
}
