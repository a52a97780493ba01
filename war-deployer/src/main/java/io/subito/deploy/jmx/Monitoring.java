package io.subito.deploy.jmx;

import io.subito.container.HttpServer;
import io.subito.container.LoopStats;
import io.subito.servlet.WebAppContext;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The server's MBeans on the platform MBean server, where {@code jconsole}, {@code jcmd PID
 * VM.…} tools and JMX exporters find them:
 *
 * <pre>
 * io.subito:type=Server,port=PORT            the engine (connections, requests, bytes, statuses, batches, workers)
 * io.subito:type=Loop,port=PORT,index=N      each selector loop
 * io.subito:type=App,port=PORT,context=PATH  each deployed application (PATH "/" for ROOT)
 * </pre>
 *
 * The port key keeps two servers in one JVM apart. App beans follow deployments (a redeploy
 * replaces the bean); all are unregistered at {@link #close()}. A bean that cannot be registered
 * is logged and skipped: monitoring never stops the server.
 */
public final class Monitoring implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Monitoring.class.getName());
    public static final String DOMAIN = "io.subito";

    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    private final int port;
    private final Map<ObjectName, Boolean> registered = new ConcurrentHashMap<>();

    /** Registers the server and loop beans of a started engine. */
    public Monitoring(HttpServer engine) {
        this.port = engine.port();
        register(name("type=Server"), new ServerBean(engine));
        List<LoopStats> loops = engine.stats().loops();
        for (int i = 0; i < loops.size(); i++) {
            register(name("type=Loop", "index", Integer.toString(i)), new LoopBean(i, loops.get(i)));
        }
    }

    public static ObjectName serverName(int port) {
        return of("type=Server,port=" + port);
    }

    public static ObjectName loopName(int port, int index) {
        return of("type=Loop,port=" + port + ",index=" + index);
    }

    public static ObjectName appName(int port, String contextPath) {
        String cp = contextPath.isEmpty() ? "/" : contextPath;
        return of("type=App,port=" + port + ",context=" + value(cp));
    }

    private ObjectName name(String type) {
        return of(type + ",port=" + port);
    }

    private ObjectName name(String type, String key, String value) {
        return of(type + ",port=" + port + "," + key + "=" + value(value));
    }

    /** Quoted only when the value holds a character an ObjectName value may not. */
    private static String value(String v) {
        for (char c : v.toCharArray()) {
            if (",=:\"*?\n".indexOf(c) >= 0) {
                return ObjectName.quote(v);
            }
        }
        return v;
    }

    private static ObjectName of(String keys) {
        try {
            return new ObjectName(DOMAIN + ":" + keys);
        } catch (JMException e) {
            throw new IllegalArgumentException(keys, e);
        }
    }

    /** The application {@code ctx}, deployed from {@code source}, now serves {@code contextPath}; it took {@code millis}. */
    public void deployed(String contextPath, String source, WebAppContext ctx, long millis) {
        ObjectName n = appName(port, contextPath);
        unregister(n); // in case a bean of the path outlived its deployment
        register(n, new AppBean(contextPath, source, ctx, millis));
    }

    /** The application at {@code contextPath} no longer serves. */
    public void undeployed(String contextPath) {
        unregister(appName(port, contextPath)); // on a redeploy, before the new version's deployed()
    }

    private void register(ObjectName n, Object bean) {
        try {
            mbeans.registerMBean(bean, n);
            registered.put(n, Boolean.TRUE);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "MBean " + n + " not registered: " + e);
        }
    }

    private void unregister(ObjectName n) {
        registered.remove(n);
        try {
            if (mbeans.isRegistered(n)) {
                mbeans.unregisterMBean(n);
            }
        } catch (JMException e) {
            LOG.log(Level.FINE, "unregistering " + n, e);
        }
    }

    @Override
    public void close() {
        for (ObjectName n : List.copyOf(registered.keySet())) {
            unregister(n);
        }
    }
}
