package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.Subito;
import io.subito.websocket.server.WsInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An app without endpoints has its ServerContainer but no filter in front of its requests; endpoints come while it starts. */
class AppWithoutEndpointsTest {
    static class Report extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ServerContainer sc = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
            String late;
            try {
                sc.addEndpoint(Endpoints.Echo.class);
                late = "accepted";
            } catch (DeploymentException e) {
                late = e.getMessage().startsWith("WebSocket endpoints are added while the application starts") ? "refused" : e.getMessage();
            }
            resp.getWriter().print("container=" + (sc != null) + " filter="
                    + (getServletContext().getFilterRegistration(WsInitializer.FILTER_NAME) != null) + " late=" + late);
        }
    }

    @Test
    void theServerContainerIsThereWithoutAFilterAndALateEndpointIsRefused() throws Exception {
        try (Subito server = Subito.builder().port(0).context("/app", ctx -> {
            ctx.addServletContainerInitializer(new WsInitializer(), Set.of());
            ctx.addServlet("report", new Report()).addMapping("/report");
        }).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/app/report")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("container=true filter=false late=refused", r.body());
        }
    }
}
