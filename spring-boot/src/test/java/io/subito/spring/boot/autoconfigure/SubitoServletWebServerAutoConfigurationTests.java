package io.subito.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.container.ExecutionMode;
import io.subito.servlet.ServletHost;
import io.subito.spring.boot.SubitoServerCustomizer;
import io.subito.spring.boot.SubitoServletWebServerFactory;
import io.subito.websocket.server.WsInitializer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the auto-configuration applies and what it binds, without starting a server. */
class SubitoServletWebServerAutoConfigurationTests {
    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SubitoServletWebServerAutoConfiguration.class));

    @Test
    void aServletWebApplicationGetsSubitosFactory() {
        web.run(ctx -> assertThat(ctx).hasSingleBean(ServletWebServerFactory.class)
                .getBean(ServletWebServerFactory.class).isInstanceOf(SubitoServletWebServerFactory.class));
    }

    @Test
    void itBacksOffWhenTheApplicationDefinesAFactory() {
        web.withUserConfiguration(OwnFactory.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(ServletWebServerFactory.class);
            assertThat(ctx).hasBean("ownFactory").doesNotHaveBean("subitoServletWebServerFactory");
        });
    }

    @Test
    void withTomcatLeftOnTheClassPathSubitosFactoryIsTheOneMade() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                TomcatServletWebServerAutoConfiguration.class, SubitoServletWebServerAutoConfiguration.class))
                .run(ctx -> assertThat(ctx).hasSingleBean(ServletWebServerFactory.class)
                        .getBean(ServletWebServerFactory.class).isInstanceOf(SubitoServletWebServerFactory.class));
    }

    @Test
    void itBacksOffWithoutSubitoOnTheClassPath() {
        web.withClassLoader(new FilteredClassLoader(ServletHost.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ServletWebServerFactory.class));
    }

    @Test
    void itStaysOutOfANonWebApplication() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SubitoServletWebServerAutoConfiguration.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ServletWebServerFactory.class));
    }

    @Test
    void withSubitosWebSocketModuleOnTheClassPathItsCustomizerIsRegistered() {
        web.run(ctx -> assertThat(ctx).hasSingleBean(WebSocketSubitoWebServerFactoryCustomizer.class));
    }

    @Test
    void withoutSubitosWebSocketModuleThereIsNoWebSocketCustomizer() {
        web.withClassLoader(new FilteredClassLoader(WsInitializer.class))
                .run(ctx -> assertThat(ctx).hasSingleBean(ServletWebServerFactory.class)
                        .doesNotHaveBean(WebSocketSubitoWebServerFactoryCustomizer.class));
    }

    @Test
    void customizerBeansAreGivenToTheFactory() {
        web.withUserConfiguration(Customizers.class).run(ctx -> assertThat(
                ctx.getBean(SubitoServletWebServerFactory.class).getServerCustomizers()).hasSize(1));
    }

    @Test
    void subitoPropertiesBindAsTheServersKeys() {
        web.withPropertyValues("server.subito.execution=inline", "server.subito.loops=2", "server.subito.threads=16",
                "server.subito.buffer-size=32KB", "server.subito.keep-alive-timeout=5s", "server.subito.max-form-size=1MB")
                .run(ctx -> {
                    SubitoServerProperties p = ctx.getBean(SubitoServerProperties.class);
                    assertThat(p.getExecution()).isEqualTo(ExecutionMode.INLINE);
                    assertThat(p.toEngineProperties()).containsEntry("execution", "INLINE").containsEntry("loops", "2")
                            .containsEntry("threads", "16").containsEntry("bufferSize", "32768")
                            .containsEntry("keepAliveTimeoutMillis", "5000").containsEntry("maxFormBytes", "1048576")
                            .doesNotContainKey("maxHeaders");
                });
    }

    @Test
    void aLargeHeaderLimitRaisesTheInputBufferAndTheShutdownPhaseTimeoutIsTheGracePeriod() {
        // made by hand: in the runner's mock servlet context (a war deployment) the bean is left out
        web.withPropertyValues("server.max-http-request-header-size=20KB",
                "spring.lifecycle.timeout-per-shutdown-phase=7s").run(ctx -> {
                    SubitoServletWebServerFactory factory = new SubitoServletWebServerFactory();
                    new SubitoWebServerFactoryCustomizer(ctx.getEnvironment(), ctx.getBean(ServerProperties.class),
                            ctx.getBean(SubitoServerProperties.class)).customize(factory);
                    assertThat(factory.getEngineProperties()).containsEntry("maxHeadBytes", "20480")
                            .containsEntry("bufferSize", "24576");
                    assertThat(factory.getShutdownGracePeriod()).isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFactory {
        @Bean
        ServletWebServerFactory ownFactory() {
            return new SubitoServletWebServerFactory();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        SubitoServerCustomizer twoLoops() {
            return config -> config.loops(2);
        }
    }
}
