package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.jmx.Monitoring;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.example.webapp.ThrowingServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's MBeans, read through the platform MBean server while a real server serves requests. */
class MonitoringOverHttpTest {
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path home;

    @Test
    void serverLoopAndAppBeansCountWhatIsServedWhileItIsServed() throws Exception {
        Path webapps = Files.createDirectories(home.resolve("webapps"));
        new WarBuilder().webInfClasses(ThrowingServlet.class).add("index.html", "hi").writeTo(webapps.resolve("shop.war"));
        ObjectName server;
        ObjectName app;
        int port;
        try (RunningServer s = new RunningServer(home, "loops=2\nsessionStore.sweepMillis=200\n")) {
            port = s.server.port();
            server = Monitoring.serverName(port);
            app = Monitoring.appName(port, "/shop");
            assertEquals(port, MBEANS.getAttribute(server, "Port"));
            assertEquals("pool", MBEANS.getAttribute(server, "ExecutionMode"));
            assertEquals("STARTED", MBEANS.getAttribute(app, "State"));
            assertTrue(((String) MBEANS.getAttribute(app, "DeployedAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z"));
            assertTrue((long) MBEANS.getAttribute(app, "DeployMillis") >= 0);

            // requests from another thread while this one reads the beans
            ExecutorService load = Executors.newSingleThreadExecutor();
            AtomicInteger served = new AtomicInteger();
            Future<?> running = load.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    if (s.get("/shop/index.html").status() == 200) {
                        served.incrementAndGet();
                    }
                }
                return null;
            });
            long seen = 0;
            while (!running.isDone()) {
                long now = (long) MBEANS.getAttribute(server, "Requests");
                assertTrue(now >= seen, "counters never go back");
                seen = now;
                Thread.sleep(2);
            }
            running.get(60, TimeUnit.SECONDS);
            load.shutdown();
            assertEquals(200, served.get());
            assertEquals(404, s.get("/shop/throw/missing").status());
            assertEquals(500, s.get("/shop/throw").status());
            assertEquals(404, s.get("/elsewhere").status());
            assertEquals(200, s.get("/shop/throw/session").status());

            long requests = (long) MBEANS.getAttribute(server, "Requests");
            assertTrue(requests >= 204, "requests: " + requests);
            assertTrue((long) MBEANS.getAttribute(server, "Responses2xx") >= 201);
            assertTrue((long) MBEANS.getAttribute(server, "Responses4xx") >= 2);
            assertTrue((long) MBEANS.getAttribute(server, "Responses5xx") >= 1);
            assertTrue((long) MBEANS.getAttribute(server, "BytesSent") >= 200 * 2, "the index pages' bodies");
            assertTrue((long) MBEANS.getAttribute(server, "AcceptedConnections") >= 1);
            assertTrue((int) MBEANS.getAttribute(server, "OpenConnections") >= 0);
            assertTrue((long) MBEANS.getAttribute(server, "Batches") >= 1);
            assertTrue((double) MBEANS.getAttribute(server, "MeanBatchSize") >= 1.0);
            assertTrue((int) MBEANS.getAttribute(server, "WorkersActive") >= 0, "pool mode has workers");
            assertTrue((long) MBEANS.getAttribute(server, "WorkersQueued") >= 0);

            long perLoop = 0;
            for (int i = 0; i < 2; i++) {
                ObjectName loop = Monitoring.loopName(port, i);
                assertEquals(i, MBEANS.getAttribute(loop, "Index"));
                perLoop += (long) MBEANS.getAttribute(loop, "Requests");
            }
            assertEquals((long) MBEANS.getAttribute(server, "Requests"), perLoop, "the loops add up to the server");

            assertEquals(203L, MBEANS.getAttribute(app, "Requests"), "200 pages, the 404, the 500 and the session");
            assertEquals(2L, MBEANS.getAttribute(app, "Errors"));
            assertEquals(1L, MBEANS.getAttribute(app, "SessionsCreated"));
            assertEquals(1, MBEANS.getAttribute(app, "SessionsActive"));

            long expiry = System.nanoTime() + RunningServer.PATIENCE.toNanos();
            while ((long) MBEANS.getAttribute(app, "SessionsExpired") == 0 && System.nanoTime() < expiry) {
                Thread.sleep(50);
            }
            assertEquals(1L, MBEANS.getAttribute(app, "SessionsExpired"), "the session's one-second timeout");
            assertEquals(0, MBEANS.getAttribute(app, "SessionsActive"));

            Files.delete(webapps.resolve("shop.war"));
            long deadline = System.nanoTime() + RunningServer.PATIENCE.toNanos();
            while (MBEANS.isRegistered(app) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(MBEANS.isRegistered(app), "an undeployed app's bean goes with it");
        }
        assertFalse(MBEANS.isRegistered(server), "unregistered when the server stops");
        assertTrue(MBEANS.queryNames(new ObjectName("io.subito:port=" + port + ",*"), null).isEmpty());
    }
}
