package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.Subito;
import io.subito.websocket.server.WsInitializer;
import io.subito.websocket.server.WsServerContainer;
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
import java.net.http.WebSocket;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An app without endpoints has its ServerContainer but no filter in front of its requests;
 * endpoints come while it starts, or later when it asked for that while starting.
 */
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

    @Test
    void anAppThatAcceptsLateEndpointsTakesOneAfterItStartedAndServesIt() throws Exception {
        try (Subito server = Subito.builder().port(0).context("/app", ctx -> {
            ctx.addServletContainerInitializer((classes, sc) -> {
                new WsInitializer().onStartup(classes, sc);
                try {
                    ((WsServerContainer) sc.getAttribute(ServerContainer.class.getName())).acceptLateEndpoints();
                } catch (DeploymentException e) {
                    throw new jakarta.servlet.ServletException(e);
                }
            }, Set.of());
            ctx.addServlet("report", new Report()).addMapping("/report");
        }).start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/app/report")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("container=true filter=true late=accepted", r.body());
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/app/echo"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            got.add(data.toString());
                            w.request(1);
                            return null;
                        }
                    }).get(20, TimeUnit.SECONDS);
            ws.sendText("late but here", true).get(10, TimeUnit.SECONDS);
            assertEquals("late but here", got.poll(20, TimeUnit.SECONDS));
            ws.abort();
        }
    }
}
