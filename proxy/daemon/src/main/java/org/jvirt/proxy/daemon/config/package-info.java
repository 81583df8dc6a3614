/** jvirtd's settings and its configuration file, written as libvirtd.conf is. */
package org.jvirt.proxy.daemon.config;
