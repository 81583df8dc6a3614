package org.jvirt.xen.real.dom0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.driver.hypercall.HypercallDriverProvider;
import org.jvirt.driver.xenstore.XenstoreDriverProvider;
import org.jvirt.driver.xm.XmDriverProvider;
import org.jvirt.xen.XenCompositionProvider;

/**
 * The {@code xen:///} connections the dom0 tests open, each with the drivers it names and no others: the class
 * path holds every Xen driver but xend's and the composition, so {@code Jvirt.open("xen:///")} alone would be
 * the composed connection; the tests of one driver must not depend on that.
 */
final class Connections {
    private Connections() {
    }

    /** driver-hypercall alone: what the hypervisor answers through privcmd. */
    static Connection hypercall() {
        return open(List.of(new HypercallDriverProvider()), false);
    }

    /** driver-xenstore alone, on dom0's xenstored at libxenstore's default socket. */
    static Connection xenstore() {
        return open(List.of(new XenstoreDriverProvider()), false);
    }

    /**
     * {@code xen:///} as the composition serves it on Xen 4.17: hypercall, XenStore and the xm files (an
     * empty directory of the test's), no xend — Xen 4.17 has none.
     */
    static Connection composed() {
        return composed(false);
    }

    /** As {@link #composed()}, read-only when {@code readOnly} (libvirt's {@code virConnectOpenReadOnly}). */
    static Connection composed(boolean readOnly) {
        Dom0.root();
        return Jvirt.builder().providers(ProviderRegistry.of(List.of(new HypercallDriverProvider(),
                        new XenstoreDriverProvider(), new XmDriverProvider()),
                List.of(new XenCompositionProvider().composition()))).uri(composedUri()).readOnly(readOnly).open();
    }

    /** The composed connection's URI: the xm files in a directory of their own, not the host's /etc/xen. */
    static String composedUri() {
        return "xen:///?xm_config_dir=" + xmDir();
    }

    private static Path xmDir() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "jvirt-xm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection open(List<org.jvirt.spi.DriverProvider> providers, boolean readOnly) {
        Dom0.root();
        return Jvirt.builder().providers(ProviderRegistry.of(providers)).uri("xen:///").readOnly(readOnly).open();
    }
}
