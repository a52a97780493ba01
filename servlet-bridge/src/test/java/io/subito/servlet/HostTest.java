package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.subito.container.ServerConfig;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.ServletContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several contexts on one engine, deployed and undeployed at run time. */
class HostTest {
    ServletHost host;

    static WebAppContext app(String path, String answer) {
        WebAppContext c = new WebAppContext(path, null, HostTest.class.getClassLoader());
        c.addServlet("s", Servlets.text(r -> answer + " " + r.getContextPath() + " " + r.getPathInfo()))
                .addMapping("/*");
        return c;
    }

    @BeforeEach
    void start() throws Exception {
        host = new ServletHost(new ServerConfig().port(0));
        host.start();
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void longestContextPathWins() throws Exception {
        host.deploy(app("", "root"));
        host.deploy(app("/a", "a"));
        host.deploy(app("/a/b", "ab"));
        assertEquals("ab /a/b /x", Http.get(host.port(), "/a/b/x").body());
        assertEquals("a /a /bc", Http.get(host.port(), "/a/bc").body());
        assertEquals("root  /ab", Http.get(host.port(), "/ab").body());
    }

    @Test
    void undeployAndRedeploy() throws Exception {
        WebAppContext one = app("/app", "one");
        host.deploy(one);
        assertEquals("one /app /x", Http.get(host.port(), "/app/x").body());
        host.deploy(app("/app", "two"));
        assertEquals(false, one.isStarted());
        assertEquals("two /app /x", Http.get(host.port(), "/app/x").body());
        assertEquals(1, host.contexts().size());
        host.undeploy("/app");
        assertEquals(404, Http.get(host.port(), "/app/x").status());
        assertNull(host.undeploy("/app"));
    }

    @Test
    void inFlightRequestFinishesOnTheOldContext() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        WebAppContext slow = new WebAppContext("/slow", null, null);
        slow.addListener(new jakarta.servlet.ServletContextListener() {
            @Override
            public void contextDestroyed(jakarta.servlet.ServletContextEvent sce) {
                order.add("destroyed");
            }
        });
        slow.addServlet("s", Servlets.text(r -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("served");
            return "old";
        })).addMapping("/*");
        host.deploy(slow);
        Http conn = new Http(host.port());
        Thread t = new Thread(() -> {
            try {
                conn.raw("GET /slow/x HTTP/1.1\r\nHost: x\r\n\r\n");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        entered.await(10, TimeUnit.SECONDS);
        Thread undeployer = new Thread(() -> host.undeploy("/slow"));
        undeployer.start();
        release.countDown();
        assertEquals("old", conn.read(false).body());
        undeployer.join(10_000);
        conn.close();
        assertEquals(java.util.List.of("served", "destroyed"), order, "the context stops only after the request");
    }

    @Test
    void crossContextLookup() throws Exception {
        WebAppContext a = app("/a", "a");
        WebAppContext b = app("/b", "b");
        host.deploy(a);
        host.deploy(b);
        assertNull(a.servletContext().getContext("/b/anything"), "off by default");
        assertSame(a.servletContext(), a.servletContext().getContext("/a/x"));
        a.setCrossContext(true);
        ServletContext other = a.servletContext().getContext("/b/anything");
        assertSame(b.servletContext(), other);
        assertEquals("/b", other.getContextPath());
    }

    @Test
    void noContextIs404() throws Exception {
        assertEquals(404, Http.get(host.port(), "/nothing").status());
    }
}
