package io.subito.servlet.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.subito.servlet.WebAppContext;
import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.LocalApp;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Security constraints in memory: BASIC and FORM login, roles, method-specific and confidential constraints. */
class LocalSecurityTest {
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded";
    private static LocalApp app;

    static String basic(String user, String pass) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    static String who(HttpServletRequest r) {
        return r.getRemoteUser() + " " + r.getAuthType() + " " + r.isUserInRole("admin");
    }

    private static SecurityConstraint constraint(String pattern, Set<String> methods, Set<String> roles,
                                                 boolean confidential) {
        return new SecurityConstraint(List.of(new WebResourceCollection(pattern, List.of(pattern), methods, null)),
                roles != null, roles == null ? Set.of() : roles, confidential);
    }

    @BeforeAll
    static void start() throws Exception {
        PropertiesRealm realm = new PropertiesRealm().user("ann", "secret", "admin").user("bob", "pw", "user");
        WebAppContext b = new WebAppContext("/b", null, null);
        b.setRealm(realm);
        b.setLoginConfig(LoginConfig.basic("Test Realm"));
        b.addRoleDeclaration("admin");
        b.addSecurityConstraint(constraint("/admin/*", null, Set.of("admin"), false));
        b.addSecurityConstraint(constraint("/closed", Set.of("GET"), Set.of(), false));
        b.addSecurityConstraint(constraint("/card", null, null, true));
        b.addServlet("who", Servlets.text(LocalSecurityTest::who)).addMapping("/admin/*", "/open", "/closed", "/card");
        WebAppContext form = new WebAppContext("/form", null, null);
        form.setRealm(realm);
        form.setLoginConfig(LoginConfig.form("/login.html", "/failed.html"));
        form.addRoleDeclaration("user");
        form.addSecurityConstraint(constraint("/private/*", null, Set.of("user"), false));
        form.addServlet("who", Servlets.text(LocalSecurityTest::who)).addMapping("/private/*");
        form.addServlet("loginPage", Servlets.text(r -> "please log in")).addMapping("/login.html");
        form.addServlet("failPage", Servlets.text(r -> "wrong")).addMapping("/failed.html");
        app = LocalApp.of(b, form);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aProtectedPathChallengesThenServesTheRightUser() {
        Http.Reply r = app.get("/b/admin/x");
        assertEquals(401, r.status());
        assertEquals("Basic realm=\"Test Realm\"", r.header("WWW-Authenticate"));
        assertEquals("ann BASIC true", app.get("/b/admin/x", basic("ann", "secret")).body());
    }

    @Test
    void aWrongPasswordIsChallengedAgainAndAMissingRoleIsForbidden() {
        assertEquals(401, app.get("/b/admin/x", basic("ann", "nope")).status());
        assertEquals(403, app.get("/b/admin/x", basic("bob", "pw")).status());
    }

    @Test
    void anEmptyRoleSetDeniesOnlyTheMethodsItCovers() {
        assertEquals(403, app.get("/b/closed", basic("ann", "secret")).status());
        assertEquals(200, app.post("/b/closed", "").status());
    }

    @Test
    void anUnconstrainedPathIsOpenToAnonymousUsers() {
        assertEquals("null null false", app.get("/b/open").body());
    }

    @Test
    void aConfidentialPathIsForbiddenWithoutAnHttpsListenerToRedirectTo() {
        assertEquals(403, app.get("/b/card").status());
    }

    @Test
    void formLoginShowsTheLoginPageThenReturnsToTheRequestedPageUnderANewSessionId() {
        Http.Reply page = app.get("/form/private/data?x=1");
        assertEquals(200, page.status());
        assertEquals("please log in", page.body());
        String cookie = page.header("Set-Cookie").split(";")[0];
        Http.Reply bad = app.post("/form/j_security_check", "j_username=bob&j_password=no", "Cookie: " + cookie, FORM);
        assertEquals("wrong", bad.body());
        Http.Reply ok = app.post("/form/j_security_check", "j_username=bob&j_password=pw", "Cookie: " + cookie, FORM);
        assertEquals(303, ok.status());
        assertEquals("/form/private/data?x=1", ok.header("Location"));
        String newCookie = ok.header("Set-Cookie").split(";")[0];
        assertNotEquals(cookie, newCookie, "the session id changes at login");
        assertEquals("bob FORM false", app.get("/form/private/data", "Cookie: " + newCookie).body());
    }
}
