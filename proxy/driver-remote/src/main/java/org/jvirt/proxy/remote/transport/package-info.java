/** How the remote driver reaches a daemon: unix sockets, TCP, and the system's ssh client. */
package org.jvirt.proxy.remote.transport;
