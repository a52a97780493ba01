package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.registration.UpgradeOnlyFilter;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A container filter for upgrade requests is left out of the chain of requests that cannot be one. */
class UpgradeOnlyFilterTest {
    static Subito server;
    static int port;
    static final AtomicInteger upgradeFilterRuns = new AtomicInteger();

    /** Marks the response "U(" ... ")" when the request asks for an upgrade, else passes it on. */
    static final class MarkingUpgradeFilter implements UpgradeOnlyFilter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            upgradeFilterRuns.incrementAndGet();
            boolean upgrade = ((HttpServletRequest) req).getHeader("Upgrade") != null;
            if (upgrade) {
                res.getWriter().print("U(");
            }
            chain.doFilter(req, res);
            if (upgrade) {
                res.getWriter().print(")");
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/u", ctx -> {
            ctx.addServlet("target", Servlets.of((req, res) -> res.getWriter().print("T"))).addMapping("/t/*");
            ctx.addServlet("wrapped", Servlets.of((req, res) -> res.getWriter().print("W"))).addMapping("/w/*");
            // an application filter before the upgrade filter that makes every request ask for an upgrade
            ctx.addFilter("addsUpgrade", (ServletRequest req, ServletResponse res, FilterChain chain) -> {
                res.getWriter().print("A(");
                chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) req) {
                    @Override
                    public String getHeader(String name) {
                        return "Upgrade".equalsIgnoreCase(name) ? "websocket" : super.getHeader(name);
                    }
                }, res);
                res.getWriter().print(")");
            }).addMappingForUrlPatterns(null, true, "/w/*");
            var upgrade = ctx.addFilter("upgrade", new MarkingUpgradeFilter());
            upgrade.setAsyncSupported(true);
            upgrade.addMappingForUrlPatterns(null, true, "/*");
            var sync = ctx.addFilter("syncUpgrade", new MarkingUpgradeFilter());
            sync.addMappingForUrlPatterns(null, true, "/sync/*");
            ctx.addServlet("sync", Servlets.of((req, res) -> res.getWriter().print("S"))).addMapping("/sync/*");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aRequestWithoutUpgradeSkipsTheUpgradeFilter() throws Exception {
        int before = upgradeFilterRuns.get();
        assertEquals("T", Http.get(port, "/u/t/a").body());
        assertEquals("T", Http.get(port, "/u/t/a").body());
        assertEquals(before, upgradeFilterRuns.get());
    }

    @Test
    void aRequestWithUpgradeRunsTheUpgradeFilter() throws Exception {
        int before = upgradeFilterRuns.get();
        assertEquals("T", Http.get(port, "/u/t/b").body());
        assertEquals("U(T)", Http.get(port, "/u/t/b", "Upgrade: websocket").body());
        assertEquals("T", Http.get(port, "/u/t/b").body());
        assertEquals(before + 1, upgradeFilterRuns.get());
    }

    @Test
    void anUpgradeFilterAfterAnApplicationFilterStillSeesWhatTheApplicationWrapped() throws Exception {
        assertEquals("A(U(W))", Http.get(port, "/u/w/c").body());
    }

    @Test
    void anUpgradeFilterWithoutAsyncSupportIsKeptInTheChain() throws Exception {
        // leaving it out would change the chain's async support, so it runs (and passes the request on)
        int before = upgradeFilterRuns.get();
        assertEquals("S", Http.get(port, "/u/sync/d").body());
        assertEquals(before + 1, upgradeFilterRuns.get());
    }
}
