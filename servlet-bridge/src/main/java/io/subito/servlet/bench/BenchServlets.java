package io.subito.servlet.bench;

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
 * HttpServlets at the root context on 127.0.0.1, default configuration. Usage: {@code ... PORT}.
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

    public static void main(String[] args) throws Exception {
        int port = args.length == 0 ? 8080 : Integer.parseInt(args[args.length - 1]);
        ServletHost host = new ServletHost(new ServerConfig().host("127.0.0.1").port(port));
        WebAppContext ctx = new WebAppContext("", null, BenchServlets.class.getClassLoader());
        ctx.addServlet("plaintext", new Plaintext()).addMapping("/plaintext");
        ctx.addServlet("json", new Json()).addMapping("/json");
        host.deploy(ctx);
        host.start();
        Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "subito-shutdown"));
        System.out.println("Subito servlet bench listening on 127.0.0.1:" + host.port());
        Thread.currentThread().join();
    }
}
