package io.subito.spring.boot.starter;

import io.subito.spring.boot.starter.app.ShopApplication;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The shop application started by a test itself, on loopback and a free port, with the test's properties. */
final class Shop {
    private Shop() {
    }

    static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(ShopApplication.class)
                .properties("server.address=127.0.0.1", "server.port=0").properties(properties).run();
    }

    /** The port its web server serves on. */
    static int port(ConfigurableApplicationContext app) {
        return ((ServletWebServerApplicationContext) app).getWebServer().getPort();
    }
}
