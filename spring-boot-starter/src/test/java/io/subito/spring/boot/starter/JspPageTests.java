package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.starter.app.ShopApplication;
import java.io.File;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * With subito-jsp on the class path, JSP pages of the document root compile and run
 * (server.servlet.jsp.*), with the tag libraries of the class path's jars.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "server.servlet.jsp.init-parameters.trimSpaces=true"})
@Import(JspPageTests.DocumentRoot.class)
class JspPageTests {
    @LocalServerPort
    int port;

    @TestConfiguration
    static class DocumentRoot {
        @Bean
        WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> testDocumentRoot() {
            return factory -> factory.setDocumentRoot(new File("src/test/webapp"));
        }
    }

    @Test
    void aJspPageOfTheDocumentRootIsCompiledAndServed() throws Exception {
        HttpResponse<String> r = Http.get(port, "/hello.jsp?name=Ada");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().trim()).isEqualTo("Hello Ada, one and two make 3");
    }

    @Test
    void tagLibrariesFromTheClassPathsJarsWorkInAPage() throws Exception {
        // JSTL's TLDs are in META-INF of its jar, Spring's in spring-webmvc's: neither is under WEB-INF
        HttpResponse<String> r = Http.get(port, "/tags.jsp?name=%3Cada%3E");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body().trim()).isEqualTo("[1][2][3]|&lt;ADA&gt;|42");
    }

    @Test
    void theRestOfTheApplicationStillGoesToSpringMvc() throws Exception {
        assertThat(Http.get(port, "/greeting").statusCode()).isEqualTo(200);
    }
}
