package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.HttpMethodConstraintElement;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Security constraints with BASIC and FORM login, programmatic security and setServletSecurity. */
class SecurityTest {
    static Subito server;
    static int port;

    static String basic(String user, String pass) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    static String who(jakarta.servlet.http.HttpServletRequest r) {
        return r.getRemoteUser() + " " + r.getAuthType() + " " + r.isUserInRole("admin") + " " + r.isUserInRole("user");
    }

    @BeforeAll
    static void start() throws Exception {
        PropertiesRealm realm = new PropertiesRealm().user("ann", "secret", "admin", "user").user("bob", "pw", "user");
        server = Subito.builder().port(0).realm(realm)
                .context("/b", ctx -> {
                    ctx.setLoginConfig(LoginConfig.basic("Test Realm"));
                    ctx.addRoleDeclaration("admin");
                    ctx.addRoleDeclaration("user");
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("admin", List.of("/admin/*"), null, null)),
                            true, Set.of("admin"), false));
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("nobody", List.of("/closed"), Set.of("GET"), null)),
                            true, Set.of(), false));
                    ctx.addServlet("who", Servlets.text(SecurityTest::who)).addMapping("/admin/*", "/open", "/closed");
                    var refs = (io.subito.servlet.registration.ServletHolder) ctx.addServlet("refs",
                            Servlets.text(r -> "BOSS=" + r.isUserInRole("BOSS") + " admin=" + r.isUserInRole("admin")));
                    refs.addSecurityRoleRef("BOSS", "admin");
                    refs.addMapping("/refs");
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("refs", List.of("/refs"), null, null)),
                            true, Set.of("**"), false));
                    var guarded = ctx.addServlet("guarded", Servlets.text(SecurityTest::who));
                    guarded.addMapping("/guarded");
                    guarded.setServletSecurity(new ServletSecurityElement(new HttpConstraintElement(),
                            List.of(new HttpMethodConstraintElement("POST", new HttpConstraintElement(
                                    ServletSecurity.TransportGuarantee.NONE, "user")))));
                    ctx.addServlet("login", Servlets.of((req, res) -> {
                        req.login(req.getParameter("u"), req.getParameter("p"));
                        res.getWriter().print(who(req));
                        req.logout();
                        res.getWriter().print(" / " + who(req));
                    })).addMapping("/login");
                })
                .context("/form", ctx -> {
                    ctx.setLoginConfig(LoginConfig.form("/login.html", "/failed.html"));
                    ctx.addRoleDeclaration("user");
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("p", List.of("/private/*"), null, null)),
                            true, Set.of("user"), false));
                    ctx.addServlet("who", Servlets.text(SecurityTest::who)).addMapping("/private/*");
                    ctx.addServlet("loginPage", Servlets.text(r -> "please log in")).addMapping("/login.html");
                    ctx.addServlet("failPage", Servlets.text(r -> "wrong")).addMapping("/failed.html");
                })
                .start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void basicChallengeThenSuccess() throws Exception {
        Http.Reply r = Http.get(port, "/b/admin/x");
        assertEquals(401, r.status());
        assertEquals("Basic realm=\"Test Realm\"", r.header("WWW-Authenticate"));
        assertEquals("ann BASIC true true", Http.get(port, "/b/admin/x", basic("ann", "secret")).body());
    }

    @Test
    void wrongPasswordIsChallengedAgainAndMissingRoleIsForbidden() throws Exception {
        assertEquals(401, Http.get(port, "/b/admin/x", basic("ann", "nope")).status());
        assertEquals(403, Http.get(port, "/b/admin/x", basic("bob", "pw")).status());
    }

    @Test
    void emptyAuthConstraintDeniesOnlyTheCoveredMethod() throws Exception {
        assertEquals(403, Http.get(port, "/b/closed", basic("ann", "secret")).status());
        assertEquals(200, Http.post(port, "/b/closed", "").status());
    }

    @Test
    void securityRoleRefMapsTheNameUsedInCode() throws Exception {
        assertEquals("BOSS=true admin=true", Http.get(port, "/b/refs", basic("ann", "secret")).body());
        assertEquals("BOSS=false admin=false", Http.get(port, "/b/refs", basic("bob", "pw")).body());
    }

    @Test
    void unconstrainedIsOpen() throws Exception {
        assertEquals("null null false false", Http.get(port, "/b/open").body());
    }

    @Test
    void servletSecurityElementProtectsPostOnly() throws Exception {
        assertEquals(200, Http.get(port, "/b/guarded").status());
        assertEquals(401, Http.post(port, "/b/guarded", "").status());
        assertEquals("bob BASIC false true", Http.post(port, "/b/guarded", "", basic("bob", "pw")).body());
    }

    @Test
    void programmaticLoginAndLogout() throws Exception {
        assertEquals("ann BASIC true true / null null false false", Http.get(port, "/b/login?u=ann&p=secret").body());
        assertEquals(500, Http.get(port, "/b/login?u=ann&p=bad").status());
    }

    @Test
    void formLoginRoundTrip() throws Exception {
        Http.Reply page = Http.get(port, "/form/private/data?x=1");
        assertEquals(200, page.status());
        assertEquals("please log in", page.body());
        String cookie = page.header("Set-Cookie").split(";")[0];
        Http.Reply bad = Http.post(port, "/form/j_security_check", "j_username=bob&j_password=no",
                "Cookie: " + cookie, "Content-Type: application/x-www-form-urlencoded");
        assertEquals("wrong", bad.body());
        Http.Reply ok = Http.post(port, "/form/j_security_check", "j_username=bob&j_password=pw",
                "Cookie: " + cookie, "Content-Type: application/x-www-form-urlencoded");
        assertEquals(303, ok.status());
        assertTrue(ok.header("Location").endsWith("/form/private/data?x=1"), ok.header("Location"));
        String newCookie = ok.header("Set-Cookie").split(";")[0];
        assertTrue(!newCookie.equals(cookie), "the session id changes on login");
        assertEquals("bob FORM false true", Http.get(port, "/form/private/data", "Cookie: " + newCookie).body());
    }

    @Test
    void formLoginAnswersAnHttp10ClientWith302() throws Exception {
        // regression: 303 does not exist in HTTP/1.0, and the TCK's HTTP/1.0 client follows only 301/302
        String cookie = Http.get(port, "/form/private/data").header("Set-Cookie").split(";")[0];
        String body = "j_username=bob&j_password=pw";
        try (Http h = new Http(port)) {
            h.raw("POST /form/j_security_check HTTP/1.0\r\nCookie: " + cookie
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body);
            Http.Reply ok = h.read(false);
            assertEquals(302, ok.status());
            assertTrue(ok.header("Location").endsWith("/form/private/data"), ok.header("Location"));
        }
    }
}
