package io.subito.websocket.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * Found by {@code ContainerProvider.getWebSocketContainer()} through {@code META-INF/services}, in
 * web applications too (their class loader shares this one class and its service file): each call
 * gets a new {@link WsClientContainer}.
 */
public final class WsContainerProvider extends ContainerProvider {
    @Override
    protected WebSocketContainer getContainer() {
        return new WsClientContainer();
    }
}
