package org.jvirt.proxy.daemon.dispatch;

import org.jvirt.api.Connection;
import org.jvirt.api.VirtException;

/**
 * Opens the jvirt connection a client asks for. The daemon's binding opens it through the core with
 * every driver jvirtd carries (plugins from {@code $JVIRT_PLUGIN_DIR} included); tests bind another.
 * Called from many client threads at once.
 */
@FunctionalInterface
public interface ConnectionFactory {
    /**
     * @param uri the URI the client named, null for the default
     * @param readOnly whether the connection must refuse every mutation
     * @throws VirtException when no driver opens it
     */
    Connection open(String uri, boolean readOnly);
}
