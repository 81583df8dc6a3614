package org.jvirt.driver.test;

import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainRules;
import org.jvirt.model.VideoDevice;

/**
 * libvirt's test driver's part of reading a domain (its {@code virDomainDefParserConfig}): guests
 * without an architecture get the one its capabilities give every guest, i686; a video adapter
 * without a model gets Xen's for paravirtualised guests, VGA on 64-bit POWER, else Cirrus
 * (testDomainDevicesDefPostParse).
 */
final class TestRules implements DomainRules {
    static final TestRules INSTANCE = new TestRules();

    private TestRules() {
    }

    @Override
    public String defaultArch(DomainDefinition definition) {
        return NodeCapabilities.ARCH;
    }

    /** The test driver's namespace, which keeps {@code <test:runstate>} and the like (testDriverNew). */
    @Override
    public String xmlNamespace() {
        return "http://libvirt.org/schemas/domain/test/1.0";
    }

    /** {@code <test:runstate>} and the like come back under the {@code test} prefix. */
    @Override
    public String xmlNamespacePrefix() {
        return "test";
    }

    @Override
    public Device postParseDevice(Device device, DomainDefinition definition) {
        if (device instanceof VideoDevice video && video.modelType() == null) {
            String osType = definition.os() == null ? null : definition.os().type();
            String arch = definition.os() == null ? null : definition.os().arch();
            String model = "xen".equals(osType) || "linux".equals(osType) ? "xen"
                    : arch != null && arch.startsWith("ppc64") ? "vga" : "cirrus";
            return video.with(model, video.ram(), video.vram(), video.heads(), video.primary());
        }
        return device;
    }
}
