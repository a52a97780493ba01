package io.subito.spring.boot.autoconfigure;

import io.subito.spring.boot.SubitoServletWebServerFactory;
import io.subito.websocket.server.WsInitializer;
import io.subito.websocket.server.WsServerContainer;
import io.subito.websocket.session.WsSettings;
import jakarta.servlet.ServletException;
import jakarta.websocket.DeploymentException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * WebSocket for the application: Subito's {@link WsInitializer} runs in its context, so the
 * {@code jakarta.websocket.server.ServerContainer} is a context attribute, as Spring's WebSocket
 * support expects (its standard upgrade calls {@code ServerContainer.upgradeHttpToWebSocket}).
 * Subito's counterpart of Spring Boot's {@code WebSocketTomcatWebServerFactoryCustomizer}.
 *
 * <p>An application with a {@code ServerEndpointExporter} bean adds its {@code @ServerEndpoint}s
 * once its beans exist, after the server's context started: the container then takes endpoints
 * late ({@link WsServerContainer#acceptLateEndpoints()}). Other applications have no handshake
 * filter in front of their requests.
 */
public class WebSocketSubitoWebServerFactoryCustomizer
        implements WebServerFactoryCustomizer<SubitoServletWebServerFactory>, Ordered {
    private static final String EXPORTER = "org.springframework.web.socket.server.standard.ServerEndpointExporter";

    private final ListableBeanFactory beanFactory;

    public WebSocketSubitoWebServerFactoryCustomizer(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void customize(SubitoServletWebServerFactory factory) {
        boolean lateEndpoints = exportsEndpoints();
        factory.addContextCustomizers(context -> context.addServletContainerInitializer((types, servletContext) -> {
            new WsInitializer().onStartup(null, servletContext);
            if (lateEndpoints) {
                WsServerContainer container = WsInitializer.install(servletContext, WsSettings.DEFAULTS);
                try {
                    container.acceptLateEndpoints();
                } catch (DeploymentException e) {
                    throw new ServletException(e.getMessage(), e);
                }
            }
        }, null));
    }

    /** Whether the application defines a Spring {@code ServerEndpointExporter} (asked without creating beans). */
    private boolean exportsEndpoints() {
        ClassLoader loader = getClass().getClassLoader();
        if (beanFactory == null || !ClassUtils.isPresent(EXPORTER, loader)) {
            return false;
        }
        return beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(EXPORTER, loader), true, false).length > 0;
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
