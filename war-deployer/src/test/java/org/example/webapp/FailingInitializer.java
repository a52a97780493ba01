package org.example.webapp;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Set;

/** Shipped in a lib jar of a test WAR that must fail alone. */
public class FailingInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) throws ServletException {
        throw new ServletException("this initializer always fails");
    }
}
