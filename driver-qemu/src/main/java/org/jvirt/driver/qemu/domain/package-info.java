/**
 * The QEMU driver's rules for reading a domain, as libvirt's {@code qemu_domain.c}: what a
 * definition becomes before anything checks or starts it.
 * <ul>
 *   <li>{@link org.jvirt.driver.qemu.domain.QemuRules}: the driver's post-parse
 *       ({@code virQEMUDriverDomainDefParserConfig}): only {@code qemu} and {@code kvm} domains, the
 *       emulator and its versioned machine type, a MAC address for each interface, and the parts below;</li>
 *   <li>{@code DefaultDevices} and {@code DefaultAudio}: the PS/2 inputs, memory balloon and audio
 *       backend libvirt adds (qemuDomainDefAddDefaultDevices, but for controllers);</li>
 *   <li>{@code DefaultCpu}: the machine's default CPU model and the CPU's check
 *       (qemuDomainDefSetDefaultCPU, qemuDomainDefCPUPostParse);</li>
 *   <li>{@code DefaultFeatures}: the GIC of Arm's virt board (qemuDomainDefEnableDefaultFeatures);</li>
 *   <li>{@code VcpuOrder} and {@code NumaCpus}: the order QEMU brings vCPUs online in, the vCPUs of
 *       the first NUMA cell (qemuDomainDefVcpusPostParse, qemuDomainDefNumaCPUsRectify);</li>
 *   <li>{@code DefaultSeclabel}: the model of a lone seclabel naming none;</li>
 *   <li>{@code DeviceDefaults} and {@code SerialTargets}: each device's defaults
 *       (qemuDomainDeviceDefPostParse);</li>
 *   <li>{@code DefineValidate}: what libvirt refuses at define ({@code qemu_validate.c});</li>
 *   <li>{@link org.jvirt.driver.qemu.domain.DomainDefaults}: the host's architecture, a definition's
 *       guest architecture, a random MAC address in QEMU's range.</li>
 * </ul>
 * What the driver then refuses to start is {@code org.jvirt.driver.qemu.command.QemuValidate}'s, and
 * the command line {@code org.jvirt.driver.qemu.command.QemuCommandBuilder}'s.
 */
package org.jvirt.driver.qemu.domain;
