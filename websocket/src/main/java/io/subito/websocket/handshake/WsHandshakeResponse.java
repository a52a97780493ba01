package io.subito.websocket.handshake;

import jakarta.websocket.HandshakeResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The 101 response's headers, which the configurator's {@code modifyHandshake} may change. */
public final class WsHandshakeResponse implements HandshakeResponse {
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
