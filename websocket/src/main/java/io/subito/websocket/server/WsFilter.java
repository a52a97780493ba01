package io.subito.websocket.server;

import io.subito.servlet.registration.UpgradeOnlyFilter;
import io.subito.websocket.handshake.HandshakeCheck;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Takes the requests that ask for WebSocket ({@code Upgrade: websocket}) on a path with an
 * endpoint; every other request passes by after one header look-up. An {@link UpgradeOnlyFilter}:
 * the container leaves it out of the chain of a request without {@code Upgrade}.
 */
final class WsFilter implements UpgradeOnlyFilter {
    private final WsServerContainer container;

    WsFilter(WsServerContainer container) {
        this.container = container;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (WsServerContainer.isHttp(request, response) && container.hasEndpoints()) {
            HttpServletRequest req = (HttpServletRequest) request;
            if (HandshakeCheck.asksForWebSocket(req.getHeader("Upgrade"))) {
                String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
                EndpointRegistry.Match m = container.match(path);
                if (m != null) {
                    container.handshake(req, (HttpServletResponse) response, m);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
