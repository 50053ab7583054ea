package io.hearth.runtime.registry;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every plugin jar's class loader: it lets a plugin see the JDK, the node SPI
 * ({@code io.hearth.node}) and the logging API, and nothing else of the server. A plugin brings
 * its own copies of any other library it needs, so server upgrades cannot break it.
 */
final class SpiOnlyClassLoader extends ClassLoader {

    private static final String[] SHARED_PACKAGES = {"io.hearth.node.", "org.slf4j."};

    private final ClassLoader application;

    SpiOnlyClassLoader(ClassLoader application) {
        super("hearth-spi", ClassLoader.getPlatformClassLoader());
        this.application = application;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String shared : SHARED_PACKAGES) {
            if (name.startsWith(shared)) {
                return application.loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }

    // Resources (service files included) come only from the platform and the plugin's own jar,
    // so a plugin's ServiceLoader never sees the server's built-in providers.
    @Override
    public URL getResource(String name) {
        return getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) {
        return Collections.emptyEnumeration();
    }
}
