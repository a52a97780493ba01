package io.subito.websocket.server;

import io.subito.websocket.session.WsSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Gives a webapp WebSocket (Jakarta WebSocket 2.2 section 6.4): its {@link ServerContainer} as the
 * {@code jakarta.websocket.server.ServerContainer} context attribute, the filter that takes
 * handshakes (with the first endpoint), and the endpoints the deployment scan found: through the app's
 * {@link ServerApplicationConfig}s when it has any, else every {@code @ServerEndpoint} class.
 * Its sessions are closed with 1001 when the app stops.
 */
@HandlesTypes({ServerEndpoint.class, Endpoint.class, ServerApplicationConfig.class})
public final class WsInitializer implements ServletContainerInitializer {
    public static final String FILTER_NAME = "subito-websocket";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) throws ServletException {
        Object given = ctx.getAttribute(WsSettings.ATTRIBUTE); // the server's websocket.* settings, when deployed by it
        ctx.removeAttribute(WsSettings.ATTRIBUTE);
        WsServerContainer sc = install(ctx, given instanceof WsSettings s ? s : WsSettings.DEFAULTS);
        if (classes != null && !classes.isEmpty()) {
            // an app with WebSocket classes gets the filter now: a context listener that an
            // initializer added may add its endpoints, but may not add a filter itself (Servlet 6.1 section 4.4)
            try {
                sc.ensureFilter();
            } catch (DeploymentException e) {
                throw new ServletException(e.getMessage(), e);
            }
        }
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        Set<ServerApplicationConfig> apps = new LinkedHashSet<>();
        for (Class<?> c : classes == null ? Set.<Class<?>>of() : classes) {
            int mod = c.getModifiers();
            if (Modifier.isAbstract(mod) || c.isInterface() || !Modifier.isPublic(mod)) {
                continue;
            }
            if (ServerApplicationConfig.class.isAssignableFrom(c)) {
                try {
                    apps.add((ServerApplicationConfig) c.getConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new ServletException("ServerApplicationConfig " + c.getName() + " cannot be created: " + e, e);
                }
            }
            if (c.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(c);
            } else if (Endpoint.class.isAssignableFrom(c)) {
                programmatic.add(c.asSubclass(Endpoint.class));
            }
        }
        try {
            if (apps.isEmpty()) {
                for (Class<?> c : annotated) {
                    sc.addEndpoint(c);
                }
                return;
            }
            for (ServerApplicationConfig app : apps) {
                for (ServerEndpointConfig sec : nullSafe(app.getEndpointConfigs(programmatic))) {
                    sc.addEndpoint(sec);
                }
                for (Class<?> c : nullSafe(app.getAnnotatedEndpointClasses(annotated))) {
                    sc.addEndpoint(c);
                }
            }
        } catch (DeploymentException e) {
            throw new ServletException("WebSocket endpoint refused: " + e.getMessage(), e);
        }
    }

    private static <T> Set<T> nullSafe(Set<T> s) {
        return s == null ? Set.of() : s;
    }

    /**
     * The filter that takes handshakes, added with the app's first endpoint: an app without
     * endpoints (or one using only {@code upgradeHttpToWebSocket}, as Spring does) has no filter in
     * front of its requests.
     */
    static void addFilter(ServletContext ctx, WsServerContainer sc) {
        FilterRegistration.Dynamic f = ctx.addFilter(FILTER_NAME, new WsFilter(sc));
        f.setAsyncSupported(true);
        f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    /**
     * Puts a {@link WsServerContainer} into {@code ctx} (once) with its filter and stop listener;
     * for embedded contexts too: add endpoints to the answer.
     */
    public static WsServerContainer install(ServletContext ctx, WsSettings settings) {
        Object had = ctx.getAttribute(ServerContainer.class.getName());
        if (had instanceof WsServerContainer w) {
            return w;
        }
        WsServerContainer sc = new WsServerContainer(ctx, settings);
        ctx.setAttribute(ServerContainer.class.getName(), sc);
        ctx.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent sce) {
                sc.closeAll();
            }
        });
        return sc;
    }
}
