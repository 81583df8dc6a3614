package org.jvirt.core.discovery;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin (a jar, or a folder of jars), as Trino's PluginClassLoader: the
 * plugin sees jvirt's SPI packages (api, model, spi), classes and resources, from jvirt's own
 * loader first — so its providers are jvirt's types, and a plugin that bundles its own copy of the
 * SPI does not shadow it — and everything else from its own jars first, then the JDK. It never sees
 * jvirt's core, other drivers, or their libraries, so plugins cannot clash with them.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final List<String> SPI_PACKAGES = List.of("org.jvirt.api.", "org.jvirt.model.", "org.jvirt.spi.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader spiLoader;

    PluginClassLoader(String name, List<URL> jars, ClassLoader spiLoader) {
        super(name, jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        this.spiLoader = spiLoader;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (isSpi(className)) {
            return spiLoader.loadClass(className);
        }
        synchronized (getClassLoadingLock(className)) {
            Class<?> c = findLoadedClass(className);
            if (c == null) {
                try {
                    c = findClass(className);
                } catch (ClassNotFoundException notOurs) {
                    c = getParent().loadClass(className);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String resource) {
        // The SPI's own resources (the model's schemas, say) come from the SPI, as its classes do.
        if (isSpi(resource.replace('/', '.'))) {
            return spiLoader.getResource(resource);
        }
        URL own = findResource(resource);
        return own != null ? own : getParent().getResource(resource);
    }

    @Override
    public Enumeration<URL> getResources(String resource) throws IOException {
        // Only the plugin's own resources: ServiceLoader must find this plugin's providers, not jvirt's.
        return findResources(resource);
    }

    private static boolean isSpi(String className) {
        for (String p : SPI_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
