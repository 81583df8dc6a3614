package org.jvirt.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
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

    /** An attribute read by a parser of its own: what it takes, and its refusal ({@code %s} the value). */
    private record Own(Predicate<String> reads, ErrorCode code, String message) {
    }

    private static final Map<String, Own> OWN = new HashMap<>();

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
    private static final Set<String> ARCHES = Set.of("alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686",
            "ia64", "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el", "openrisc",
            "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64", "s390", "s390x",
            "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb");
    private static final Set<String> CONTROLLER_MODELS = Set.of("pci-root", "pcie-root", "pci-bridge",
            "dmi-to-pci-bridge", "pcie-to-pci-bridge", "pcie-root-port", "pcie-switch-upstream-port",
            "pcie-switch-downstream-port", "pci-expander-bus", "pcie-expander-bus", "auto", "buslogic", "lsilogic",
            "lsisas1068", "vmpvscsi", "ibmvscsi", "virtio-scsi", "lsisas1078", "virtio-transitional",
            "virtio-non-transitional", "ncr53c90", "dc390", "am53c974", "piix3-uhci", "piix4-uhci", "ehci",
            "ich9-ehci1", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci", "qusb1",
            "qusb2", "qemu-xhci", "none", "piix3", "piix4", "ich6", "virtio");

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
        words(Set.of("2", "3", "host"), "features/gic@version");
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
        ownRules();
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

    /** The attributes whose parsers word their refusals themselves. */
    private static void ownRules() {
        own(v -> v.equals("slic"), ErrorCode.XML_ERROR, "Unknown acpi table type: %s", "acpi/table@type");
        own(Set.of("volume", "ceph", "iscsi", "tls", "vtpm")::contains, ErrorCode.CONFIG_UNSUPPORTED,
                "unknown secret type '%s'", "auth/secret@type");
        own(AttributeRules::unsignedLongLong, ErrorCode.CONFIG_UNSUPPORTED,
                "could not convert bandwidth average value '%s'", "bandwidth/inbound@average", "bandwidth/outbound@average");
        own(v -> ScaledValues.bytesPerUnit(v) != 0, ErrorCode.INVALID_ARG, "unknown suffix '%s'",
                "controller/pcihole64@unit", "label/size@unit", "source/pagesize@unit", "domain/maxMemory@unit",
                "domain/memory@unit", "domain/currentMemory@unit");
        own(v -> v.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"), ErrorCode.INTERNAL_ERROR,
                "cannot parse password validity time '%s', expect YYYY-MM-DDTHH:MM:SS", "devices/graphics@passwdValidTo");
        own(AttributeRules::unsigned, ErrorCode.XML_ERROR, "Failed to parse memory slot count", "domain/maxMemory@slots");
        // A vhost-scsi target: "naa." and a WWN (virValidateWWN: 16 hex digits, maybe after "0x").
        own(v -> v.startsWith("naa.") && v.substring(4).replaceFirst("^0x", "").matches("[0-9A-Fa-f]{16}"),
                ErrorCode.XML_ERROR, "malformed 'wwpn' value", "hostdev/source@wwpn");
        own(AttributeRules::unsigned, ErrorCode.XML_ERROR, "invalid idmap start/target/count settings",
                "idmap/uid@start", "idmap/uid@target", "idmap/uid@count", "idmap/gid@start", "idmap/gid@target",
                "idmap/gid@count");
        own(AttributeRules::ipAddress, ErrorCode.XML_ERROR, "Invalid address '%s' in <ip>", "interface/ip@address",
                "source/ip@address");
        own(AttributeRules::ipAddress, ErrorCode.INVALID_ARG, "Invalid peer '%s' in <ip>", "source/ip@peer");
        own(AttributeRules::unsigned, ErrorCode.XML_ERROR, "Invalid prefix value '%s' in <ip>", "source/ip@prefix",
                "interface/ip@prefix");
        own(AttributeRules::unsigned, ErrorCode.XML_ERROR, "malformed mtu size", "interface/mtu@size");
        own(YES_NO::contains, ErrorCode.XML_ERROR,
                "invalid \"trunk='%s'\" in <vlan> - trunk='yes' is required for more than one vlan tag",
                "interface/vlan@trunk");
        own(ARCHES::contains, ErrorCode.CONFIG_UNSUPPORTED, "Unknown architecture %s", "os/type@arch");
        own(Set.of("raw", "telnet", "telnets", "tls")::contains, ErrorCode.CONFIG_UNSUPPORTED, "Unknown protocol '%s'",
                "redirdev/protocol@type", "backend/protocol@type");
        own(AttributeRules::unsigned, ErrorCode.XML_ERROR, "invalid RNG rate bytes value", "rng/rate@bytes");
        own(AttributeRules::unsigned, ErrorCode.XML_ERROR, "invalid RNG rate period value", "rng/rate@period");
        own(AttributeRules::unsigned, ErrorCode.XML_DETAIL, "cannot parse value '%s' for coalesce parameter",
                "rx/frames@max");
        own(Set.of("usb", "pci", "scsi", "scsi_host", "mdev")::contains, ErrorCode.CONFIG_UNSUPPORTED,
                "unknown host device source address type '%s'", "source/address@type");
        own(AttributeRules::uuid, ErrorCode.INTERNAL_ERROR, "Cannot parse uuid attribute of element <address>",
                "source/address@uuid");
        own(v -> CNumbers.strToUip(v) != null && CNumbers.strToUip(v) <= 65535, ErrorCode.INVALID_ARG,
                "failed to parse port number '%s'", "source/host@port");
        own(AttributeRules::ipAddress, ErrorCode.XML_ERROR,
                "interface host IP: Bad network address '%s' in route definition", "source/route@address");
        own(AttributeRules::ipAddress, ErrorCode.XML_ERROR,
                "interface host IP: Bad gateway address '%s' in route definition", "source/route@gateway");
        own(Set.of("ipv4", "ipv6")::contains, ErrorCode.XML_ERROR,
                "interface host IP: Unrecognized family '%s' in route definition", "source/route@family");
        own(AttributeRules::uuid, ErrorCode.XML_ERROR, "cannot parse instanceid parameter as a uuid",
                "virtualport/parameters@instanceid");
        own(AttributeRules::uuid, ErrorCode.XML_ERROR, "cannot parse interfaceid parameter as a uuid",
                "virtualport/parameters@interfaceid");
        for (String id : List.of("managerid", "typeid", "typeidversion")) {
            own(AttributeRules::unsigned, ErrorCode.XML_ERROR, "cannot parse value of " + id + " parameter",
                    "virtualport/parameters@" + id);
        }
        own(AttributeRules::unsigned, ErrorCode.INTERNAL_ERROR, "cannot parse video heads '%s'", "video/model@heads");
        // A guestfwd channel's address (virSocketAddrParse, numeric hosts only, as getaddrinfo words it).
        own(AttributeRules::ipAddress, ErrorCode.SYSTEM_ERROR,
                "Cannot parse socket address '%s': Name or service not known", "channel/target@address");
        own(AttributeRules::uuid, ErrorCode.XML_ERROR, "invalid secret uuid '%s'", "encryption/secret@uuid");
        own(Set.of("host", "direct")::contains, ErrorCode.CONFIG_UNSUPPORTED,
                "unknown source mode '%s' for volume type disk", "disk/source@mode");
        words(Set.of("host", "host-certificates", "passthrough"), "devices/smartcard@mode");
        // The host side of devices that carry a character device (virDomainChrSourceDefParseMode).
        words(Set.of("connect", "bind"), "redirdev/source@mode", "smartcard/source@mode", "backend/source@mode");
        // A direct interface's macvtap mode, or a vhost-user one's socket side.
        words(Set.of("vepa", "private", "bridge", "passthrough", "client", "server"), "interface/source@mode");
        own("unix"::equals, ErrorCode.CONFIG_UNSUPPORTED, "Type='%s' unsupported for <interface type='vhostuser'>",
                "interface/source@type");
        words(Set.of("none", "pci-bridge", "i82801b11-bridge", "ioh3420", "x3130-upstream", "xio3130-downstream",
                "pxb", "pxb-pcie", "pcie-root-port", "spapr-pci-host-bridge", "pcie-pci-bridge"), "controller/model@name");
        // Any controller type's models (the type picks one list; an unknown word is in none of them).
        own(CONTROLLER_MODELS::contains, ErrorCode.CONFIG_UNSUPPORTED, "Unknown model type '%s'",
                "devices/controller@model");
    }


    private static void own(Predicate<String> reads, ErrorCode code, String message, String... keys) {
        for (String key : keys) {
            OWN.put(key, new Own(reads, code, message));
        }
    }

    private static boolean unsigned(String value) {
        return CNumbers.strToUip(value) != null;
    }

    private static boolean unsignedLongLong(String value) {
        return CNumbers.strToUllp(value) != null;
    }

    /** An IPv4 dotted quad or an IPv6 literal (virSocketAddrParse with numeric hosts only). */
    private static boolean ipAddress(String value) {
        if (value.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
            return true;
        }
        if (value.indexOf(':') < 0 || !value.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(value) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A UUID as virUUIDParse reads one: 32 hex digits, dashes anywhere between them. */
    private static boolean uuid(String value) {
        return value.strip().replace("-", "").matches("[0-9A-Fa-f]{32}");
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

    /** @param parent the name of {@code e}'s parent element, "" for the document's */
    private static void check(XmlElement e, String parent) {
        if (!e.attributes().isEmpty()) {
            Map<String, Rule> rules = at(Index.RULES, parent, e.name());
            Map<String, Own> owns = at(Index.OWN, parent, e.name());
            if (rules != null || owns != null) {
                for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                    Rule rule = rules == null ? null : rules.get(a.getKey());
                    if (rule != null) {
                        check(rule, e.name(), a.getKey(), a.getValue());
                    }
                    Own own = owns == null ? null : owns.get(a.getKey());
                    if (own != null && !own.reads().test(a.getValue())) {
                        String detail = own.message().contains("%s") ? String.format(own.message(), a.getValue())
                                : own.message();
                        throw new VirtException(own.code(), ErrorDomain.DOMAIN, own.code().format(detail));
                    }
                }
            }
        }
        for (XmlElement child : e.children()) {
            check(child, e.name());
        }
    }

    private static <V> Map<String, V> at(Map<String, Map<String, Map<String, V>>> index, String parent, String name) {
        Map<String, Map<String, V>> children = index.get(parent);
        return children == null ? null : children.get(name);
    }

    /**
     * {@link #RULES} and {@link #OWN} by parent element ("" for the document's), element and attribute: a
     * define checks every attribute of its document, and building each one's {@code parent/element@name}
     * key was a third of the parse's garbage. Made once the tables are full.
     */
    private static final class Index {
        static final Map<String, Map<String, Map<String, Rule>>> RULES = nest(AttributeRules.RULES);
        static final Map<String, Map<String, Map<String, Own>>> OWN = nest(AttributeRules.OWN);

        private static <V> Map<String, Map<String, Map<String, V>>> nest(Map<String, V> flat) {
            Map<String, Map<String, Map<String, V>>> out = new HashMap<>();
            flat.forEach((key, value) -> {
                int at = key.lastIndexOf('@');
                String path = key.substring(0, at);
                int slash = path.lastIndexOf('/');
                out.computeIfAbsent(slash < 0 ? "" : path.substring(0, slash), k -> new HashMap<>())
                        .computeIfAbsent(path.substring(slash + 1), k -> new HashMap<>())
                        .put(key.substring(at + 1), value);
            });
            return out;
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
