package io.subito.websocket.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.ServiceLoader;

/**
 * Found by {@code ContainerProvider.getWebSocketContainer()} through {@code META-INF/services}, in
 * web applications too (their class loader shares this one class and its service file): each call
 * gets a new {@link WsClientContainer}. A client the application brought (another provider its
 * class loader finds, say Tyrus) comes first: this one then answers null, so the API goes on to it,
 * whatever the order of the class path.
 */
public final class WsContainerProvider extends ContainerProvider {
    @Override
    protected WebSocketContainer getContainer() {
        return anotherProvider() ? null : new WsClientContainer();
    }

    private static boolean anotherProvider() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return ServiceLoader.load(ContainerProvider.class, loader == null ? WsContainerProvider.class.getClassLoader() : loader)
                    .stream().anyMatch(p -> p.type() != WsContainerProvider.class);
        } catch (java.util.ServiceConfigurationError e) {
            return false; // a broken service file: this client is the one that works
        }
    }
}
