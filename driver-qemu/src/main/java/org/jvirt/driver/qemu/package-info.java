/**
 * The QEMU driver: domains run by real QEMU processes, managed over QMP, laid out as libvirt's own
 * QEMU driver so that a contributor who knows one finds their way in the other.
 *
 * <table>
 * <caption>Where each concern lives (libvirt's file in brackets)</caption>
 * <tr><td>{@code QemuDriverProvider}</td><td>the {@code qemu:///} URIs, one shared node per state directory</td></tr>
 * <tr><td>{@code QemuDriver}</td><td>entry points: the operations and flags a connection declares [qemu_driver.c]</td></tr>
 * <tr><td>{@code QemuNode}</td><td>the driver state of one state directory and its concerns [virQEMUDriver]</td></tr>
 * <tr><td>{@code QemuDomainList}, {@code QemuDomain}, {@code QemuRun}</td><td>the domains, lookup and listing;
 *     one domain and its job lock; one run of its QEMU [virdomainobjlist.c, qemu_domain.h]</td></tr>
 * <tr><td>{@code QemuDefinitions}</td><td>persistent definitions and autostart links on disk</td></tr>
 * <tr><td>{@code QemuLifecycle}</td><td>create, start, suspend, resume, shutdown, reboot, destroy</td></tr>
 * <tr><td>{@code QemuProcesses}</td><td>starting QEMU, its status files, its end, monitor errors [qemu_process.c]</td></tr>
 * <tr><td>{@code QemuReconnect}</td><td>adopting the QEMU processes a previous driver left [qemuProcessReconnect]</td></tr>
 * <tr><td>{@code QemuMonitorEvents}</td><td>QMP events turned into states and lifecycle events [qemu_process.c handlers]</td></tr>
 * <tr><td>{@code QemuLog}</td><td>each domain's QEMU log</td></tr>
 * <tr><td>{@code QemuSaveRestore}, {@code QemuCoreDump}, {@code QemuFileMigration}</td><td>save and restore, core
 *     dumps, and the migration stream to files they share [qemu_saveimage.c, qemu_migration.c]</td></tr>
 * <tr><td>{@code QemuJobs}</td><td>a background job's progress and abort</td></tr>
 * <tr><td>{@code QemuMemory}, {@code QemuStats}</td><td>memory through the balloon; vCPU, disk and interface
 *     statistics</td></tr>
 * <tr><td>{@code QemuHotplug}</td><td>attaching and detaching devices [qemu_hotplug.c]</td></tr>
 * <tr><td>{@code QemuArgv}, {@code HostFacts}, {@code QemuErrors}</td><td>the native format; the host's node
 *     facts; the driver's errors</td></tr>
 * <tr><td>{@code monitor}</td><td>the typed monitor: every QMP command one method [qemu_monitor.c]</td></tr>
 * <tr><td>{@code qmp}</td><td>the QMP wire client and its JSON [qemu_monitor_json.c]</td></tr>
 * <tr><td>{@code command}</td><td>the domain's QEMU command line [qemu_command.c]</td></tr>
 * <tr><td>{@code probe}</td><td>emulators, their capabilities and KVM [qemu_capabilities.c]</td></tr>
 * <tr><td>{@code process}</td><td>launching and watching a process</td></tr>
 * <tr><td>{@code state}</td><td>the state directory's layout, lock, status and save image files</td></tr>
 * </table>
 */
package org.jvirt.driver.qemu;
