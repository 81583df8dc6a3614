/**
 * xend's domain configuration and jvirt's domain model, both ways: {@link org.jvirt.driver.xend.config.XendConfig}
 * (the entry points) and {@link org.jvirt.driver.xend.config.XendRules} (the Xen rules of post-parse).
 * Each part of a guest has its class, which reads it from xend's S-expression and writes it back:
 * {@code GuestSection} (name, uuid, memory, vCPUs), {@code OsSection} (bootloader, kernel, hvmloader,
 * boot order), {@code PlatformSection} (lifecycle, features, clock), {@code DiskSection},
 * {@code InterfaceSection}, {@code CharSection} with {@code CharStrings} (serial, parallel, console),
 * {@code GraphicsSection} (VNC and SDL, old and new style) and {@code InputSoundSection} (USB
 * pointers, sound cards); {@code DomainReader} and {@code DomainWriter} put them together.
 */
package org.jvirt.driver.xend.config;
