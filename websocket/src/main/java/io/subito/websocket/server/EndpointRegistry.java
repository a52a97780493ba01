package io.subito.websocket.server;

import io.subito.websocket.endpoint.EndpointModel;
import io.subito.websocket.endpoint.PathTemplate;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The endpoints of one webapp by path: exact paths first, then templates, best match first. */
final class EndpointRegistry {
    /** An endpoint: its path, config, and for an annotated class its methods (null for an {@code Endpoint} subclass). */
    record Registered(PathTemplate template, ServerEndpointConfig config, EndpointModel model) {
    }

    /** A request's endpoint and its path parameters. */
    record Match(Registered endpoint, Map<String, String> pathParameters) {
    }

    private final Map<String, Registered> exact = new ConcurrentHashMap<>();
    private final Map<String, Registered> byShape = new ConcurrentHashMap<>();
    private volatile List<Registered> templates = List.of();

    synchronized void add(ServerEndpointConfig config, EndpointModel model) throws DeploymentException {
        PathTemplate t = PathTemplate.parse(config.getPath());
        Registered had = byShape.get(t.shape());
        if (had != null) {
            throw new DeploymentException("two WebSocket endpoints for the path " + config.getPath() + ": "
                    + had.config().getEndpointClass().getName() + " and " + config.getEndpointClass().getName());
        }
        Registered r = new Registered(t, config, model);
        byShape.put(t.shape(), r);
        if (t.hasVariables()) {
            List<Registered> list = new ArrayList<>(templates);
            list.add(r);
            list.sort((a, b) -> a.template().compareTo(b.template()));
            templates = List.copyOf(list);
        } else {
            exact.put(t.path(), r);
        }
    }

    /** Takes every endpoint out of service. */
    synchronized void clear() {
        exact.clear();
        byShape.clear();
        templates = List.of();
    }

    boolean isEmpty() {
        return byShape.isEmpty();
    }

    Match match(String path) {
        Registered r = exact.get(path);
        if (r != null) {
            return new Match(r, Map.of());
        }
        for (Registered t : templates) {
            Map<String, String> vars = t.template().match(path);
            if (vars != null) {
                return new Match(t, vars);
            }
        }
        return null;
    }
}
