package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filter order and dispatcher types (Servlet 6.1 section 6.2.4). */
class FilterTest {
    static Subito server;
    static int port;

    /** Writes its name before and after the rest of the chain. */
    static Filter marking(String name) {
        return new Filter() {
            String param;

            @Override
            public void init(FilterConfig config) {
                param = config.getInitParameter("suffix");
            }

            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res,
                                 jakarta.servlet.FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
                res.getWriter().print(name + (param == null ? "" : param) + "(");
                chain.doFilter(req, res);
                res.getWriter().print(")");
            }
        };
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/f", ctx -> {
            ctx.addServlet("target", Servlets.of((req, res) -> res.getWriter().print("T"))).addMapping("/t/*");
            ctx.addServlet("fwd", Servlets.of((req, res) -> req.getRequestDispatcher("/t/x").forward(req, res)))
                    .addMapping("/fwd");
            var byName = ctx.addFilter("byName", marking("N"));
            byName.addMappingForServletNames(null, true, "target");
            var all = ctx.addFilter("all", marking("A"));
            all.setInitParameter("suffix", "!");
            all.addMappingForUrlPatterns(null, true, "/*");
            var onForward = ctx.addFilter("onForward", marking("F"));
            onForward.addMappingForUrlPatterns(EnumSet.of(DispatcherType.FORWARD), true, "/t/*");
            var first = ctx.addFilter("first", marking("1"));
            first.addMappingForUrlPatterns(null, false, "*.x", "/t/*");
            ctx.addFilter("guard", (req, res, chain) -> ((HttpServletResponse) res).sendError(403))
                    .addMappingForUrlPatterns(null, true, "/t/secret");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void urlPatternFiltersComeBeforeServletNameFilters() throws Exception {
        assertEquals("1(A!(N(T)))", Http.get(port, "/f/t/y").body());
    }

    @Test
    void forwardRunsOnlyForwardFilters() throws Exception {
        // REQUEST filters' output is discarded by the forward's buffer reset
        assertEquals("F(T)", Http.get(port, "/f/fwd").body());
    }

    @Test
    void aFilterMayAnswerWithoutTheServlet() throws Exception {
        assertEquals(403, Http.get(port, "/f/t/secret").status());
    }
}
