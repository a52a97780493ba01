package io.subito.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Spring Security's form login on Subito: the protected page redirects to the login form, a
 * login without the CSRF token is refused, one with it is accepted under a new session id
 * (session fixation protection), and a form post on the page needs the token too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class SecurityFormLoginTests {
    @LocalServerPort
    int port;

    @Test
    void aProtectedPageRedirectsToTheLoginForm() throws Exception {
        HttpResponse<String> r = new Browser(port).get("/account");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
        Browser b = new Browser(port);
        assertThat(b.get("/login").statusCode()).isEqualTo(200);
        HttpResponse<String> r = b.post("/login", Map.of("username", "ada", "password", "lovelace"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(b.get("/account").statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordGoesBackToTheFormWithAnError() throws Exception {
        Browser b = new Browser(port);
        String token = Browser.csrfToken(b.get("/login").body());
        HttpResponse<String> r = b.post("/login", Map.of("username", "ada", "password", "babbage", "_csrf", token));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    @Test
    void aLoginWithTheTokenIsAcceptedUnderANewSessionIdAndFormsNeedTheTokenToo() throws Exception {
        Browser b = new Browser(port);
        assertThat(b.get("/account").statusCode()).isEqualTo(302); // the request is saved in a session
        HttpResponse<String> form = b.get("/login");
        String sessionBefore = b.cookies.get("JSESSIONID");
        assertThat(sessionBefore).isNotNull();

        HttpResponse<String> login = b.post("/login", Map.of("username", "ada", "password", "lovelace",
                "_csrf", Browser.csrfToken(form.body())));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account?continue"));
        assertThat(b.cookies.get("JSESSIONID")).isNotNull().isNotEqualTo(sessionBefore);

        HttpResponse<String> account = b.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("Signed in as ada");

        assertThat(b.post("/account/notes", Map.of("note", "no token")).statusCode()).isEqualTo(403);
        HttpResponse<String> added = b.post("/account/notes", Map.of("note", "Bernoulli numbers",
                "_csrf", Browser.csrfToken(account.body())));
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(b.get("/account").body()).contains("<li class=\"note\">Bernoulli numbers</li>").doesNotContain("no token");
    }
}
