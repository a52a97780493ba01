package org.example.fragments;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/** Marks the context it starts in: shows whether the container ran it at all. */
public class MarkingInitializer implements ServletContainerInitializer {
    static final String ATTRIBUTE = "marked.by.initializer";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        ctx.setAttribute(ATTRIBUTE, "yes");
    }
}
