package org.jvirt.model;

import java.util.List;
import org.jvirt.model.xml.XmlWriter;

/**
 * Writes a {@link DomainDefinition} in libvirt 9's form ({@code virDomainDefFormatInternal}),
 * placing each preserved unknown top-level element where libvirt writes elements of that name.
 *
 * @since 1.0
 */
final class DomainFormatter {
    private final XmlWriter w = new XmlWriter(2048);
    private final DomainDefinition d;
    private final Unknowns u;
    private final ChildSlots extras;

    private DomainFormatter(DomainDefinition d) {
        this.d = d;
        this.u = d.unknowns();
        this.extras = new ChildSlots(w, u.elementsAt(""), DomainLayout.DOMAIN);
    }

    static String format(DomainDefinition d, int id, boolean secure) {
        return new DomainFormatter(d).write(id, secure);
    }

    private String write(int id, boolean secure) {
        w.open("domain").attribute("type", d.type());
        if (id >= 0) {
            w.attribute("id", id);
        }
        Preserved.attributes(w, u, "").closeStart();
        text("name", d.name());
        text("uuid", d.uuid() == null ? null : d.uuid().toString());
        text("title", d.title());
        text("description", d.description());
        memory("memory", d.memoryKiB());
        memory("currentMemory", d.currentMemoryKiB());
        vcpu();
        text("bootloader", d.bootloader());
        text("bootloader_args", d.bootloaderArgs());
        os();
        features();
        clock();
        text("on_poweroff", d.onPoweroff());
        text("on_reboot", d.onReboot());
        text("on_crash", d.onCrash());
        devices(secure);
        extras.rest();
        w.end("domain");
        return w.toString();
    }

    /** Writes the preserved unknown elements that libvirt places before {@code element}. */
    private void slot(String element) {
        extras.before(element);
    }

    private void text(String element, String value) {
        slot(element);
        Preserved.textElement(w, element, value, u, element);
    }

    private void memory(String element, long kib) {
        slot(element);
        w.open(element).attribute("unit", "KiB");
        Preserved.attributes(w, u, element);
        Preserved.close(w, element, Long.toString(kib), u, element);
    }

    private void vcpu() {
        slot("vcpu");
        w.open("vcpu").attribute("placement", d.vcpuPlacement()).attribute("cpuset", d.cpuset());
        if (d.currentVcpus() < d.vcpus()) {
            w.attribute("current", d.currentVcpus());
        }
        Preserved.attributes(w, u, "vcpu");
        Preserved.close(w, "vcpu", Integer.toString(d.vcpus()), u, "vcpu");
    }

    private void os() {
        DomainOs os = d.os();
        if (os == null) {
            return;
        }
        slot("os");
        Unknowns ou = os.unknowns();
        w.open("os");
        Preserved.attributes(w, ou, "").closeStart();
        ChildSlots slots = new ChildSlots(w, ou.elementsAt(""), DomainLayout.OS);
        if (os.type() != null || os.arch() != null || os.machine() != null || Preserved.at(ou, "type")) {
            slots.before("type");
            w.open("type").attribute("arch", os.arch()).attribute("machine", os.machine());
            Preserved.attributes(w, ou, "type");
            Preserved.close(w, "type", osTypeText(os.type()), ou, "type");
        }
        if (os.loader() != null) {
            slots.before("loader");
            w.open("loader");
            Preserved.attributes(w, ou, "loader").attribute("type", os.loaderType());
            Preserved.close(w, "loader", os.loader(), ou, "loader");
        }
        osText(slots, "kernel", os.kernel(), ou);
        osText(slots, "initrd", os.initrd(), ou);
        osText(slots, "cmdline", os.cmdline(), ou);
        osText(slots, "root", os.root(), ou);
        List<String> boots = os.bootDevices();
        for (int n = 0; n < boots.size(); n++) {
            String location = "boot[" + (n + 1) + "]";
            slots.before("boot");
            w.open("boot").attribute("dev", boots.get(n));
            Preserved.attributes(w, ou, location);
            Preserved.close(w, "boot", "", ou, location);
        }
        slots.rest();
        w.end("os");
    }

    /** As libvirt writes it: a Xen domain's paravirtualised guest is still called {@code linux}, for old readers. */
    private String osTypeText(String type) {
        if (type == null) {
            return "";
        }
        return "xen".equals(d.type()) && "xen".equals(type) ? "linux" : type;
    }

    private void osText(ChildSlots slots, String element, String value, Unknowns ou) {
        if (value != null) {
            slots.before(element);
            Preserved.textElement(w, element, value, ou, element);
        }
    }

    private void features() {
        if (d.features().isEmpty() && !Preserved.at(u, "features")) {
            return;
        }
        slot("features");
        w.open("features");
        Preserved.attributes(w, u, "features");
        w.closeWithContent("features", "", d.features());
    }

    private void clock() {
        slot("clock");
        DomainClock clock = d.clock();
        w.open("clock").attribute("offset", clock.offset()).attributes(clock.attributes());
        Preserved.attributes(w, u, "clock");
        w.closeWithContent("clock", "", clock.timers());
    }

    private void devices(boolean secure) {
        slot("devices");
        w.open("devices");
        Preserved.attributes(w, u, "devices").closeStart();
        Preserved.textElement(w, "emulator", d.emulator(), u, "devices/emulator");
        for (Device device : d.devices()) {
            DeviceFormatter.write(w, device, secure);
        }
        w.end("devices");
    }
}
