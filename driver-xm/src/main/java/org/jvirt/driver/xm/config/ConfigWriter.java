package org.jvirt.driver.xm.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainDefinition;

/**
 * Writes a completed definition as the settings of a configuration file, in the order libvirt
 * 0.4.4's {@code xenXMParseXMLToConfig} wrote them. What is left out of the domain's definition is
 * left out of the file; what no xm file can say fails, naming it. Stateless.
 */
final class ConfigWriter {
    private ConfigWriter() {
    }

    /**
     * @param def a definition post-parse has completed
     * @param bridges the bridge of a libvirt network, by name (null: no such network)
     */
    static Map<String, XmValue> write(DomainDefinition def, int version, UnaryOperator<String> bridges) {
        boolean hvm = "hvm".equals(def.os().type());
        Map<String, XmValue> out = new LinkedHashMap<>();
        Identity.write(def, out);
        Resources.write(def, out);
        Boot.write(def, hvm, out);
        Features.write(def, hvm, out);
        Clock.write(def, hvm, out);
        Disks.writeCdrom(def, hvm, version, out);
        Lifecycle.write(def, out);
        EmulatedDevices.writeEmulator(def, hvm, out);
        EmulatedDevices.writeUsbInput(def, hvm, out);
        Graphics.write(def, hvm, version, out);
        Disks.write(def, hvm, version, out);
        Interfaces.write(def, hvm, bridges, out);
        SerialPorts.write(def, hvm, out);
        EmulatedDevices.writeSound(def, hvm, out);
        return out;
    }
}
