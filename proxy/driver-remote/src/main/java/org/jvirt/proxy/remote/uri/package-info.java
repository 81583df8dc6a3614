/** Remote URIs read as libvirt's remote driver reads them: transport, address, and the URI the daemon opens. */
package org.jvirt.proxy.remote.uri;
