package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ServletContext.getContext between applications: off by default (Tomcat's crossContext=false);
 * when on, a dispatch into another application still meets that application's constraints.
 */
class CrossContextTest {
    static Subito server;
    static int port;
    /** How often the protected servlets of /bank and /basic ran. */
    static final AtomicInteger secretRuns = new AtomicInteger();

    static String name(ServletContext c) {
        return c == null ? "null" : c.getContextPath().isEmpty() ? "ROOT" : c.getContextPath();
    }

    static ServletContext other(HttpServletRequest r) {
        return r.getServletContext().getContext(r.getParameter("ctx"));
    }

    @BeforeAll
    static void start() throws Exception {
        PropertiesRealm realm = new PropertiesRealm().user("ann", "secret", "admin", "user").user("bob", "pw", "user");
        server = Subito.builder().port(0).realm(realm)
                .context("", ctx -> ctx.addServlet("probe", Servlets.text(r -> "bank=" + name(r.getServletContext()
                        .getContext("/bank/x")) + " own=" + name(r.getServletContext().getContext("/nothing"))))
                        .addMapping("/probe"))
                .context("/closed", ctx -> ctx.addServlet("probe", Servlets.text(r -> {
                    ServletContext c = r.getServletContext();
                    return "own=" + name(c.getContext("/closed/x")) + " bank=" + name(c.getContext("/bank"))
                            + " root=" + name(c.getContext("/"));
                })).addMapping("/probe"))
                .context("/open", CrossContextTest::open)
                .context("/bank", CrossContextTest::bank)
                .context("/basic", ctx -> {
                    ctx.setLoginConfig(LoginConfig.basic("Basic Realm"));
                    ctx.addRoleDeclaration("admin");
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("admin", List.of("/admin/*"), null, null)),
                            true, Set.of("admin"), false));
                    ctx.addServlet("admin", Servlets.text(r -> {
                        secretRuns.incrementAndGet();
                        return "basic admin for " + r.getRemoteUser();
                    })).addMapping("/admin/*");
                })
                .start();
        port = server.port();
    }

    /** Cross-context on; servlets that reach into the application named by ?ctx= at the path ?to=. */
    private static void open(WebAppContext ctx) {
        ctx.setCrossContext(true);
        ctx.addServlet("get", Servlets.text(r -> name(other(r)))).addMapping("/get");
        ctx.addServlet("attr", Servlets.text(r -> String.valueOf(other(r).getAttribute("secret")))).addMapping("/attr");
        ctx.addServlet("include", Servlets.of((req, res) -> {
            res.getWriter().print("[");
            try {
                other(req).getRequestDispatcher(req.getParameter("to")).include(req, res);
            } catch (ServletException e) {
                res.getWriter().print("refused: " + e.getMessage());
            }
            res.getWriter().print("]");
        })).addMapping("/include");
        ctx.addServlet("includeUncaught", Servlets.of((req, res) ->
                other(req).getRequestDispatcher(req.getParameter("to")).include(req, res))).addMapping("/include-uncaught");
        ctx.addServlet("forward", Servlets.of((req, res) ->
                other(req).getRequestDispatcher(req.getParameter("to")).forward(req, res))).addMapping("/forward", "/member/forward");
        ctx.addServlet("named", Servlets.of((req, res) ->
                other(req).getNamedDispatcher(req.getParameter("to")).forward(req, res))).addMapping("/named");
        var async = ctx.addServlet("async", Servlets.of((req, res) -> {
            AsyncContext ac = req.startAsync();
            ac.dispatch(other(req), req.getParameter("to"));
        }));
        async.addMapping("/async");
        async.setAsyncSupported(true);
        ctx.setLoginConfig(LoginConfig.basic("Open Realm"));
        ctx.addRoleDeclaration("user");
        ctx.addSecurityConstraint(new SecurityConstraint(
                List.of(new WebResourceCollection("members", List.of("/member/*"), null, null)), true, Set.of("user"), false));
    }

    /** FORM login; /private/* for admins; a public servlet; an attribute. */
    private static void bank(WebAppContext ctx) {
        ctx.setAttribute("secret", "bank-attr");
        ctx.setLoginConfig(LoginConfig.form("/login.html", "/failed.html"));
        ctx.addRoleDeclaration("admin");
        ctx.addSecurityConstraint(new SecurityConstraint(
                List.of(new WebResourceCollection("p", List.of("/private/*"), null, null)), true, Set.of("admin"), false));
        ctx.addServlet("secret", Servlets.text(r -> {
            secretRuns.incrementAndGet();
            return "bank secret";
        })).addMapping("/private/*");
        ctx.addServlet("public", Servlets.text(r -> "bank public")).addMapping("/public");
        ctx.addServlet("self", Servlets.of((req, res) -> req.getRequestDispatcher("/private/x").forward(req, res)))
                .addMapping("/self");
        ctx.addServlet("loginPage", Servlets.text(r -> "please log in")).addMapping("/login.html");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        secretRuns.set(0);
    }

    @Test
    void byDefaultGetContextAnswersNullForOtherApplicationsAndItselfForItsOwnPaths() throws Exception {
        assertEquals("own=/closed bank=null root=null", Http.get(port, "/closed/probe").body());
        assertEquals("bank=null own=ROOT", Http.get(port, "/probe").body(), "the root application likewise");
    }

    @Test
    void withCrossContextOnAnApplicationGetsAnothersContextAndItsAttributes() throws Exception {
        assertEquals("/bank", Http.get(port, "/open/get?ctx=/bank/anything").body());
        assertEquals("bank-attr", Http.get(port, "/open/attr?ctx=/bank").body());
    }

    @Test
    void withCrossContextOnPublicServletsOfAnotherApplicationCanBeIncludedAndForwardedTo() throws Exception {
        assertEquals("[bank public]", Http.get(port, "/open/include?ctx=/bank&to=/public").body());
        Http.Reply r = Http.get(port, "/open/forward?ctx=/bank&to=/public");
        assertEquals(200, r.status());
        assertEquals("bank public", r.body());
    }

    @Test
    void anIncludeOfAFormProtectedServletOfAnotherApplicationWithoutLoginDoesNotRunIt() throws Exception {
        Http.Reply r = Http.get(port, "/open/include?ctx=/bank&to=/private/statement");
        assertEquals(200, r.status(), "the including application handled the refusal");
        assertEquals("[refused: include from /open to /bank/private/statement refused: "
                + "its constraints need an authenticated user]", r.body());
        assertEquals(0, secretRuns.get());
    }

    @Test
    void anUnhandledIncludeRefusalFailsTheIncludingRequest() throws Exception {
        Http.Reply r = Http.get(port, "/open/include-uncaught?ctx=/basic&to=/admin/x");
        assertEquals(500, r.status());
        assertFalse(r.body().contains("basic admin"), r.body());
        assertEquals(0, secretRuns.get());
    }

    @Test
    void aForwardToAProtectedServletOfAnotherApplicationWithoutLoginIsAnswered403() throws Exception {
        for (String target : new String[] {"/open/forward?ctx=/bank&to=/private/x", "/open/forward?ctx=/basic&to=/admin/x"}) {
            Http.Reply r = Http.get(port, target);
            assertEquals(403, r.status(), target);
            assertFalse(r.body().contains("secret") || r.body().contains("basic admin"), r.body());
        }
        assertEquals(0, secretRuns.get());
    }

    @Test
    void aNamedDispatcherOfAnotherApplicationMeetsTheConstraintsOfTheServletsPatterns() throws Exception {
        assertEquals(403, Http.get(port, "/open/named?ctx=/bank&to=secret").status());
        assertEquals(0, secretRuns.get());
        assertEquals("bank public", Http.get(port, "/open/named?ctx=/bank&to=public").body());
    }

    @Test
    void anAsyncDispatchToAProtectedServletOfAnotherApplicationIsAnswered403() throws Exception {
        assertEquals(403, Http.get(port, "/open/async?ctx=/bank&to=/private/x").status());
        assertEquals(0, secretRuns.get());
        assertEquals("bank public", Http.get(port, "/open/async?ctx=/bank&to=/public").body());
    }

    @Test
    void aUserAuthenticatedByTheDispatchingApplicationReachesWhatItsRolesAllow() throws Exception {
        Http.Reply ann = Http.get(port, "/open/member/forward?ctx=/basic&to=/admin/x", SecurityTest.basic("ann", "secret"));
        assertEquals(200, ann.status());
        assertEquals("basic admin for ann", ann.body());
        Http.Reply bob = Http.get(port, "/open/member/forward?ctx=/basic&to=/admin/x", SecurityTest.basic("bob", "pw"));
        assertEquals(403, bob.status(), "bob is a user, not an admin");
        assertEquals(1, secretRuns.get());
    }

    @Test
    void aDispatchWithinOneApplicationIsNotChecked() throws Exception {
        // Servlet 6.1 section 13.2: constraints apply to the client's request, not to the application's dispatches
        assertEquals("bank secret", Http.get(port, "/bank/self").body());
        assertEquals(401, Http.get(port, "/basic/admin/x").status(), "a direct request still is");
        assertTrue(Http.get(port, "/bank/private/x").body().contains("please log in"));
    }
}
