package io.subito.websocket.session;

import jakarta.websocket.Extension;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/** What the session keeps of its opening handshake. */
public record HandshakeInfo(URI requestUri, String queryString, Map<String, List<String>> parameters,
        Map<String, String> pathParameters, Principal principal, boolean secure, String subprotocol,
        List<Extension> extensions) {
}
