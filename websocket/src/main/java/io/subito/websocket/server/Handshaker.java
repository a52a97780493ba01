package io.subito.websocket.server;

import io.subito.container.UpgradedConnection;
import io.subito.websocket.endpoint.AnnotatedEndpoint;
import io.subito.websocket.endpoint.Coders;
import io.subito.websocket.endpoint.EndpointModel;
import io.subito.websocket.extension.DeflateParams;
import io.subito.websocket.extension.PerMessageDeflate;
import io.subito.websocket.handshake.HandshakeCheck;
import io.subito.websocket.handshake.WsExtension;
import io.subito.websocket.handshake.WsHandshakeRequest;
import io.subito.websocket.handshake.WsHandshakeResponse;
import io.subito.websocket.session.HandshakeInfo;
import io.subito.websocket.session.WsConnection;
import io.subito.websocket.session.WsSession;
import io.subito.websocket.session.WsSettings;
import io.subito.websocket.session.WsThreads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's side of the opening handshake (RFC 6455 section 4.2) for one request and endpoint:
 * the request's checks, the configurator's origin check, subprotocol, extensions and
 * {@code modifyHandshake}, the endpoint instance, then the 101 and the hand-over of the connection
 * to a new {@link WsSession}. A refused handshake is an HTTP error naming the cause.
 */
final class Handshaker {
    private static final System.Logger LOG = System.getLogger(Handshaker.class.getName());
    private static final ClassLoader OWN = Handshaker.class.getClassLoader();

    private final WsServerContainer container;

    Handshaker(WsServerContainer container) {
        this.container = container;
    }

    void handshake(HttpServletRequest req, HttpServletResponse resp, ServerEndpointConfig deployed, EndpointModel model,
            Map<String, String> pathParams) throws IOException {
        ServerEndpointConfig sec = new PerSessionConfig(deployed);
        WsHandshakeRequest hr = new WsHandshakeRequest(req, pathParams);
        HandshakeCheck.Refusal refusal = HandshakeCheck.check(req.getMethod(), hr.headers("Connection"),
                hr.headers("Sec-WebSocket-Version"), hr.headers("Sec-WebSocket-Key"));
        if (refusal != null) {
            if (refusal.status() == 426) {
                resp.setHeader("Sec-WebSocket-Version", "13");
            }
            resp.sendError(refusal.status(), refusal.message());
            return;
        }
        ServerEndpointConfig.Configurator cfg = sec.getConfigurator();
        warmDefault(cfg);
        String origin = hr.header("Origin");
        if (!cfg.checkOrigin(origin)) {
            resp.sendError(403, "origin " + origin + " is not allowed");
            return;
        }
        String subprotocol = negotiateSubprotocol(cfg, sec, hr);
        List<Extension> extensions = new ArrayList<>();
        DeflateParams deflate = negotiateExtensions(cfg, sec, hr, extensions);
        WsHandshakeResponse hresp = new WsHandshakeResponse();
        hresp.getHeaders().put("Sec-WebSocket-Accept", List.of(HandshakeCheck.accept(hr.header("Sec-WebSocket-Key"))));
        if (!subprotocol.isEmpty()) {
            hresp.getHeaders().put("Sec-WebSocket-Protocol", List.of(subprotocol));
        }
        if (deflate != null) {
            hresp.getHeaders().put("Sec-WebSocket-Extensions", List.of(deflate.responseHeader()));
        }
        Endpoint endpoint;
        try {
            cfg.modifyHandshake(sec, hr, hresp);
            Object instance = cfg.getEndpointInstance(sec.getEndpointClass());
            endpoint = model != null ? new AnnotatedEndpoint(instance, model) : (Endpoint) instance;
        } catch (InstantiationException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "WebSocket handshake for " + sec.getPath() + " failed", e);
            resp.sendError(500, "the endpoint could not be created: " + e.getMessage());
            return;
        }
        Coders coders;
        try {
            Coders.InstanceMaker maker = c -> c.getConstructor().newInstance();
            coders = new Coders(sec, maker);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "encoders or decoders of " + sec.getPath() + " could not be created", e);
            resp.sendError(500, "encoders or decoders could not be created: " + e);
            return;
        }
        hresp.getHeaders().forEach((name, values) -> values.forEach(v -> resp.addHeader(name, v)));
        resp.setHeader("Upgrade", "websocket");
        resp.setHeader("Connection", "Upgrade");
        HandshakeInfo info = new HandshakeInfo(hr.getRequestURI(), hr.getQueryString(), hr.getParameterMap(), pathParams,
                hr.getUserPrincipal(), req.isSecure(), subprotocol, List.copyOf(extensions));
        WsSettings settings = WsSession.settingsFor(container, container.settings());
        PerMessageDeflate pmd = deflate == null ? null : new PerMessageDeflate(deflate);
        Endpoint ep = endpoint;
        hr.endOfService();
        EngineUpgrade.upgrade(req, raw -> start(raw, ep, sec, info, coders, settings, pmd));
    }

    private void start(UpgradedConnection raw, Endpoint endpoint, ServerEndpointConfig sec, HandshakeInfo info, Coders coders,
            WsSettings settings, PerMessageDeflate deflate) {
        raw.directIo();
        WsSession session = new WsSession(container, endpoint, sec, info, coders, settings);
        WsConnection connection = new WsConnection(new EngineTransport(raw), settings, deflate, session, false);
        WsThreads.execute(() -> session.open(connection));
    }

    /**
     * The API's default configurator methods find the container's through {@code ServiceLoader}
     * with the thread's context class loader, which in a webapp cannot see the container: the
     * look-up is done once here with the container's own loader (the configurator keeps the answer).
     */
    private static void warmDefault(ServerEndpointConfig.Configurator cfg) {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(OWN);
        try {
            cfg.getContainerDefaultConfigurator();
        } finally {
            t.setContextClassLoader(old);
        }
    }

    private static String negotiateSubprotocol(ServerEndpointConfig.Configurator cfg, ServerEndpointConfig sec, WsHandshakeRequest hr) {
        List<String> requested = HandshakeCheck.tokens(hr.headers("Sec-WebSocket-Protocol"));
        if (requested.isEmpty()) {
            return "";
        }
        String s = cfg.getNegotiatedSubprotocol(sec.getSubprotocols(), requested);
        return s == null ? "" : s;
    }

    /**
     * The configurator chooses among the container's extensions and the endpoint configuration's
     * own (as Tomcat offers them); only permessage-deflate is implemented, so only it is answered
     * and its parameters are settled here, per connection.
     */
    private DeflateParams negotiateExtensions(ServerEndpointConfig.Configurator cfg, ServerEndpointConfig sec, WsHandshakeRequest hr,
            List<Extension> out) {
        List<Extension> requested = WsExtension.parse(hr.headers("Sec-WebSocket-Extensions"));
        if (requested.isEmpty()) {
            return null;
        }
        List<Extension> installed = new ArrayList<>(sec.getExtensions()); // the endpoint's first, then the container's
        installed.addAll(container.getInstalledExtensions());
        List<Extension> chosen = cfg.getNegotiatedExtensions(installed, requested);
        List<Map<String, String>> offers = new ArrayList<>();
        for (Extension e : chosen) {
            if (DeflateParams.NAME.equals(e.getName()) && container.settings().permessageDeflate()) {
                offers.add(WsExtension.parameterMap(e));
            }
        }
        DeflateParams p = DeflateParams.negotiate(offers);
        if (p != null) {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            params.put("server_no_context_takeover", null);
            if (p.clientNoContextTakeover()) {
                params.put("client_no_context_takeover", null);
            }
            out.add(WsExtension.of(DeflateParams.NAME, params));
        }
        return p;
    }
}
