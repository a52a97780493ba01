package io.subito.websocket.server;

import io.subito.websocket.handshake.HandshakeCheck;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Takes the requests that ask for WebSocket ({@code Upgrade: websocket}) on a path with an
 * endpoint; every other request passes by after one header look-up.
 */
final class WsFilter implements Filter {
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
