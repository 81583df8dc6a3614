package org.jvirt.driver.hypercall;

import java.util.Objects;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.hypercall.privcmd.Hypervisor;
import org.jvirt.driver.hypercall.privcmd.XenCalls;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * The hypercall driver's entry point, as libvirt 0.4.4's {@code xenHypervisorOpen}: {@code xen:///} opens the
 * hypervisor's privcmd device and finds the interface version it speaks ({@link XenCalls#detect}). No device,
 * or none this user may open, declines (the other Xen drivers may serve the connection); a device whose
 * hypervisor answers no known interface version fails the open, with every version tried and its error.
 *
 * @since 1.0
 */
public final class HypercallDriverProvider implements DriverProvider {
    static final String NAME = "hypercall";

    private final HypervisorSource source;
    /** dom0's file system root, where the back ends' statistics are: {@code /}, or a test's directory. */
    private final java.nio.file.Path dom0Root;

    /** The provider the ServiceLoader makes: the real hypervisor, opened only by {@link #open}. */
    public HypercallDriverProvider() {
        this(HypervisorSource.PRIVCMD);
    }

    /** A provider whose connections use the hypervisors {@code source} opens (tests: a simulated one). */
    HypercallDriverProvider(HypervisorSource source) {
        this(source, java.nio.file.Path.of("/"));
    }

    /** As {@link #HypercallDriverProvider(HypervisorSource)}, with dom0's files under {@code dom0Root}. */
    HypercallDriverProvider(HypervisorSource source, java.nio.file.Path dom0Root) {
        this.source = Objects.requireNonNull(source, "source");
        this.dom0Root = Objects.requireNonNull(dom0Root, "dom0Root");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("xen");
    }

    @Override
    public Class<HypercallDriver> driverClass() {
        return HypercallDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        ConnectUri uri = request.uri();
        if (uri.isRemote()) {
            return OpenResult.declined("remote URIs are served by the remote driver");
        }
        if (!uri.path().isEmpty() && !uri.path().equals("/")) {
            return OpenResult.declined("xen:// URIs have no path, not '" + uri.path() + "'");
        }
        Hypervisor hv;
        try {
            hv = source.open();
        } catch (HypervisorSource.Unavailable e) {
            return OpenResult.declined(e.getMessage());
        } catch (VirtException e) {
            return OpenResult.failed(e);
        }
        try {
            XenCalls xen = XenCalls.detect(hv);
            HostFacts host = new HostFacts(xen.capabilities(), xen.pageSize());
            return OpenResult.accepted(new HypercallDriver(hv, xen, host, new BackendStatistics(dom0Root)));
        } catch (VirtException e) {
            hv.close();
            return OpenResult.failed(e);
        } catch (RuntimeException e) {
            hv.close();
            return OpenResult.failed(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.XEN,
                    ErrorCode.INTERNAL_ERROR.format("the hypervisor's answers at open cannot be read: " + e), NAME,
                    null, e));
        }
    }
}
