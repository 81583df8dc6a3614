package org.jvirt.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorDomain;
import org.jvirt.model.xml.XmlElement;

/**
 * The attribute values libvirt's parser reads as enumerations, yes/no and on/off switches and
 * numbers (virXMLPropEnum, virXMLPropTristateBool, virXMLPropTristateSwitch, virXMLPropUInt,
 * virXMLPropInt), checked on the document as written, before it is read, with virXMLProp*'s words.
 * An attribute is named by its element and that element's parent ({@code disk/driver@cache}),
 * which is what tells libvirt which enumeration applies. The values are libvirt 9's
 * (VIR_ENUM_IMPL tables of conf/). Stateless.
 */
final class AttributeRules {
    /**
     * How one attribute is read: from a fixed set of words, or as a number; {@code unsupported} is
     * the message of a parser that words its own refusal (CONFIG_UNSUPPORTED, {@code %s} the value).
     */
    private record Rule(Set<String> values, NumberKind number, String unsupported, boolean xml) {
    }

    /** The numbers virXMLPropUInt (base 10 or base 0) and virXMLPropInt read, with what their refusal expects. */
    private enum NumberKind {
        UINT("Expected non-negative integer value"),
        UINT_ANY_BASE("Expected non-negative integer value"),
        INT("Expected integer value"),
        /** A non-negative int in base 0, as the PCI controllers' target numbers. */
        INT_ANY_BASE("Expected integer value");

        final String expected;

        NumberKind(String expected) {
            this.expected = expected;
        }

        boolean reads(String value) {
            return switch (this) {
                case UINT -> CNumbers.strToUip(value) != null;
                case UINT_ANY_BASE -> CNumbers.strToUip(value, 0) != null;
                case INT -> CNumbers.strToI(value) != null;
                case INT_ANY_BASE -> {
                    Long n = CNumbers.strToUip(value, 0);
                    yield n != null && n <= Integer.MAX_VALUE;
                }
            };
        }
    }

    private static final Set<String> YES_NO = Set.of("yes", "no");
    private static final Set<String> ON_OFF = Set.of("on", "off");
    private static final Map<String, Rule> RULES = new HashMap<>();

    static {
        words(YES_NO, "clock/timer@present", "devices/disk@rawio", "devices/graphics@fullscreen",
                "interface/rom@enabled",
                "os/bootmenu@enable", "os/loader@readonly", "os/loader@secure", "pm/suspend-to-disk@enabled",
                "pm/suspend-to-mem@enabled", "source/reconnect@enabled", "vcpus/vcpu@enabled",
                "vcpus/vcpu@hotpluggable",
                "graphics/filetransfer@enable", "graphics/gl@enable", "graphics/clipboard@copypaste",
                "model/acceleration@accel3d");
        words(ON_OFF, "features/pmu@state", "features/pvspinlock@state", "features/smm@state", "features/vmport@state",
                "features/apic@eoi", "kvm/hidden@state", "keywrap/cipher@state", "controller/driver@ioeventfd",
                "devices/memballoon@autodeflate", "devices/hostdev@display", "disk/target@removable",
                "domain/memory@dumpCore", "serial/log@append", "serial/source@append", "interface/rom@bar",
                "hostdev/rom@bar", "iommu/driver@caching_mode", "iommu/driver@intremap", "iommu/driver@iotlb");
        for (String hyperv : List.of("evmcs", "frequencies", "ipi", "reenlightenment", "relaxed", "reset", "runtime",
                "spinlocks", "stimer", "synic", "tlbflush", "vapic", "vendor_id", "vpindex")) {
            words(ON_OFF, "hyperv/" + hyperv + "@state");
        }
        for (String offload : List.of("csum", "ecn", "tso4", "tso6", "ufo")) {
            words(ON_OFF, "driver/guest@" + offload, "driver/host@" + offload);
        }
        words(ON_OFF, "driver/host@gso", "driver/host@mrg_rxbuf");
        words(Set.of("ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci", "xenbus", "isa"),
                "devices/controller@type");
        words(Set.of("disk", "cdrom", "floppy", "lun"), "devices/disk@device");
        words(Set.of("default", "virtio", "virtio-transitional", "virtio-non-transitional"), "devices/disk@model",
                "devices/filesystem@model", "devices/vsock@model");
        words(Set.of("filtered", "unfiltered"), "devices/disk@sgio", "devices/hostdev@sgio");
        words(Set.of("no", "internal", "external", "manual"), "devices/disk@snapshot");
        words(Set.of("file", "block", "dir", "network", "volume", "nvme", "vhostuser"), "devices/disk@type");
        words(Set.of("passthrough", "mapped", "squash"), "devices/filesystem@accessmode");
        words(Set.of("mount", "block", "file", "template", "ram", "bind", "volume"), "devices/filesystem@type");
        words(Set.of("sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus"), "devices/graphics@type");
        // A mediated device's model, or a vhost-scsi host device's.
        words(Set.of("vfio-pci", "vfio-ccw", "vfio-ap", "default", "virtio", "virtio-transitional",
                "virtio-non-transitional"), "devices/hostdev@model");
        words(Set.of("user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge", "internal",
                "direct", "hostdev", "udp", "vdpa", "null", "vds"), "devices/interface@type");
        words(Set.of("intel", "smmuv3", "virtio"), "devices/iommu@model");
        words(Set.of("virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional"),
                "devices/memballoon@model");
        words(Set.of("shared", "private"), "devices/memory@access");
        words(Set.of("dimm", "nvdimm", "virtio-pmem", "virtio-mem", "sgx-epc"), "devices/memory@model");
        words(Set.of("sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7"), "devices/sound@model");
        words(Set.of("default", "none", "writethrough", "writeback", "directsync", "unsafe"), "disk/driver@cache");
        words(Set.of("stop", "report", "ignore", "enospace"), "disk/driver@error_policy", "disk/driver@rerror_policy");
        words(Set.of("native", "threads", "io_uring"), "disk/driver@io");
        words(Set.of("none", "auto", "lba"), "disk/geometry@trans");
        words(Set.of("nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https", "ftp", "ftps", "tftp", "ssh",
                "vxhs",
                "nfs"), "disk/source@protocol");
        words(Set.of("ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd"), "disk/target@bus");
        words(Set.of("smbios", "fwcfg"), "domain/sysinfo@type");
        words(Set.of("qemu", "kvm"), "features/ioapic@driver");
        words(Set.of("default", "path", "handle", "loop", "nbd", "ploop", "virtiofs"), "filesystem/driver@type");
        words(Set.of("immediate"), "filesystem/driver@wrpolicy");
        words(Set.of("any", "secure", "insecure"), "graphics/channel@mode");
        words(Set.of("main", "display", "inputs", "cursor", "playback", "record", "smartcard", "usbredir"),
                "graphics/channel@name");
        words(Set.of("auto_glz", "auto_lz", "quic", "glz", "lz", "off"), "graphics/image@compression");
        words(Set.of("auto", "never", "always"), "graphics/jpeg@compression", "graphics/zlib@compression");
        words(ON_OFF, "graphics/playback@compression");
        words(Set.of("none", "address", "network", "socket"), "graphics/listen@type");
        words(Set.of("filter", "all", "off"), "graphics/streaming@mode");
        words(Set.of("default", "kvm", "vfio", "xen"), "hostdev/driver@name");
        // A network interface's backend, or a host-device interface's PCI backend.
        words(Set.of("default", "qemu", "vhost", "kvm", "vfio", "xen"), "interface/driver@name");
        words(Set.of("aes", "dea"), "keywrap/cipher@name");
        words(Set.of("fd", "cdrom", "hd", "network"), "os/boot@dev");
        words(Set.of("rom", "pflash"), "os/loader@type");
        words(Set.of("passthrough", "emulator", "external"), "tpm/backend@type");
        words(Set.of("platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock", "armvtimer"),
                "clock/timer@name");
        words(Set.of("none", "delay", "catchup", "merge", "discard"), "clock/timer@tickpolicy");
        words(Set.of("emulate", "passthrough", "disable"), "cpu/cache@mode");
        worded("invalid domain type %s", Set.of("qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test",
                "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf"), "domain@type");
        for (String chr : List.of("serial", "parallel", "console", "channel")) {
            worded("unknown type presented to host for character device: %s", Set.of("null", "vc", "pty", "dev",
                    "file", "pipe", "stdio", "udp", "tcp", "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent",
                    "dbus"), "devices/" + chr + "@type");
        }
        worded("unknown hostdev mode '%s'", Set.of("subsystem", "capabilities"), "devices/hostdev@mode");
        worded("unknown hub device type '%s'", Set.of("usb"), "devices/hub@type");
        worded("unknown input model '%s'", Set.of("virtio", "virtio-transitional", "virtio-non-transitional"),
                "devices/input@model");
        worded("unknown panic model '%s'", Set.of("isa", "pseries", "hyperv", "s390"), "devices/panic@model");
        worded("unknown redirdev bus '%s'", Set.of("usb"), "devices/redirdev@bus");
        worded("unknown RNG model '%s'", Set.of("virtio", "virtio-transitional", "virtio-non-transitional"),
                "devices/rng@model");
        worded("unknown watchdog model '%s'", Set.of("i6300esb", "ib700", "diag288"), "devices/watchdog@model");
        worded("unknown watchdog action '%s'", Set.of("reset", "shutdown", "poweroff", "pause", "dump", "none",
                "inject-nmi"), "devices/watchdog@action");
        worded("unknown clock basis '%s'", Set.of("utc", "localtime"), "domain/clock@basis");
        worded("unknown video model '%s'", Set.of("vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels",
                "virtio", "gop", "none", "bochs", "ramfb"), "video/model@type");
        worded("unknown smbios mode '%s'", Set.of("emulate", "host", "sysinfo"), "os/smbios@mode");
        String chrTarget = "unknown target type '%s' specified for character device";
        worded(chrTarget, Set.of("none", "isa-serial", "usb-serial", "pci-serial", "spapr-vio-serial", "system-serial",
                "sclp-serial", "isa-debug"), "serial/target@type");
        worded(chrTarget, Set.of("none", "guestfwd", "virtio", "xen"), "channel/target@type");
        worded(chrTarget, Set.of("none", "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp", "sclplm"),
                "console/target@type");
        worded("unknown target model '%s' specified for character device", Set.of("none", "isa-serial", "usb-serial",
                "pci-serial", "spapr-vty", "pl011", "sclpconsole", "sclplmconsole", "16550a", "isa-debugcon"),
                "target/model@name");
        worded("unknown RNG backend model '%s'", Set.of("random", "egd", "builtin"), "rng/backend@model");
        Set<String> storageTypes = Set.of("file", "block", "dir", "network", "volume", "nvme", "vhostuser");
        wordedXml("unknown storage source type '%s'", storageTypes, "disk/backingStore@type",
                "backingStore/backingStore@type");
        wordedXml("unknown storage source format '%s'", Set.of("raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc",
                "vdi", "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk"), "backingStore/format@type");
        wordedXml("unknown firmware value %s", Set.of("bios", "efi"), "domain/os@firmware");
        worded("unknown connected value %s", Set.of("fail", "disconnect", "keep"), "devices/graphics@connected");
        // A SCSI host device's protocol, or a vhost-scsi one's.
        worded("Unknown SCSI subsystem protocol '%s'", Set.of("adapter", "iscsi", "vhost"), "hostdev/source@protocol");
        worded("unknown host device source address type '%s'", Set.of("usb", "pci", "scsi", "scsi_host", "mdev",
                "storage", "misc", "net"), "devices/hostdev@type");
        worded("unknown protocol transport type '%s'", Set.of("tcp", "unix", "rdma"), "source/host@transport");
        worded("unknown virtualport type %s", Set.of("802.1Qbg", "802.1Qbh", "openvswitch", "midonet"),
                "interface/virtualport@type");
        words(ON_OFF, "disk/driver@event_idx", "interface/driver@event_idx");
        words(Set.of("unmap", "ignore"), "disk/driver@discard");
        words(Set.of("closed", "open"), "disk/target@tray");
        words(YES_NO, "vsock/cid@auto");
        worded("unknown clock offset '%s'", Set.of("utc", "localtime", "variable", "timezone", "absolute"),
                "domain/clock@offset");
        worded("unknown input device type '%s'", Set.of("mouse", "tablet", "keyboard", "passthrough", "evdev"),
                "devices/input@type");
        worded("unknown input bus type '%s'", Set.of("ps2", "usb", "xen", "parallels", "virtio", "none"),
                "devices/input@bus");
        number(NumberKind.UINT_ANY_BASE, "address/zpci@fid", "address/zpci@uid");
        number(NumberKind.UINT, "clock/timer@frequency", "controller/driver@cmd_per_lun",
                "controller/driver@iothread", "controller/driver@max_sectors", "controller/driver@queues",
                "controller/master@startport", "disk/boot@order", "hostdev/boot@order", "interface/boot@order",
                "redirdev/boot@order", "disk/driver@iothread", "disk/geometry@cyls", "disk/geometry@heads",
                "disk/geometry@secs", "lease/target@offset", "source/address@device", "source/address@target",
                "source/address@unit", "source/reconnect@timeout", "source/route@prefix", "timer/catchup@limit",
                "timer/catchup@slew", "timer/catchup@threshold", "vcpus/vcpu@id", "vcpus/vcpu@order", "vlan/tag@id",
                "vsock/cid@address");
        number(NumberKind.INT_ANY_BASE, "controller/target@chassis", "controller/target@chassisNr",
                "controller/target@port", "controller/target@busNr");
        number(NumberKind.INT, "cpu/cache@level", "devices/controller@ports",
                "devices/controller@vectors", "interface/source@port", "os/bios@rebootTimeout");
    }

    private AttributeRules() {
    }

    private static void worded(String message, Set<String> values, String... keys) {
        for (String key : keys) {
            RULES.put(key, new Rule(values, null, message, false));
        }
    }

    /** As {@link #worded}, for a parser that calls its refusal an XML error. */
    private static void wordedXml(String message, Set<String> values, String... keys) {
        for (String key : keys) {
            RULES.put(key, new Rule(values, null, message, true));
        }
    }

    private static void words(Set<String> values, String... keys) {
        for (String key : keys) {
            RULES.put(key, new Rule(values, null, null, false));
        }
    }

    private static void number(NumberKind expected, String... keys) {
        for (String key : keys) {
            RULES.put(key, new Rule(null, expected, null, false));
        }
    }

    /** Refuses, in libvirt's words, the first attribute of {@code domain} (document order) libvirt would not read. */
    static void check(XmlElement domain) {
        check(domain, "");
    }

    private static void check(XmlElement e, String parent) {
        if (!e.attributes().isEmpty()) {
            String prefix = parent + e.name() + "@";
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                Rule rule = RULES.get(prefix + a.getKey());
                if (rule != null) {
                    check(rule, e.name(), a.getKey(), a.getValue());
                }
            }
        }
        for (XmlElement child : e.children()) {
            check(child, e.name() + "/");
        }
    }

    private static void check(Rule rule, String element, String attribute, String value) {
        boolean ok = rule.values() != null ? rule.values().contains(value) : rule.number().reads(value);
        if (!ok && rule.unsupported() != null) {
            String message = String.format(rule.unsupported(), value);
            throw rule.xml() ? DomainErrors.xml(message) : DomainErrors.unsupported(message);
        }
        if (!ok) {
            throw XmlValues.invalid(ErrorDomain.XML, "Invalid value for attribute '" + attribute + "' in element '"
                    + element + "': '" + value + "'." + (rule.number() == null ? "" : " " + rule.number().expected));
        }
    }
}
