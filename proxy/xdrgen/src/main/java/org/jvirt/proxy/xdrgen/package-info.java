/** Reads ONC RPC .x files and writes Java XDR code: a build tool of the proxy modules. */
package org.jvirt.proxy.xdrgen;
