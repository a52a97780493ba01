package io.subito.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A Thymeleaf page rendered by Spring MVC on Subito, and a static page beside it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ThymeleafPageTests {
    @LocalServerPort
    int port;

    @Test
    void aThymeleafPageIsRenderedWithTheRequestsValueEscaped() throws Exception {
        HttpResponse<String> r = new Browser(port).get("/hello?name=%3CAda%3E");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(r.body()).contains("<p id=\"greeting\">Hello, &lt;Ada&gt;!</p>")
                .contains("src=\"/webjars/jquery/3.7.1/jquery.min.js\"");
    }

    @Test
    void theStaticIndexPageIsTheWelcomePage() throws Exception {
        HttpResponse<String> r = new Browser(port).get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<h1>Subito sample</h1>");
    }

    @Test
    void aWebjarsFileComesFromMetaInfResourcesOfItsJar() throws Exception {
        HttpResponse<String> r = new Browser(port).get("/webjars/jquery/3.7.1/jquery.min.js");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("/*! jQuery v3.7.1");
        // the container finds it too (ServletContext.getResourceAsStream)
        assertThat(new Browser(port).get("/api/resource-size?path=/webjars/jquery/3.7.1/jquery.min.js").body())
                .isEqualTo(Integer.toString(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }
}
