package org.example.isolation;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Does at start what Jakarta Faces (Mojarra) does: asks for the WebSocket server API. Without
 * the API on the shared class path the app fails to start, as a Faces app would.
 */
@WebListener
public class WebSocketApiListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent sce) {
        try {
            Class<?> c = Class.forName("jakarta.websocket.server.ServerContainer");
            sce.getServletContext().setAttribute("websocket.api", c.getName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no Jakarta WebSocket API", e);
        }
    }
}
