/**
 * Domain definition to QEMU command line, as libvirt's {@code qemu_validate.c} and
 * {@code qemu_command.c}: a definition completed by the driver's post-parse
 * ({@link org.jvirt.driver.qemu.domain}) is first checked, then turned into an argv with
 * {@code -nodefaults}, QMP on a unix socket and every device explicit. One concern a file:
 * <ul>
 *   <li>{@link org.jvirt.driver.qemu.command.QemuValidate}: everything the driver refuses to start or
 *       hot-plug (CONFIG_UNSUPPORTED naming the element or value, XML_ERROR, NO_SOURCE; error domain
 *       QEMU), in the order the command line meets it; the domain, clock, lifecycle, boot, disks and
 *       interfaces. {@code DeviceValidate}: the other devices, and device addresses.
 *       {@code Unsupported}: the errors.</li>
 *   <li>{@link org.jvirt.driver.qemu.command.QemuCommandBuilder}: the whole command and its
 *       machine-wide part (machine, accelerator, CPU, SMP, memory, clock, lifecycle, boot, PCIe root
 *       ports); the hot-plug entry points {@code planDisk} and {@code planInterface}, which validate
 *       then plan one device.</li>
 *   <li>{@code DiskCommand}: disks, their {@code -blockdev} nodes and drive addresses.</li>
 *   <li>{@code InterfaceCommand}: network interfaces, {@code -netdev} and the NIC.</li>
 *   <li>{@code CharDeviceCommand}: serial ports, consoles, parallel ports and their {@code -chardev}
 *       backends.</li>
 *   <li>{@code DeviceCommand}: inputs and USB, sound, VNC, video.</li>
 *   <li>The devices the model keeps as elements, each family a class that says which elements it
 *       builds whole ({@code honoured}, which {@code HonouredElements} strips), refuses the values it
 *       cannot build ({@code validate}, called by {@code QemuValidate} in command-line order) and writes
 *       them ({@code add}, called by the builder at libvirt's place): {@code RngCommand},
 *       {@code HubCommand}, {@code WatchdogCommand}, {@code PanicCommand}, {@code SmartcardCommand},
 *       {@code RedirdevCommand}, {@code ShmemCommand}, {@code IommuCommand}, {@code VsockCommand};
 *       {@code TpmCommand} only refuses, naming the host device or program missing;
 *       {@code BalloonCommand} and {@code PassthroughInputs} read the options the model keeps unparsed
 *       on a balloon and an input; {@code ElementDevices} is what they share.</li>
 *   <li>{@code Guest}, {@code CommandLine}, {@code Machines}, {@code QemuOptions}: what the parts
 *       share: the definition and its emulator, the argv being built, machine families, QEMU's option
 *       syntax and PCI addresses.</li>
 *   <li>{@link org.jvirt.driver.qemu.command.QemuCommand}: the result, with the QEMU ids of the devices
 *       the driver manages.</li>
 * </ul>
 * The builders take what validation accepted and refuse nothing.
 */
package org.jvirt.driver.qemu.command;
