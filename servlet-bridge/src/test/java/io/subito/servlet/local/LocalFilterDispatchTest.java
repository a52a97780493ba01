package io.subito.servlet.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.LocalApp;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filter chains and request dispatching (forward, include) in memory. */
class LocalFilterDispatchTest {
    private static LocalApp app;

    /** Writes its name before and after the rest of the chain. */
    static Filter marking(String name) {
        return (ServletRequest req, ServletResponse res, FilterChain chain) -> {
            res.getWriter().print(name + "(");
            chain.doFilter(req, res);
            res.getWriter().print(")");
        };
    }

    @BeforeAll
    static void start() throws Exception {
        app = LocalApp.of("/f", ctx -> {
            ctx.addServlet("target", Servlets.of((req, res) -> res.getWriter().print(
                    "T:" + req.getDispatcherType() + ":" + req.getServletPath() + req.getPathInfo()
                            + ":" + req.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH)))).addMapping("/t/*");
            ctx.addServlet("fwd", Servlets.of((req, res) -> req.getRequestDispatcher("/t/x").forward(req, res)))
                    .addMapping("/fwd");
            ctx.addServlet("inc", Servlets.of((req, res) -> {
                res.getWriter().print("before ");
                req.getRequestDispatcher("/part").include(req, res);
                res.getWriter().print(" after");
            })).addMapping("/inc");
            ctx.addServlet("part", Servlets.of((req, res) -> {
                res.setStatus(500); // ignored inside an include
                res.getWriter().print("part:" + req.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH));
            })).addMapping("/part");
            ctx.addFilter("all", marking("A")).addMappingForUrlPatterns(null, true, "/*");
            ctx.addFilter("byName", marking("N")).addMappingForServletNames(null, true, "target");
            ctx.addFilter("onForward", marking("F"))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.FORWARD), true, "/t/*");
            ctx.addFilter("guard", (req, res, chain) -> ((HttpServletResponse) res).sendError(403))
                    .addMappingForUrlPatterns(null, true, "/t/secret");
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void urlPatternFiltersRunBeforeServletNameFiltersInDeclarationOrder() {
        Http.Reply r = app.get("/f/t/x");
        assertEquals(200, r.status());
        assertEquals("A(N(T:REQUEST:/t/x:null))", r.body());
    }

    @Test
    void aForwardRunsOnlyTheFiltersMappedForForwardsAndSeesTheOriginalPath() {
        Http.Reply r = app.get("/f/fwd");
        assertEquals(200, r.status());
        // what the request's own chain (A) wrote before is dropped (forward resets the buffer), and
        // what it writes after is not sent (the forward closed the response); N is for requests only
        assertEquals("F(T:FORWARD:/t/x:/fwd)", r.body());
    }

    @Test
    void anIncludeAddsTheIncludedOutputAndCannotChangeTheStatus() {
        Http.Reply r = app.get("/f/inc");
        assertEquals(200, r.status());
        assertEquals("A(before part:/part after)", r.body());
    }

    @Test
    void aFilterThatAnswersItselfStopsTheChain() throws IOException {
        Http.Reply r = app.get("/f/t/secret");
        assertEquals(403, r.status());
        assertEquals(-1, r.body().indexOf("T:"), r.body());
    }

    /** The filters of a servlet's last dispatch are reused only for the same path and dispatcher type. */
    @Test
    void aServletReachedByPathsAndDispatchesWithOtherFiltersGetsEachOnesFiltersEveryTime() {
        for (int round = 0; round < 2; round++) {
            assertEquals("A(N(T:REQUEST:/t/x:null))", app.get("/f/t/x").body());
            assertEquals(403, app.get("/f/t/secret").status());
            assertEquals("A(N(T:REQUEST:/t/x:null))", app.get("/f/t/x").body());
            assertEquals("F(T:FORWARD:/t/x:/fwd)", app.get("/f/fwd").body());
            assertEquals("A(N(T:REQUEST:/t/y:null))", app.get("/f/t/y").body());
        }
    }
}
