package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.SubitoServletWebServerFactory;
import io.subito.spring.boot.starter.app.ShopApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** An application that defines its own factory: the auto-configured one backs off. */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
@Import(UserDefinedFactoryTests.OwnFactory.class)
class UserDefinedFactoryTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @TestConfiguration
    static class OwnFactory {
        @Bean
        ServletWebServerFactory myOwnFactory() {
            SubitoServletWebServerFactory factory = new SubitoServletWebServerFactory();
            factory.addContextCustomizers(ctx -> ctx.setAttribute("made-by", "the application's own factory"));
            return factory;
        }
    }

    @Test
    void theApplicationsOwnFactoryIsTheOnlyOneAndServes() throws Exception {
        assertThat(context.getBeanNamesForType(ServletWebServerFactory.class)).containsExactly("myOwnFactory");
        assertThat(Http.get(port, "/context-attribute/made-by").body()).isEqualTo("the application's own factory");
    }
}
