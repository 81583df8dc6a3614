package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.domain.QemuRules;
import org.jvirt.driver.qemu.probe.EmulatorCatalog;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;

/**
 * Domain XML to the QEMU command line the driver would run ({@code virConnectDomainXMLToNative}
 * with format {@code qemu-argv}): what {@code Connection.domainXmlToNative("qemu-argv", xml)} and
 * {@code jvirsh domxml-to-native qemu-argv FILE} answer, and {@code java -cp ... org.jvirt.driver.qemu.QemuArgv FILE}
 * without a connection.
 */
public final class QemuArgv {
    private QemuArgv() {
    }

    /**
     * The command line for {@code xml}, with the domain's private directory (monitor socket, master key)
     * at {@code privateDir}.
     *
     * @param catalog where the emulator is found and probed
     * @throws VirtException as starting the domain would, before any process starts
     */
    public static String toNative(String xml, EmulatorCatalog catalog, Path privateDir) {
        return toNative(DomainXml.parse(xml), catalog, privateDir);
    }

    /** As {@link #toNative(String, EmulatorCatalog, Path)} for a parsed definition. */
    public static String toNative(DomainDefinition def, EmulatorCatalog catalog, Path privateDir) {
        Path binary = def.emulator() != null ? Path.of(def.emulator())
                : catalog.binaryForArch(DomainDefaults.arch(def));
        if (binary == null) {
            throw QemuErrors.error(org.jvirt.api.ErrorCode.CONFIG_UNSUPPORTED, "no QEMU emulator for architecture '"
                    + DomainDefaults.arch(def) + "' is installed", def.name());
        }
        EmulatorInfo emu = catalog.info(binary);
        DomainDefinition live = PostParse.apply(def, new QemuRules(d -> emu, DomainDefaults::randomMac,
                QemuRules.kvmRuns(catalog)));
        // post-parse refused a kvm domain where KVM cannot run guests (QemuRules.kvmRuns)
        String accel = live.type().equals("kvm") ? "kvm" : "tcg";
        QemuCommand cmd = QemuCommandBuilder.build(live, emu, accel, privateDir, false);
        return cmd.toShellString();
    }

    /** Prints the command line of the domain XML in {@code args[0]}; exit status 1 with the error otherwise. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: QemuArgv DOMAIN.xml");
            System.exit(2);
        }
        try {
            String xml = Files.readString(Path.of(args[0]));
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "jvirt-qemu-argv-cache");
            DomainDefinition def = DomainXml.parse(xml);
            System.out.print(toNative(xml, EmulatorCatalog.system(cache),
                    Path.of("/var/lib/jvirt/qemu/domain--1-" + def.name())));
        } catch (IOException e) {
            System.err.println("error: cannot read " + args[0] + ": " + e.getMessage());
            System.exit(1);
        } catch (VirtException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
