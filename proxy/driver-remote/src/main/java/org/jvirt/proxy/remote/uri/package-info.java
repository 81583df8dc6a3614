/**
 * Remote URIs read as libvirt 9's remote driver reads them ({@link org.jvirt.proxy.remote.uri.RemoteTarget}): the
 * transport and its address, the URI the daemon opens, and the channel's settings.
 *
 * <pre>
 * test+unix:///default?socket=/tmp/jv/libvirt-sock    a local socket
 * qemu+unix:///system                                 libvirt's default: /var/run/libvirt/libvirt-sock, or virtqemud's
 * qemu+ssh://root@host:2222/system?keyfile=K          ssh; the far side runs virt-ssh-helper, jvirt-ssh-helper or nc
 * qemu+tcp://host/system                              plain TCP, port 16509
 * qemu+ext:///system?command=/usr/local/bin/tunnel    a program speaking the protocol on its standard streams
 * </pre>
 *
 * What libvirt derives is checked row by row against Debian's virsh (the test sources' {@code DerivationTable}).
 */
package org.jvirt.proxy.remote.uri;
