/**
 * From a call to its reply: the dispatcher (libvirtd's order of checks, the read-only rule from the
 * procedure table), the handler table the procedure groups fill, errors and objects as they cross the
 * wire, and a client's event callbacks.
 */
package org.jvirt.proxy.daemon.dispatch;
