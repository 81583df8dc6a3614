package org.jvirt.driver.xm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xm.cfg.XmConfigFile;
import org.jvirt.driver.xm.domain.XmRules;
import org.jvirt.model.DomainDefinition;
import org.junit.jupiter.api.Test;

/**
 * Damaged files — truncated anywhere, bytes flipped, dropped or inserted — are read whole or
 * refused with a {@link VirtException}, never with another exception, whatever the version; and
 * what is read writes back and reads again as the same domain.
 */
class XmConfigFuzzTest {
    private static final String SAMPLE = """
            # a guest using most of what xm files say
            name = "fuzz"
            uuid = "c7a5fdb2-cdaf-9455-926a-d65c16db1809"
            memory = 394; maxmem = 579
            vcpus = 2
            vcpu_avail = 1
            cpus = "0-1"
            builder = 'hvm'
            kernel = "/usr/lib/xen/boot/hvmloader"
            boot = "dc"
            pae = 1
            acpi = 1
            hap = 0
            localtime = 1
            rtc_timeoffset = 60
            cdrom = '/iso/boot.iso'
            device_model = "/usr/lib/xen/bin/qemu-dm"
            vnc = 1
            vncunused = 0
            vncdisplay = 2
            vnclisten = "127.0.0.1"
            disk = [ "phy:/dev/HostVG/fuzz,ioemu:hda,w",
                     "tap:aio:/srv/fuzz.img,hdb,w!",   # scratch
                     "file:/root/boot.iso,hdc:cdrom,r" ]
            vif = [ "mac=00:16:3E:66:92:9C,bridge=xenbr0,script=vif-bridge,model=e1000,type=ioemu" ]
            vfb = [ 'type=sdl,display=:0' ]
            parallel = "tcp:127.0.0.1:7777"
            serial = "udp:127.0.0.1:9999@0.0.0.0:9998"
            soundhw = "sb16,es1370"
            usbdevice = "tablet"
            on_crash = 'preserve'
            """;

    /** Characters that mean something to the grammar or the mini-formats. */
    private static final String SYNTAX = "\"'[],=#:;\n\\ 0a-@/";

    private final XmConfig xm = new XmConfig(new XmRules(() -> "00:16:3e:00:00:01"), n -> null);

    @Test
    void everyTruncationIsReadWholeOrRefused() {
        byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
        int read = 0;
        for (int length = 0; length <= bytes.length; length++) {
            read += attempt(java.util.Arrays.copyOf(bytes, length)) ? 1 : 0;
        }
        // Cut between lines (or in a comment) a file is whole; cut anywhere else it is not.
        assertThat(read).isGreaterThan(0).isLessThan(bytes.length);
    }

    @Test
    void damagedBytesAreReadWholeOrRefused() {
        Random random = new Random(20080625);
        byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
        int refused = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] damaged = damage(bytes, random);
            refused += attempt(damaged) ? 0 : 1;
        }
        assertThat(refused).isGreaterThan(0);
    }

    /** Reads, writes and reads again at every version; true when read, false when refused. */
    private boolean attempt(byte[] content) {
        boolean all = true;
        for (int version = 1; version <= 4; version++) {
            try {
                DomainDefinition def = xm.toDomain(XmConfigFile.parse("fuzz", content), version);
                XmConfigFile written = xm.toConfig(def, version);
                assertThat(xm.toDomain(written, version)).as("%s written as%n%s", new String(content,
                        StandardCharsets.UTF_8), written.text()).isEqualTo(def);
            } catch (VirtException refused) {
                all = false;
            }
        }
        return all;
    }

    private static byte[] damage(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        int at = random.nextInt(out.length);
        switch (random.nextInt(4)) {
            case 0 -> out[at] = (byte) random.nextInt(256);
            case 1 -> out[at] = (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()));
            case 2 -> {
                byte[] shorter = new byte[out.length - 1];
                System.arraycopy(out, 0, shorter, 0, at);
                System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                out = shorter;
            }
            default -> {
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()));
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                out = longer;
            }
        }
        return out;
    }
}
