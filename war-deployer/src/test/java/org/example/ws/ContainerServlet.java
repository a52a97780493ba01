package org.example.ws;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;

/** Says whether the ServerContainer context attribute is there. */
@WebServlet("/container")
public class ContainerServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object sc = getServletContext().getAttribute(ServerContainer.class.getName());
        resp.getWriter().print(sc instanceof ServerContainer ? "ServerContainer present" : "no ServerContainer: " + sc);
    }
}
