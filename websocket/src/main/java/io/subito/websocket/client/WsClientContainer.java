package io.subito.websocket.client;

import io.subito.websocket.endpoint.AnnotatedEndpoint;
import io.subito.websocket.endpoint.Coders;
import io.subito.websocket.endpoint.EndpointModel;
import io.subito.websocket.session.ContainerDefaults;
import io.subito.websocket.session.HandshakeInfo;
import io.subito.websocket.session.SessionOwner;
import io.subito.websocket.session.WsConnection;
import io.subito.websocket.session.WsSession;
import io.subito.websocket.session.WsSettings;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A WebSocket client container ({@code ContainerProvider.getWebSocketContainer()}, and what a
 * server container's {@code connectToServer} uses): connects to {@code ws:} and {@code wss:}
 * URIs, annotated ({@code @ClientEndpoint}) and programmatic endpoints, with the same sessions,
 * coders and frame codec as the server, over a socket of each connection's own
 * ({@link SocketTransport}). No extension is implemented on the client side: the configuration's
 * extensions are offered, and a server that accepts one the client cannot speak is refused.
 */
public final class WsClientContainer extends ContainerDefaults {
    private final Map<Session, Boolean> open = new ConcurrentHashMap<>();
    /** How long connecting and the handshake may take. */
    private volatile int connectTimeoutMillis = 20_000;

    public WsClientContainer() {
        super(WsSettings.DEFAULTS);
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        Class<?> c = annotatedEndpointInstance.getClass();
        ClientEndpointConfig cec = configOf(c);
        return connect(new AnnotatedEndpoint(annotatedEndpointInstance, EndpointModel.of(c, cec.getDecoders())), cec, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        ClientEndpointConfig cec = configOf(annotatedEndpointClass);
        EndpointModel model = EndpointModel.of(annotatedEndpointClass, cec.getDecoders());
        return connect(new AnnotatedEndpoint(newInstance(annotatedEndpointClass), model), cec, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path) throws DeploymentException, IOException {
        return connect(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connect((Endpoint) newInstance(endpointClass), cec, path);
    }

    private static Object newInstance(Class<?> c) throws DeploymentException {
        try {
            return c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("cannot create the client endpoint " + c.getName() + ": " + e, e);
        }
    }

    /** The configuration an {@code @ClientEndpoint} annotation describes. */
    private static ClientEndpointConfig configOf(Class<?> c) throws DeploymentException {
        ClientEndpoint a = c.getAnnotation(ClientEndpoint.class);
        if (a == null) {
            throw new DeploymentException(c.getName() + " has no @ClientEndpoint annotation");
        }
        ClientEndpointConfig.Builder b = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(Arrays.asList(a.subprotocols()))
                .encoders(Arrays.asList(a.encoders()))
                .decoders(Arrays.asList(a.decoders()));
        if (a.configurator() != ClientEndpointConfig.Configurator.class) {
            b.configurator((ClientEndpointConfig.Configurator) newInstance(a.configurator()));
        }
        return b.build();
    }

    private Session connect(Endpoint endpoint, ClientEndpointConfig cec, URI uri) throws DeploymentException, IOException {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        if (!secure && !"ws".equalsIgnoreCase(uri.getScheme())) {
            throw new DeploymentException("a WebSocket URI is ws: or wss:, not " + uri);
        }
        if (uri.getHost() == null) {
            throw new DeploymentException("the WebSocket URI " + uri + " has no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        Socket socket = secure ? tlsSocket(uri.getHost(), port, cec.getSSLContext()) : new Socket();
        SocketTransport transport;
        ClientHandshake.Result agreed;
        try {
            if (!secure) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), connectTimeoutMillis);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(connectTimeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            agreed = ClientHandshake.run(uri, cec, in, socket.getOutputStream());
            if (!agreed.extensions().isEmpty()) {
                throw new DeploymentException("the server at " + uri + " accepted extensions this client does not implement: "
                        + agreed.extensions().stream().map(Extension::getName).toList());
            }
            socket.setSoTimeout(0);
            transport = new SocketTransport(socket, in);
        } catch (IOException | DeploymentException | RuntimeException e) {
            socket.close();
            throw e;
        }
        Coders coders;
        try {
            coders = new Coders(cec, c -> c.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            socket.close();
            throw new DeploymentException("the encoders or decoders of the client endpoint cannot be created: " + e, e);
        }
        HandshakeInfo info = new HandshakeInfo(uri, uri.getQuery(), Map.of(), Map.of(), null, secure, agreed.subprotocol(),
                agreed.extensions());
        WsSettings settings = new WsSettings(getDefaultMaxTextMessageBufferSize(), getDefaultMaxBinaryMessageBufferSize(),
                getDefaultMaxSessionIdleTimeout(), WsSettings.DEFAULTS.closeTimeoutMillis(), getDefaultAsyncSendTimeout(),
                WsSettings.DEFAULTS.maxQueuedBytes(), false);
        WsSession session = new WsSession(new Owner(Thread.currentThread().getContextClassLoader()), endpoint, cec, info, coders, settings);
        WsConnection connection = new WsConnection(transport, settings, null, session, true);
        transport.start(uri.toString());
        session.open(connection); // onOpen on this thread, before connectToServer returns
        return session;
    }

    /**
     * A TLS socket that checks the server's certificate and host name, with the configuration's
     * {@code SSLContext} (Jakarta WebSocket 2.2), else the JVM's default.
     */
    private Socket tlsSocket(String host, int port, SSLContext context) throws IOException {
        SSLSocketFactory factory = context != null ? context.getSocketFactory() : (SSLSocketFactory) SSLSocketFactory.getDefault();
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        SSLSocket s = (SSLSocket) factory.createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        return s;
    }

    /** The sessions of one connection's class loader (the caller's: a webapp's callbacks run with its loader). */
    private final class Owner implements SessionOwner {
        private final ClassLoader loader;

        Owner(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public WebSocketContainer container() {
            return WsClientContainer.this;
        }

        @Override
        public ClassLoader loader() {
            return loader;
        }

        @Override
        public void opened(WsSession s) {
            WsClientContainer.this.opened(s);
        }

        @Override
        public void closed(WsSession s) {
            WsClientContainer.this.closed(s);
        }

        @Override
        public Set<Session> openSessions(WsSession s) {
            return WsClientContainer.this.openSessions(s);
        }
    }

    private void opened(WsSession s) {
        open.put(s, Boolean.TRUE);
    }

    private void closed(WsSession s) {
        open.remove(s);
    }

    private Set<Session> openSessions(WsSession s) {
        return Set.copyOf(open.keySet());
    }

    // ---------------------------------------------------------------- WebSocketContainer

    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "WsClientContainer " + open.size() + " open sessions";
    }
}
