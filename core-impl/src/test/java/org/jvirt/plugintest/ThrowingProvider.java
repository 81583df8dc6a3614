package org.jvirt.plugintest;

/** A plugin whose provider throws while being loaded. */
public class ThrowingProvider extends FixtureProvider {
    public ThrowingProvider() {
        throw new IllegalStateException("the plugin's provider refuses to start");
    }
}
