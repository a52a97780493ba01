package io.subito.websocket.server;

import io.subito.websocket.client.WsClientContainer;
import io.subito.websocket.endpoint.EndpointModel;
import io.subito.websocket.handshake.WsExtension;
import io.subito.websocket.session.ContainerDefaults;
import io.subito.websocket.session.SessionOwner;
import io.subito.websocket.session.WsSession;
import io.subito.websocket.session.WsSettings;
import io.subito.websocket.session.WsThreads;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A webapp's {@link ServerContainer} (its {@code jakarta.websocket.server.ServerContainer}
 * context attribute): its endpoints, the defaults of new sessions, and its open sessions, which
 * are closed with 1001 when the app stops. Its {@code connectToServer} connects as a client
 * ({@link WsClientContainer}).
 */
public final class WsServerContainer extends ContainerDefaults implements ServerContainer, SessionOwner {
    private static final System.Logger LOG = System.getLogger(WsServerContainer.class.getName());
    private final ServletContext context;
    private final ClassLoader loader;
    private final EndpointRegistry registry = new EndpointRegistry();
    private final Handshaker handshaker = new Handshaker(this);
    private final WsSettings settings;
    private final Map<ServerEndpointConfig, Set<Session>> open = new ConcurrentHashMap<>();
    private boolean filterAdded;
    /** The refusal that halted the deployment of endpoints, or null. */
    private volatile DeploymentException halted;
    private volatile WsClientContainer client;

    public WsServerContainer(ServletContext context, WsSettings settings) {
        super(settings);
        this.context = context;
        this.loader = context.getClassLoader();
        this.settings = settings;
    }

    WsSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- endpoints

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        checkNotHalted();
        ServerEndpointConfig sec;
        EndpointModel model;
        try {
            ServerEndpoint a = endpointClass.getAnnotation(ServerEndpoint.class);
            if (a == null) {
                throw new DeploymentException(endpointClass.getName() + " has no @ServerEndpoint annotation");
            }
            ServerEndpointConfig.Configurator cfg;
            try {
                cfg = a.configurator() == ServerEndpointConfig.Configurator.class ? new DefaultConfigurator()
                        : a.configurator().getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new DeploymentException("the configurator " + a.configurator().getName() + " of " + endpointClass.getName()
                        + " cannot be created: " + e, e);
            }
            sec = ServerEndpointConfig.Builder.create(endpointClass, a.value())
                    .subprotocols(Arrays.asList(a.subprotocols()))
                    .encoders(Arrays.asList(a.encoders()))
                    .decoders(Arrays.asList(a.decoders()))
                    .configurator(cfg)
                    .build();
            model = EndpointModel.of(endpointClass, sec.getDecoders());
        } catch (DeploymentException e) {
            throw halt(e);
        }
        add(sec, model);
    }

    @Override
    public void addEndpoint(ServerEndpointConfig sec) throws DeploymentException {
        checkNotHalted();
        EndpointModel model;
        try {
            model = modelOf(sec);
        } catch (DeploymentException e) {
            throw halt(e);
        }
        add(sec, model);
    }

    /** Adding too late (the app has started) is refused without halting; a second endpoint for a path halts. */
    private void add(ServerEndpointConfig sec, EndpointModel model) throws DeploymentException {
        ensureFilter();
        try {
            registry.add(sec, model);
        } catch (DeploymentException e) {
            throw halt(e);
        }
    }

    /**
     * The handshake filter comes with the first endpoint; endpoints may only be added while the
     * app starts, unless {@link #acceptLateEndpoints()} put the filter there then.
     */
    synchronized void ensureFilter() throws DeploymentException {
        if (filterAdded) {
            return;
        }
        try {
            WsInitializer.addFilter(context, this);
        } catch (IllegalStateException e) {
            throw new DeploymentException("WebSocket endpoints are added while the application starts (in a "
                    + "ServletContainerInitializer or a context listener), not after: " + e.getMessage(), e);
        }
        filterAdded = true;
    }

    /**
     * Puts the handshake filter in front of the app now, while it starts, so that endpoints may
     * also be added after it has started: an embedded Spring application's
     * {@code ServerEndpointExporter} adds them once its beans exist, which is after the server's
     * context started (before the port opens).
     *
     * @throws DeploymentException when the app has already started
     */
    public void acceptLateEndpoints() throws DeploymentException {
        ensureFilter();
    }

    /** For an annotated endpoint class its checked methods; null for an {@code Endpoint} subclass. */
    private static EndpointModel modelOf(ServerEndpointConfig sec) throws DeploymentException {
        Class<?> c = sec.getEndpointClass();
        return Endpoint.class.isAssignableFrom(c) ? null : EndpointModel.of(c, sec.getDecoders());
    }

    /**
     * An invalid endpoint halts the application's WebSocket deployment (section 5.2.1), even when
     * the application catches the exception (a context listener may): every endpoint it added goes
     * out of service and later ones are refused, so a half-deployed set of endpoints never serves.
     */
    private DeploymentException halt(DeploymentException cause) {
        halted = cause;
        registry.clear();
        LOG.log(System.Logger.Level.ERROR, "WebSocket deployment of " + context.getContextPath()
                + " halted, none of its endpoints is in service: " + cause.getMessage());
        return cause;
    }

    private void checkNotHalted() throws DeploymentException {
        DeploymentException h = halted;
        if (h != null) {
            throw new DeploymentException("the WebSocket deployment of this application halted after an invalid endpoint ("
                    + h.getMessage() + "); no endpoint is accepted any more", h);
        }
    }

    boolean hasEndpoints() {
        return !registry.isEmpty();
    }

    /** The filter's question: an endpoint for this path within the context, or null. */
    EndpointRegistry.Match match(String path) {
        return registry.match(path);
    }

    void handshake(HttpServletRequest req, HttpServletResponse resp, EndpointRegistry.Match m) throws IOException {
        handshaker.handshake(req, resp, m.endpoint().config(), m.endpoint().model(), m.pathParameters());
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
            Map<String, String> pathParameters) throws IOException, DeploymentException {
        if (!(httpServletRequest instanceof HttpServletRequest req) || !(httpServletResponse instanceof HttpServletResponse resp)) {
            throw new IllegalArgumentException("upgradeHttpToWebSocket needs an HttpServletRequest and HttpServletResponse");
        }
        handshaker.handshake(req, resp, sec, modelOf(sec), pathParameters == null ? Map.of() : Map.copyOf(pathParameters));
    }

    /** For the filter: whether a request is ours to take. */
    static boolean isHttp(ServletRequest req, ServletResponse resp) {
        return req instanceof HttpServletRequest && resp instanceof HttpServletResponse;
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public WebSocketContainer container() {
        return this;
    }

    @Override
    public ClassLoader loader() {
        return loader;
    }

    @Override
    public void opened(WsSession s) {
        open.computeIfAbsent(key(s), k -> ConcurrentHashMap.newKeySet()).add(s);
    }

    @Override
    public void closed(WsSession s) {
        Set<Session> set = open.get(key(s));
        if (set != null) {
            set.remove(s);
        }
    }

    /** Sessions are grouped by the deployed config (a session's own is a per-session copy). */
    private static ServerEndpointConfig key(WsSession s) {
        Object c = s.endpointConfig();
        return c instanceof PerSessionConfig p ? p.deployed() : (ServerEndpointConfig) c;
    }

    @Override
    public Set<Session> openSessions(WsSession s) {
        Set<Session> set = open.get(key(s));
        return set == null ? Set.of() : Set.copyOf(set);
    }

    /** Every open session of the app, e.g. to close them when it stops. */
    public int openSessionCount() {
        return open.values().stream().mapToInt(Set::size).sum();
    }

    /** The app stops: every session is closed with 1001. */
    public void closeAll() {
        for (Set<Session> set : open.values()) {
            for (Session s : set) {
                WsThreads.execute(() -> ((WsSession) s).closeGoingAway());
            }
        }
    }

    // ---------------------------------------------------------------- WebSocketContainer

    /** permessage-deflate, unless the server's {@code websocket.permessageDeflate} turned it off. */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return settings.permessageDeflate() ? Set.of(WsExtension.of(io.subito.websocket.extension.DeflateParams.NAME, Map.of())) : Set.of();
    }

    /** Connecting to servers as a client: the container's client, created at the first use. */
    private WsClientContainer client() {
        WsClientContainer c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    client = c = new WsClientContainer();
                }
            }
        }
        copyDefaultsTo(c);
        return c;
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path) throws DeploymentException, IOException {
        return client().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointClass, cec, path);
    }

    @Override
    public String toString() {
        return "WsServerContainer " + context.getContextPath() + " " + openSessionCount() + " open sessions";
    }
}
