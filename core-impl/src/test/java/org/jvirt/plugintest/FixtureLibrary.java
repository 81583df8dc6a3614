package org.jvirt.plugintest;

/** Stands for a plugin's own library, packed in a separate jar of a folder plugin. */
public final class FixtureLibrary {
    public static final String TYPE = "FIXTURE";

    private FixtureLibrary() {
    }
}
