/**
 * The QEMU driver's rules for reading a domain, as libvirt's {@code qemu_domain.c}: what a
 * definition becomes before anything checks or starts it.
 * <ul>
 *   <li>{@link org.jvirt.driver.qemu.domain.QemuRules}: the driver's post-parse
 *       ({@code virQEMUDriverDomainDefParserConfig}): only {@code qemu} and {@code kvm} domains, the
 *       emulator and its versioned machine type, a MAC address for each interface, a memory balloon,
 *       the architecture's video model;</li>
 *   <li>{@link org.jvirt.driver.qemu.domain.DomainDefaults}: the host's architecture, a definition's
 *       guest architecture, a random MAC address in QEMU's range.</li>
 * </ul>
 * What the driver then refuses is {@code org.jvirt.driver.qemu.command.QemuValidate}'s, and the
 * command line {@code org.jvirt.driver.qemu.command.QemuCommandBuilder}'s.
 */
package org.jvirt.driver.qemu.domain;
