package org.jvirt.driver.qemu.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.xml.XmlElement;

/**
 * Smartcard readers and cards on the command line, as libvirt's qemuBuildSmartcardCommandLine: each
 * {@code <controller type='ccid'>} is a {@code usb-ccid} reader {@code ccidN} at its USB port (written
 * after the USB hubs, as libvirt does), each {@code <smartcard>} a card in reader slot 0 —
 * {@code ccid-card-emulated} from the host's NSS ({@code host}) or from certificates of an NSS database
 * ({@code host-certificates}), or {@code ccid-card-passthru} relaying a character device
 * ({@code passthrough}). The model keeps {@code <smartcard>} as an element: {@link #honoured} says which
 * ones this class builds, {@link #validate} refuses the rest, and a certificate database that is not on
 * this host before QEMU would fail on it. Stateless.
 */
final class SmartcardCommand {
    /** libvirt's certificate database when a definition names none (VIR_DOMAIN_SMARTCARD_DEFAULT_DATABASE). */
    static final String DEFAULT_DATABASE = "/etc/pki/nssdb";

    private SmartcardCommand() {
    }

    /**
     * Whether a {@code <smartcard>} has only a {@code mode} (and a passthrough one's {@code type}), its
     * mode's certificates and database or sources and protocol, and an {@code <address>}.
     */
    static boolean honoured(XmlElement card) {
        if (!card.text().isBlank() || !Set.of("mode", "type").containsAll(card.attributes().keySet())) {
            return false;
        }
        if ("passthrough".equals(card.attribute("mode"))) {
            return ElementDevices.chardevChildren(card, Set.of("address"));
        }
        return card.attributes().size() == 1 && card.children().stream().allMatch(c -> c.name().equals("address")
                || (c.name().equals("certificate") || c.name().equals("database")) && c.children().isEmpty());
    }

    /** The readers, controllers of type {@code ccid}, which {@link DeviceValidate} leaves to this class. */
    static List<ControllerDevice> readers(Guest g) {
        return g.def().devices(ControllerDevice.class).stream().filter(c -> c.type().equals("ccid")).toList();
    }

    /** Refuses what a smartcard or its reader cannot be here, in document order. */
    static void validate(Guest g) {
        for (ControllerDevice reader : readers(g)) {
            if (reader.model() != null || reader.address() != null && !"usb".equals(reader.address().type())) {
                throw Unsupported.config(g.name(), "<controller type='ccid'> is supported only as a USB reader"
                        + " without a model");
            }
        }
        List<XmlElement> cards = ElementDevices.named(g.def(), "smartcard");
        if (cards.size() > 1) {
            throw Unsupported.config(g.name(), "this QEMU binary lacks multiple smartcard support");
        }
        for (XmlElement card : cards) {
            DeviceAddress a = ElementDevices.address(card);
            if (a != null && (!"ccid".equals(a.type()) || QemuOptions.addressNumber(a.attribute("slot")) != 0)) {
                throw Unsupported.config(g.name(), "this QEMU binary lacks multiple smartcard support");
            }
            int controller = a == null ? 0 : (int) QemuOptions.addressNumber(a.attribute("controller"));
            if (!g.hasController("ccid", controller)) {
                throw Unsupported.config(g.name(), "<smartcard>: there is no <controller type='ccid' index='"
                        + controller + "'> for it");
            }
            String mode = String.valueOf(card.attribute("mode"));
            switch (mode) {
                case "host" -> {
                    if (!card.children().stream().allMatch(c -> c.name().equals("address"))) {
                        throw Unsupported.invalid(g.name(), "<smartcard mode='host'> takes no certificates");
                    }
                    // QEMU's NSS reads the host's cards through the system database
                    requireDatabase(g, DEFAULT_DATABASE);
                }
                case "host-certificates" -> {
                    long certificates = card.children().stream().filter(c -> c.name().equals("certificate")).count();
                    if (certificates != 3) {
                        throw Unsupported.invalid(g.name(), "host-certificates mode needs exactly three certificates");
                    }
                    requireDatabase(g, database(card));
                }
                case "passthrough" -> {
                    if ("spicevmc".equals(card.attribute("type"))) {
                        throw ElementDevices.spicevmc(g, "<smartcard>");
                    }
                    CharDeviceValidate.backend(g.name(), ElementDevices.chardev(card));
                    ElementDevices.reconnect(g.name(), "<smartcard>", card);
                }
                default -> throw Unsupported.config(g.name(), "smartcard mode '" + mode
                        + "' is not supported (supported: host, host-certificates, passthrough)");
            }
        }
    }

    /** Refuses an NSS database that is not on this host, on which QEMU would only say it "failed to initialize vcard". */
    private static void requireDatabase(Guest g, String db) {
        if (!Files.isDirectory(Path.of(db))) {
            throw VirtException.of(ErrorCode.NO_SOURCE, ErrorDomain.QEMU, "the smartcard NSS database '" + db
                    + "' does not exist on this host", g.name());
        }
    }

    /** A {@code host-certificates} card's NSS database: its own, else libvirt's default. */
    static String database(XmlElement card) {
        XmlElement db = card.child("database");
        return db == null || db.text().isBlank() ? DEFAULT_DATABASE : db.text().strip();
    }

    /** The readers, after the USB hubs. */
    static void readers(Guest g, CommandLine out) {
        for (ControllerDevice reader : readers(g)) {
            out.usb(g);
            Map<String, Object> p = Json.object("driver", "usb-ccid", "id", "ccid" + reader.index());
            if (reader.address() == null) {
                p.put("bus", "usb.0");
            }
            DeviceProps.address(p, reader.address(), g.def());
            out.device(p);
        }
    }

    /** The cards, after the network interfaces. */
    static void add(Guest g, CommandLine out) {
        for (XmlElement card : ElementDevices.named(g.def(), "smartcard")) {
            DeviceAddress a = ElementDevices.address(card);
            String bus = "ccid" + (a == null ? 0 : QemuOptions.addressNumber(a.attribute("controller"))) + ".0";
            Map<String, Object> p;
            switch (card.attribute("mode")) {
                case "host" -> p = Json.object("driver", "ccid-card-emulated", "backend", "nss-emulated");
                case "host-certificates" -> {
                    p = Json.object("driver", "ccid-card-emulated", "backend", "certificates");
                    int n = 1;
                    for (XmlElement c : card.children()) {
                        if (c.name().equals("certificate")) {
                            p.put("cert" + n++, c.text().strip());
                        }
                    }
                    p.put("db", database(card));
                }
                default -> {
                    out.arg("-chardev", ElementDevices.chardevArg(card, "charsmartcard0"));
                    p = Json.object("driver", "ccid-card-passthru", "chardev", "charsmartcard0");
                }
            }
            p.put("id", "smartcard0");
            p.put("bus", bus);
            out.device(p);
        }
    }
}
