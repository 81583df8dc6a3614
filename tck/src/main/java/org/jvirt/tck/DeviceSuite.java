package org.jvirt.tck;

import static org.jvirt.api.Operation.DOMAIN_ATTACH_DEVICE;
import static org.jvirt.api.Operation.DOMAIN_BLOCK_PEEK;
import static org.jvirt.api.Operation.DOMAIN_BLOCK_STATS;
import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_DETACH_DEVICE;
import static org.jvirt.api.Operation.DOMAIN_GET_XML_DESC;
import static org.jvirt.api.Operation.DOMAIN_INTERFACE_STATS;
import static org.jvirt.api.Operation.DOMAIN_MEMORY_PEEK;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.jvirt.api.BlockStats;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.InterfaceDevice;

/** Devices: attach and detach, and the per-device reads (block and interface statistics, peeking).
 *
 * @since 1.0
 */
public abstract class DeviceSuite extends TckSuite {

    private String diskTarget(String xml) {
        if (!(DomainXml.parseDevice(xml) instanceof DiskDevice disk)) {
            throw new IllegalStateException("the target's diskXml is not a <disk>: " + xml);
        }
        return disk.targetDev();
    }

    private static long disksWithTarget(Domain d, String target) {
        return DomainXml.parse(d.xmlDesc()).devices(DiskDevice.class).stream()
                .filter(disk -> disk.targetDev().equals(target)).count();
    }

    @Test
    public void attachAndDetachADisk() {
        String xml = s.target.diskXml(s.image().toString());
        boolean attach = s.declaredElseNoSupport(DOMAIN_ATTACH_DEVICE, d -> d.attachDevice(xml));
        boolean detach = s.declaredElseNoSupport(DOMAIN_DETACH_DEVICE, d -> d.detachDevice(xml));
        if (!attach && !detach) {
            return;
        }
        s.require("attach and detach (each needs the other to be checked)", DOMAIN_ATTACH_DEVICE, DOMAIN_DETACH_DEVICE);
        s.require("seeing devices come and go", DOMAIN_GET_XML_DESC);
        String target = diskTarget(xml);
        // An inactive domain's definition: every driver can change it without the guest's help.
        Domain d = s.declares(DOMAIN_DEFINE_XML) ? s.definedDomain() : s.runningDomain();
        Expect.check(disksWithTarget(d, target) == 0, "the domain template must not have a disk %s already", target);
        Expect.ok(DOMAIN_ATTACH_DEVICE, () -> d.attachDevice(xml));
        Expect.check(disksWithTarget(d, target) == 1, "after virDomainAttachDevice the XML has the disk %s", target);
        Expect.failsCleanly(DOMAIN_ATTACH_DEVICE, "a disk with that target is attached already",
                () -> d.attachDevice(xml));
        Expect.check(disksWithTarget(d, target) == 1, "a refused attach changes nothing");
        Expect.ok(DOMAIN_DETACH_DEVICE, () -> d.detachDevice(xml));
        Expect.check(disksWithTarget(d, target) == 0, "after virDomainDetachDevice the XML lacks the disk %s", target);
        Expect.fails(DOMAIN_DETACH_DEVICE, ErrorCode.DEVICE_MISSING, "no disk has the target",
                () -> d.detachDevice(xml));
        s.contract(DOMAIN_ATTACH_DEVICE, DOMAIN_DETACH_DEVICE);
    }

    @Test
    public void theImpactChoosesTheDefinition() {
        String xml = s.target.diskXml(s.image().toString());
        if (!s.declares(DOMAIN_ATTACH_DEVICE) || !s.declares(DOMAIN_DETACH_DEVICE)) {
            return; // attachAndDetachADisk checks NO_SUPPORT
        }
        s.require("an inactive persistent domain and its XML", DOMAIN_DEFINE_XML, DOMAIN_GET_XML_DESC);
        String target = diskTarget(xml);
        Domain d = s.definedDomain();
        Expect.fails(DOMAIN_ATTACH_DEVICE, ErrorCode.OPERATION_INVALID, "LIVE on an inactive domain",
                () -> d.attachDevice(xml, ModificationImpact.LIVE));
        Expect.check(disksWithTarget(d, target) == 0, "a refused attach changes nothing");
        Expect.ok(DOMAIN_ATTACH_DEVICE, () -> d.attachDevice(xml, ModificationImpact.CONFIG));
        Expect.check(disksWithTarget(d, target) == 1, "attaching with CONFIG puts the disk %s in the definition",
                target);
        Expect.fails(DOMAIN_DETACH_DEVICE, ErrorCode.OPERATION_INVALID, "LIVE on an inactive domain",
                () -> d.detachDevice(xml, ModificationImpact.LIVE));
        Expect.ok(DOMAIN_DETACH_DEVICE, () -> d.detachDevice(xml, ModificationImpact.CONFIG));
        Expect.check(disksWithTarget(d, target) == 0, "detaching with CONFIG takes the disk %s out", target);
        s.contract(DOMAIN_ATTACH_DEVICE, DOMAIN_DETACH_DEVICE);
    }

    @Test
    public void malformedDeviceXmlIsRefused() {
        if (!s.declaredElseNoSupport(DOMAIN_ATTACH_DEVICE, d -> d.attachDevice("<disk"))) {
            return;
        }
        Domain d = s.declares(DOMAIN_DEFINE_XML) ? s.definedDomain() : s.runningDomain();
        Expect.fails(DOMAIN_ATTACH_DEVICE, ErrorCode.XML_ERROR, "the device XML is malformed",
                () -> d.attachDevice("<disk type='file'><target dev='vdq'/>"));
        s.contract(DOMAIN_ATTACH_DEVICE);
    }

    @Test
    public void blockPeekReadsTheDiskImage() {
        if (!s.declaredElseNoSupport(DOMAIN_BLOCK_PEEK, d -> d.blockPeek("vda", 0, 1))) {
            return;
        }
        s.require("a disk whose bytes the kit knows", DOMAIN_DEFINE_XML, DOMAIN_ATTACH_DEVICE);
        Path image = s.image();
        String xml = s.target.diskXml(image.toString());
        String target = diskTarget(xml);
        Domain d = s.definedDomain();
        d.attachDevice(xml);
        if (s.declares(DOMAIN_CREATE)) {
            d.start();
        }
        byte[] bytes = Expect.ok(DOMAIN_BLOCK_PEEK, () -> d.blockPeek(target, 300, 5));
        byte[] expected = new byte[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = (byte) ((300 + i) % 251);
        }
        Expect.check(java.util.Arrays.equals(bytes, expected), "virDomainBlockPeek(%s, 300, 5) reads the image's"
                + " bytes %s, got %s", target, java.util.Arrays.toString(expected), java.util.Arrays.toString(bytes));
        Expect.fails(DOMAIN_BLOCK_PEEK, ErrorCode.INVALID_ARG, "the domain has no such disk",
                () -> d.blockPeek("tck-no-such-disk", 0, 1));
        s.contract(DOMAIN_BLOCK_PEEK);
    }

    @Test
    public void blockStats() {
        if (!s.declaredElseNoSupport(DOMAIN_BLOCK_STATS, d -> d.blockStats("vda"))) {
            return;
        }
        Domain d = s.runningDomain();
        Expect.fails(DOMAIN_BLOCK_STATS, ErrorCode.INVALID_ARG, "the domain has no such disk",
                () -> d.blockStats("tck-no-such-disk"));
        for (String disk : devices(d, true)) {
            BlockStats stats = Expect.ok(DOMAIN_BLOCK_STATS, () -> d.blockStats(disk));
            Expect.check(stats != null, "virDomainBlockStats(%s) answers", disk);
        }
        s.contract(DOMAIN_BLOCK_STATS);
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.fails(DOMAIN_BLOCK_STATS, ErrorCode.OPERATION_INVALID, "the domain is not running",
                    () -> inactive.blockStats("vda"));
        }
    }

    @Test
    public void interfaceStats() {
        if (!s.declaredElseNoSupport(DOMAIN_INTERFACE_STATS, d -> d.interfaceStats("vnet0"))) {
            return;
        }
        Domain d = s.runningDomain();
        Expect.fails(DOMAIN_INTERFACE_STATS, ErrorCode.INVALID_ARG, "the domain has no such interface",
                () -> d.interfaceStats("tck-no-such-nic"));
        for (String nic : devices(d, false)) {
            Expect.check(Expect.ok(DOMAIN_INTERFACE_STATS, () -> d.interfaceStats(nic)) != null,
                    "virDomainInterfaceStats(%s) answers", nic);
        }
        s.contract(DOMAIN_INTERFACE_STATS);
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.fails(DOMAIN_INTERFACE_STATS, ErrorCode.OPERATION_INVALID, "the domain is not running",
                    () -> inactive.interfaceStats("vnet0"));
        }
    }

    /** Disk targets or interface target devices of the running domain's XML (empty when XML is undeclared). */
    private List<String> devices(Domain d, boolean disks) {
        List<String> names = new ArrayList<>();
        if (!s.declares(DOMAIN_GET_XML_DESC)) {
            s.note("without virDomainGetXMLDesc only unknown devices were tried");
            return names;
        }
        DomainDefinition def = DomainXml.parse(d.xmlDesc());
        if (disks) {
            def.devices(DiskDevice.class).forEach(disk -> names.add(disk.targetDev()));
        } else {
            def.devices(InterfaceDevice.class).stream().map(InterfaceDevice::targetDev)
                    .filter(t -> t != null).forEach(names::add);
        }
        if (names.isEmpty()) {
            s.note("the domain template has no " + (disks ? "disk" : "interface with a target device")
                    + ": only an unknown one was tried");
        }
        return names;
    }

    @Test
    public void memoryPeek() {
        if (!s.declaredElseNoSupport(DOMAIN_MEMORY_PEEK, d -> d.memoryPeek(0, 16, MemoryPeekFlag.PHYSICAL))) {
            return;
        }
        Set<MemoryPeekFlag> spaces = s.conn().supportedFlags(DOMAIN_MEMORY_PEEK, MemoryPeekFlag.class);
        if (spaces.isEmpty()) {
            throw new NotApplicable("the driver reads no address space (its flag declaration is checked by the flags suite)");
        }
        MemoryPeekFlag space = spaces.iterator().next();
        Domain d = s.runningDomain();
        byte[] bytes = Expect.ok(DOMAIN_MEMORY_PEEK, () -> d.memoryPeek(0, 16, space));
        Expect.check(bytes.length == 16, "virDomainMemoryPeek(0, 16) reads 16 bytes, got %d", bytes.length);
        s.contract(DOMAIN_MEMORY_PEEK);
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.fails(DOMAIN_MEMORY_PEEK, ErrorCode.OPERATION_INVALID, "the domain is not running",
                    () -> inactive.memoryPeek(0, 16, space));
        }
    }
}
