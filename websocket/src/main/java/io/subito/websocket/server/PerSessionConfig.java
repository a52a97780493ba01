package io.subito.websocket.server;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An endpoint's config as one handshake and its session see it: everything from the deployed
 * config, but user properties of its own (a copy), so what {@code modifyHandshake} puts there
 * belongs to this connection and never leaks into another one's.
 */
final class PerSessionConfig implements ServerEndpointConfig {
    private final ServerEndpointConfig deployed;
    private final Map<String, Object> userProperties;

    PerSessionConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        this.userProperties = new ConcurrentHashMap<>(deployed.getUserProperties());
    }

    ServerEndpointConfig deployed() {
        return deployed;
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return deployed.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }
}
