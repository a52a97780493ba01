package io.subito.websocket.server;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The container's default {@link ServerEndpointConfig.Configurator} (found by the API through
 * {@code META-INF/services}): the first subprotocol of the client's list the endpoint supports,
 * the requested extensions the container has, in the client's order, every origin, and a new
 * endpoint instance per connection by its public no-argument constructor.
 */
public final class DefaultConfigurator extends ServerEndpointConfig.Configurator {
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String r : requested) {
            if (supported.contains(r)) {
                return r;
            }
        }
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> out = new ArrayList<>();
        for (Extension r : requested) {
            for (Extension i : installed) {
                if (i.getName().equals(r.getName())) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            return endpointClass.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            InstantiationException ie = new InstantiationException("cannot create " + endpointClass.getName() + ": " + e);
            ie.initCause(e);
            throw ie;
        }
    }
}
