package io.subito.deploy;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The webapps' parent in tests: what a real server's class path offers (the JDK, the Servlet
 * and annotation APIs, Subito) and nothing else of the test class path, where Spring, Jersey
 * and the fixture classes also are. Without it, a test WAR could silently use a class it does
 * not bundle, and the frameworks' initializers would run in every test app.
 */
public final class ContainerOnlyLoader extends ClassLoader {
    private static final String[] VISIBLE = {"jakarta.servlet.", "jakarta.annotation.", "io.subito."};
    private final ClassLoader testLoader;

    public ContainerOnlyLoader(ClassLoader testLoader) {
        super("container-only", ClassLoader.getPlatformClassLoader());
        this.testLoader = testLoader;
    }

    private static boolean visible(String name) {
        for (String p : VISIBLE) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (visible(name)) {
            return testLoader.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return visible(name.replace('/', '.')) ? testLoader.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return visible(name.replace('/', '.')) ? testLoader.getResources(name) : Collections.emptyEnumeration();
    }
}
