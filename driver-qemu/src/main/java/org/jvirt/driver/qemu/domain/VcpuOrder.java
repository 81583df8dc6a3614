package org.jvirt.driver.qemu.domain;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The order in which QEMU can bring a guest's vCPUs online, as libvirt's QEMU driver checks it at
 * define (qemuDomainDefVcpusPostParse) from {@code <vcpus><vcpu id= enabled= hotpluggable= order=>}:
 * vCPU 0 online, not hot-pluggable and first; every online vCPU ordered or none; the online vCPUs that
 * cannot be unplugged before the others, in ascending order. A vCPU {@code <vcpus>} does not list is
 * offline, unordered and of unsaid hot-pluggability, as libvirt reads it; a definition without
 * {@code <vcpus>} has nothing to check. Stateless.
 */
final class VcpuOrder {
    private VcpuOrder() {
    }

    /** One vCPU as libvirt reads it before its generic defaults: {@code hotpluggable} null when unsaid. */
    private record Vcpu(boolean online, Boolean hotpluggable, long order) {
        static final Vcpu UNLISTED = new Vcpu(false, null, 0);
    }

    static void check(DomainDefinition def) {
        XmlElement vcpus = DomainDefaults.topElement(def, "vcpus");
        if (vcpus == null) {
            return;
        }
        int max = def.vcpus();
        Vcpu[] all = new Vcpu[max];
        for (XmlElement e : vcpus.children()) {
            Integer id = number(e.attribute("id"));
            if (e.name().equals("vcpu") && id != null && id >= 0 && id < max) {
                String hotpluggable = e.attribute("hotpluggable");
                Integer order = number(e.attribute("order"));
                all[id] = new Vcpu("yes".equals(e.attribute("enabled")),
                        hotpluggable == null ? null : hotpluggable.equals("yes"), order == null ? 0 : order);
            }
        }
        Vcpu first = all.length == 0 || all[0] == null ? Vcpu.UNLISTED : all[0];
        if (!first.online()) {
            throw unsupported(def, "vcpu 0 can't be offline");
        }
        if (Boolean.TRUE.equals(first.hotpluggable())) {
            throw unsupported(def, "vcpu0 can't be hotpluggable");
        }
        if (first.order() != 0 && first.order() != 1) {
            throw unsupported(def, "vcpu0 must be enabled first");
        }
        boolean ordered = first.order() != 0;
        Vcpu previous = first;
        for (int i = 1; i < max; i++) {
            Vcpu vcpu = all[i] == null ? Vcpu.UNLISTED : all[i];
            if (vcpu.online() && (vcpu.order() != 0) != ordered) {
                throw unsupported(def, "all vcpus must have either set or unset order");
            }
            if (Boolean.FALSE.equals(vcpu.hotpluggable())) {
                if (Boolean.TRUE.equals(previous.hotpluggable())) {
                    throw unsupported(def, "online non-hotpluggable vcpus need to be ordered prior to hotplugable vcpus");
                }
                if (previous.order() > vcpu.order()) {
                    throw unsupported(def, "online non-hotpluggable vcpus must be ordered in ascending order");
                }
            }
            previous = vcpu;
        }
    }

    private static Integer number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static VirtException unsupported(DomainDefinition def, String detail) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, detail, def.name());
    }
}
