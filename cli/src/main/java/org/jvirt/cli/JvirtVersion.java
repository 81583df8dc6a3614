package org.jvirt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** jvirt's version as this jvirsh was built, from the Maven-filtered {@code version.properties}. */
final class JvirtVersion {
    private JvirtVersion() {
    }

    /** E.g. {@code 1.0.0-SNAPSHOT}; {@code unknown} when the resource is missing or unfiltered. */
    static String text() {
        Properties p = new Properties();
        try (InputStream in = JvirtVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }

    /** The version without a qualifier such as {@code -SNAPSHOT}, as virsh prints {@code 9.0.0}. */
    static String plain() {
        String v = text();
        int dash = v.indexOf('-');
        return dash < 0 ? v : v.substring(0, dash);
    }

    /** libvirt's encoded version (major * 1,000,000 + minor * 1,000 + release) as {@code major.minor.release}. */
    static String decode(long version) {
        return (version / 1_000_000) + "." + (version % 1_000_000 / 1000) + "." + (version % 1000);
    }
}
