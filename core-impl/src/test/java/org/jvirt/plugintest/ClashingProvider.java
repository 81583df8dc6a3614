package org.jvirt.plugintest;

/** A second plugin claiming the fixture's scheme under another name. */
public class ClashingProvider extends FixtureProvider {
    @Override
    public String name() {
        return "clashing";
    }
}
