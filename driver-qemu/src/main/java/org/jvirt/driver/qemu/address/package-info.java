/**
 * Device addresses and the controllers they need, as libvirt 9's QEMU driver gives them when a
 * domain is defined ({@code qemu_domain_address.c} and {@code domain_addr.c}), so that a definition
 * reads back as libvirt's does.
 * <ul>
 *   <li>{@link org.jvirt.driver.qemu.address.DefaultControllers} and
 *       {@link org.jvirt.driver.qemu.address.ControllerModels}: the USB, SATA and PCI root controllers
 *       a machine type always has, and the USB and SCSI models a controller without one gets
 *       (post-parse);</li>
 *   <li>{@link org.jvirt.driver.qemu.address.QemuAddresses}: the assignment itself — virtio-serial
 *       ports, sPAPR VIO registers, virtio-mmio on Arm boards, PCI slots (PciAssigner over a
 *       PciAddressSet, adding pcie-root-ports and bridges), USB ports (adding hubs);</li>
 *   <li>{@link org.jvirt.driver.qemu.address.AddressValidation}: the address checks of validation.</li>
 * </ul>
 * Refusals carry libvirt's error code, domain and words.
 */
package org.jvirt.driver.qemu.address;
