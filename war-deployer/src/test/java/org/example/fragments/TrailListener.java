package org.example.fragments;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Appends its own simple class name to the context attribute "listeners" when the context
 * starts, so a test can read back the order in which declared listeners ran.
 */
public class TrailListener implements ServletContextListener {
    @Override
    @SuppressWarnings("unchecked")
    public void contextInitialized(ServletContextEvent e) {
        var ctx = e.getServletContext();
        List<String> trail = (List<String>) ctx.getAttribute("listeners");
        if (trail == null) {
            trail = new CopyOnWriteArrayList<>();
            ctx.setAttribute("listeners", trail);
        }
        String name = getClass().getName();
        trail.add(name.substring(Math.max(name.lastIndexOf('$'), name.lastIndexOf('.')) + 1));
    }

    public static class Main extends TrailListener {
    }

    public static class A extends TrailListener {
    }

    public static class B extends TrailListener {
    }

    public static class C extends TrailListener {
    }

    public static class D extends TrailListener {
    }
}
