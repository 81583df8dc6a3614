package org.jvirt.proxy.remote;

import org.jvirt.proxy.remote.rpc.RpcChannel;

/**
 * The base of the remote driver's area interfaces ({@link RemoteNode}, {@link RemoteDomainLifecycle}, ...):
 * each area's operations are default methods calling libvirt's remote procedures through {@link #channel()},
 * and {@link RemoteDriver} implements them all. Not operations themselves.
 */
interface RemoteOperations {
    /** The channel the operations call through. */
    RpcChannel channel();

    /** The connection's shared facts (read-only, the daemon's features). */
    RemoteSession session();
}
