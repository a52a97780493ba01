package io.subito.spring.boot.autoconfigure;

import io.subito.servlet.ServletHost;
import io.subito.spring.boot.SubitoContextCustomizer;
import io.subito.spring.boot.SubitoServerCustomizer;
import io.subito.spring.boot.SubitoServletWebServerFactory;
import jakarta.servlet.ServletRequest;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWarDeployment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.autoconfigure.servlet.ServletWebServerConfiguration;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Subito as the servlet web server, registered the way Spring Boot registers Tomcat and
 * Jetty: only in a servlet web application with Subito on the class path, and only when the
 * application defines no {@link ServletWebServerFactory} of its own. It is ordered before
 * Tomcat's and Jetty's, so that Subito serves when one of them is left on the class path too.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
    "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration"})
@ConditionalOnClass({ServletRequest.class, ServletHost.class, SubitoServletWebServerFactory.class})
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(SubitoServerProperties.class)
@Import(ServletWebServerConfiguration.class)
public class SubitoServletWebServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(value = ServletWebServerFactory.class, search = SearchStrategy.CURRENT)
    SubitoServletWebServerFactory subitoServletWebServerFactory(ObjectProvider<SubitoServerCustomizer> serverCustomizers,
            ObjectProvider<SubitoContextCustomizer> contextCustomizers) {
        SubitoServletWebServerFactory factory = new SubitoServletWebServerFactory();
        factory.getServerCustomizers().addAll(serverCustomizers.orderedStream().toList());
        factory.getContextCustomizers().addAll(contextCustomizers.orderedStream().toList());
        return factory;
    }

    @Bean
    @ConditionalOnNotWarDeployment
    SubitoWebServerFactoryCustomizer subitoWebServerFactoryCustomizer(Environment environment,
            ServerProperties serverProperties, SubitoServerProperties subitoProperties) {
        return new SubitoWebServerFactoryCustomizer(environment, serverProperties, subitoProperties);
    }

    /** WebSocket when Subito's WebSocket module is on the class path (the starter brings it), as Tomcat's with WsSci. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.subito.websocket.server.WsInitializer")
    static class SubitoWebSocketConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "webSocketSubitoWebServerFactoryCustomizer")
        WebSocketSubitoWebServerFactoryCustomizer webSocketSubitoWebServerFactoryCustomizer(ListableBeanFactory beanFactory) {
            return new WebSocketSubitoWebServerFactoryCustomizer(beanFactory);
        }
    }
}
