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
    /** The kit's paravirtualised guest with a disk image, which an xm file keeps as its {@code disk} list. */
    static final String DOMAIN = TckTarget.XEN_PV_DOMAIN_XML.replace("<devices>", "<devices>\n"
            + "    <disk type='file' device='disk'><source file='/var/lib/xen/images/{name}.img'/>"
            + "<target dev='xvda'/></disk>");

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
