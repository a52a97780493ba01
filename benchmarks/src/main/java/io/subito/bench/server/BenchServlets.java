package io.subito.bench.server;

import io.subito.container.ServerConfig;
import io.subito.servlet.ServletHost;
import io.subito.servlet.WebAppContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark server: {@code GET /plaintext} and {@code GET /json} served by two ordinary
 * HttpServlets at the root context on 127.0.0.1, default configuration, and {@code /echo} for
 * the soak's order checker; a WebSocket echo endpoint at {@code /ws/echo} (text and binary
 * messages back as they came). Usage: {@code ... PORT}.
 */
public final class BenchServlets {
    private BenchServlets() {
    }

    public static final class Plaintext extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setContentType("text/plain");
            res.setContentLength(BODY.length);
            res.getOutputStream().write(BODY);
        }
    }

    public static final class Json extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            // serialised per request, as a JSON library would, rather than a canned byte array
            byte[] body = ("{\"message\":\"" + "Hello, World!" + "\"}").getBytes(StandardCharsets.UTF_8);
            res.setContentType("application/json");
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        }
    }

    /**
     * For the soak's order checker: answers {@code ID:BODY}, ID being the request's
     * {@code X-Request-Id} (echoed as a header too), so a response in the wrong place shows.
     */
    public static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String id = req.getHeader("X-Request-Id");
            byte[] in = req.getInputStream().readAllBytes();
            byte[] body = (id + ":" + new String(in, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            res.setHeader("X-Request-Id", id);
            res.setContentType("text/plain");
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        }
    }

    /** {@code /ws/echo}: every message back to its sender. */
    @jakarta.websocket.server.ServerEndpoint("/ws/echo")
    public static final class WsEcho {
        @jakarta.websocket.OnMessage
        public String text(String message) {
            return message;
        }

        @jakarta.websocket.OnMessage
        public java.nio.ByteBuffer binary(java.nio.ByteBuffer message) {
            return message;
        }
    }

    /**
     * Default configuration, unless {@code -Dsubito.config=FILE} names a properties file with
     * keys of conf/server.properties (the fault scripts raise connection limits that way).
     * Always 127.0.0.1 and the port given.
     */
    private static ServerConfig config(int port) throws IOException {
        String file = System.getProperty("subito.config");
        if (file == null) {
            return new ServerConfig().host("127.0.0.1").port(port);
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
            p.load(in);
        }
        return ServerConfig.fromProperties(p).host("127.0.0.1").port(port);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length == 0 ? 8080 : Integer.parseInt(args[args.length - 1]);
        ServletHost host = new ServletHost(BenchServer.peerTls(config(port)));
        WebAppContext ctx = new WebAppContext("", null, BenchServlets.class.getClassLoader());
        ctx.addServlet("plaintext", new Plaintext()).addMapping("/plaintext");
        ctx.addServlet("json", new Json()).addMapping("/json");
        ctx.addServlet("echo", new Echo()).addMapping("/echo");
        ctx.addServletContainerInitializer(new io.subito.websocket.server.WsInitializer(), java.util.Set.of(WsEcho.class));
        host.deploy(ctx);
        host.start();
        Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "subito-shutdown"));
        System.out.println("Subito servlet bench listening on 127.0.0.1:" + (host.httpsPort() >= 0 ? host.httpsPort() + " (HTTPS)" : host.port()));
        Thread.currentThread().join();
    }
}
