package io.subito.spring.boot.autoconfigure.actuate;

import io.subito.servlet.ServletHost;
import io.subito.spring.boot.SubitoServletWebServerFactory;
import io.subito.spring.boot.autoconfigure.SubitoServletWebServerAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextFactory;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Actuator on {@code management.server.port}: Spring Boot makes a child context for the
 * management endpoints, served by a second Subito server. The child gets the main server's
 * factory class and Subito's auto-configuration (so {@code server.subito.*} apply to it too);
 * Actuator's own customizer then sets its port, address, SSL and base path, as for Tomcat.
 */
@AutoConfiguration(after = SubitoServletWebServerAutoConfiguration.class, beforeName = {
    "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatServletManagementContextAutoConfiguration",
    "org.springframework.boot.jetty.autoconfigure.actuate.web.server.JettyServletManagementContextAutoConfiguration"})
@ConditionalOnClass({ManagementContextFactory.class, ServletHost.class})
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
@ConditionalOnBean(SubitoServletWebServerFactory.class)
public final class SubitoServletManagementContextAutoConfiguration {

    @Bean
    static ManagementContextFactory servletWebChildContextFactory() {
        return new ManagementContextFactory(WebApplicationType.SERVLET, ServletWebServerFactory.class,
                SubitoServletWebServerAutoConfiguration.class);
    }
}
