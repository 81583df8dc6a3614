package org.jvirt.driver.xm;

import java.nio.file.Path;
import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;
import org.junit.jupiter.api.io.TempDir;

/**
 * The xm driver alone runs the conformance kit on a real directory of configuration files: it keeps
 * inactive domains only (starting them is xend's, through the {@code xen:///} composition).
 */
class XmDriverConformanceTest extends DriverConformanceKit {
    static final String DOMAIN = """
            <domain type='xen'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory>131072</memory>
              <currentMemory>131072</currentMemory>
              <vcpu>2</vcpu>
              <os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel><initrd>/boot/initrd-xen</initrd></os>
              <devices>
                <disk type='file' device='disk'><source file='/var/lib/xen/images/{name}.img'/><target dev='xvda'/></disk>
                <interface type='bridge'><source bridge='xenbr0'/><mac address='00:16:3e:5d:c7:9e'/></interface>
              </devices>
            </domain>
            """;

    @TempDir
    static Path dir;

    @Override
    protected TckTarget target() {
        return TckTarget.forUri("xen:///?xm_config_dir=" + dir)
                .description("jvirt xm driver, configuration files in a directory")
                .domainXml(DOMAIN)
                .build();
    }
}
