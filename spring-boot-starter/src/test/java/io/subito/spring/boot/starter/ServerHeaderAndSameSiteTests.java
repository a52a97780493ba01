package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.starter.app.ShopApplication;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code server.server-header} on every response of the application, errors included, and
 * {@link CookieSameSiteSupplier} beans giving SameSite to the cookies they match, the session
 * cookie too; a cookie with a SameSite of its own keeps it.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "server.server-header=ShopServer/2.0"})
@Import(ServerHeaderAndSameSiteTests.Suppliers.class)
class ServerHeaderAndSameSiteTests {
    @LocalServerPort
    int port;

    @TestConfiguration(proxyBeanMethods = false)
    static class Suppliers {
        @Bean
        CookieSameSiteSupplier prefsAreLax() {
            return CookieSameSiteSupplier.ofLax().whenHasName("prefs");
        }

        @Bean
        CookieSameSiteSupplier trackersAreNone() {
            return CookieSameSiteSupplier.ofNone().whenHasNameMatching("track.*");
        }

        @Bean
        CookieSameSiteSupplier sessionIsStrict() {
            return CookieSameSiteSupplier.ofStrict().whenHasName("JSESSIONID");
        }

        @Bean
        CookieSameSiteSupplier ownIsLaxUnlessItSaysOtherwise() {
            return CookieSameSiteSupplier.ofLax().whenHasName("own");
        }
    }

    @Test
    void everyResponseCarriesTheConfiguredServerHeader() throws Exception {
        HttpResponse<String> ok = Http.get(port, "/greeting");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().allValues("Server")).containsExactly("ShopServer/2.0");
        HttpResponse<String> missing = Http.get(port, "/no-such-thing", "Accept", "application/json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().allValues("Server")).containsExactly("ShopServer/2.0");
        HttpResponse<String> failed = Http.get(port, "/boom", "Accept", "application/json");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().allValues("Server")).containsExactly("ShopServer/2.0");
        HttpResponse<String> file = Http.get(port, "/catalogue.foo");
        assertThat(file.headers().allValues("Server")).containsExactly("ShopServer/2.0");
    }

    @Test
    void theSuppliersGiveSameSiteToTheCookiesTheyMatchAndLeaveTheOthers() throws Exception {
        HttpResponse<String> r = Http.get(port, "/cookies");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> cookies = r.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(4);
        assertThat(cookie(cookies, "prefs")).contains("SameSite=Lax");
        assertThat(cookie(cookies, "tracker")).contains("SameSite=None");
        assertThat(cookie(cookies, "plain")).doesNotContain("SameSite");
        assertThat(cookie(cookies, "own")).contains("SameSite=Strict").doesNotContain("SameSite=Lax");
    }

    @Test
    void theSessionCookieGetsTheSameSiteItsSupplierGives() throws Exception {
        HttpResponse<String> r = Http.get(port, "/visits");
        assertThat(cookie(r.headers().allValues("Set-Cookie"), "JSESSIONID")).contains("SameSite=Strict");
    }

    private static String cookie(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + setCookies));
    }
}
