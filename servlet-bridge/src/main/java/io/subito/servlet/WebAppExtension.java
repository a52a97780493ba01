package io.subito.servlet;

/**
 * Something the container adds to every web application it deploys, such as the JSP engine
 * (module {@code jsp}). Implementations are found with {@link java.util.ServiceLoader} on the
 * container's class path, so a feature is there exactly when its jar is; the bridge itself never
 * calls them, the deployer does.
 */
public interface WebAppExtension {
    /**
     * Called for each new context before the app's descriptors and annotations are applied, so
     * what is added here plays the part of Tomcat's global {@code conf/web.xml}: the app can
     * override it. Runs with the app's class loader as the thread context class loader.
     */
    void configure(WebAppContext context);
}
