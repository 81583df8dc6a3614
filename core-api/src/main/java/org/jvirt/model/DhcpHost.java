package org.jvirt.model;

/**
 * A static DHCP lease: {@code <host mac= name= ip=>}.
 *
 * @param mac the guest's MAC address, or null
 * @param name the guest's host name, or null
 * @param ip the address it always gets, or null
 *
 * @since 1.0
 */
public record DhcpHost(String mac, String name, String ip) {
}
