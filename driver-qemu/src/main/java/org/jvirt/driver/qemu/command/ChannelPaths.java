package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;

/**
 * The socket paths libvirt gives virtio channels of type unix that name none, as its
 * {@code qemuDomainPrepareChannel} when a domain starts: {@code CHANNELDIR/TARGETNAME}, or
 * {@code CHANNELDIR/vioser-CC-BB-PP.sock} after the port's virtio-serial address for a channel without a
 * name, listening ({@code mode='bind'}). The channel directory is the domain's own, as libvirt's
 * {@code channel/target/domain-ID-NAME} beside its private directory ({@link #channelDir}); it exists while
 * the domain runs. The live definition shows the paths, as libvirt's does. Stateless.
 */
public final class ChannelPaths {
    private ChannelPaths() {
    }

    /**
     * A domain's channel directory for a private directory {@code LIBDIR/domain-ID-NAME}
     * ({@link QemuCommandBuilder#build}'s): {@code LIBDIR/channel/target/domain-ID-NAME}, as libvirt's
     * {@code cfg->channelTargetDir/domain-ID-NAME}.
     */
    public static Path channelDir(Path privateDir) {
        Path libDir = privateDir.toAbsolutePath().getParent();
        return libDir.resolve("channel").resolve("target").resolve(privateDir.getFileName());
    }

    /** {@code def} with a path for each virtio unix channel that has none; {@code def} itself when none lacks one. */
    public static DomainDefinition assign(DomainDefinition def, Path channelDir) {
        List<Device> devices = null;
        int i = 0;
        for (Device d : def.devices()) {
            if (d instanceof CharDevice c && needsPath(c)) {
                if (devices == null) {
                    devices = new ArrayList<>(def.devices());
                }
                devices.set(i, c.toBuilder().source(new CharSource("bind", path(c, channelDir).toString(), null, null))
                        .build());
            }
            i++;
        }
        return devices == null ? def : def.toBuilder().devices(devices).build();
    }

    private static boolean needsPath(CharDevice c) {
        return c.kind().equals("channel") && "virtio".equals(c.targetType()) && c.type().equals("unix")
                && (c.sources().isEmpty() || c.sources().get(0).path() == null);
    }

    private static Path path(CharDevice c, Path channelDir) {
        String name = CharOptions.targetName(c);
        if (name != null) {
            return channelDir.resolve(name);
        }
        DeviceAddress a = c.address();
        long controller = a == null ? 0 : QemuOptions.addressNumber(a.attribute("controller"));
        long bus = a == null ? 0 : QemuOptions.addressNumber(a.attribute("bus"));
        long port = a == null ? 0 : QemuOptions.addressNumber(a.attribute("port"));
        return channelDir.resolve(String.format("vioser-%02d-%02d-%02d.sock", controller, bus, port));
    }
}
