package org.example.ws;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/** Deploys the programmatic endpoint at /prog and only the annotated endpoints it is given. */
public class WsAppConfig implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        if (!endpointClasses.contains(ProgrammaticEndpoint.class)) {
            throw new IllegalStateException("the scan did not offer ProgrammaticEndpoint: " + endpointClasses);
        }
        ServerEndpointConfig c = ServerEndpointConfig.Builder.create(ProgrammaticEndpoint.class, "/prog").build();
        c.getUserProperties().put("flavour", "vanilla");
        return Set.of(c);
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
