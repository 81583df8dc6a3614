/** libvirt's remote protocol: XDR types, procedure table and framing, generated from its .x files. */
package org.jvirt.proxy.protocol;
