package org.example.stomp;

import org.springframework.web.servlet.support.AbstractAnnotationConfigDispatcherServletInitializer;

/** A Spring STOMP-over-WebSocket application, started by Spring's ServletContainerInitializer. */
public class StompInitializer extends AbstractAnnotationConfigDispatcherServletInitializer {
    @Override
    protected Class<?>[] getRootConfigClasses() {
        return null;
    }

    @Override
    protected Class<?>[] getServletConfigClasses() {
        return new Class<?>[] {StompConfig.class};
    }

    @Override
    protected String[] getServletMappings() {
        return new String[] {"/"};
    }
}
