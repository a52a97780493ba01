package io.subito.websocket.bench;

import io.subito.servlet.Subito;
import io.subito.websocket.it.Endpoints;
import io.subito.websocket.server.WsInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * The server of scripts/ws-idle-memory.sh: the echo endpoint at /app/echo and, at /app/heap, the
 * heap in use after a full collection and the live threads, so the script
 * can tell what an idle WebSocket connection costs. Usage: IdleMemoryServer PORT
 */
public final class IdleMemoryServer {
    private IdleMemoryServer() {
    }

    static final class Heap extends HttpServlet {
        private final Subito[] server;

        Heap(Subito[] server) {
            this.server = server;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime rt = Runtime.getRuntime();
            long used = rt.totalMemory() - rt.freeMemory();
            resp.setContentType("text/plain");
            resp.getWriter().print("heap=" + used + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }

    public static void main(String[] args) throws Exception {
        Subito[] holder = new Subito[1];
        holder[0] = Subito.builder().port(Integer.parseInt(args[0]))
                .config(c -> c.maxConnections(50_000))
                .context("/app", ctx -> {
                    ctx.addServletContainerInitializer(new WsInitializer(), Set.of(Endpoints.Echo.class));
                    ctx.addServlet("heap", new Heap(holder)).addMapping("/heap");
                })
                .start();
        System.out.println("listening on " + holder[0].port());
        Thread.currentThread().join();
    }
}
