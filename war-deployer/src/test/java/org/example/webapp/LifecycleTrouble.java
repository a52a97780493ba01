package org.example.webapp;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * A listener that makes an app's start slow or its start or stop throw an Error, as told by the
 * context parameters {@code startMillis} (sleep in contextInitialized) and {@code errorOn}
 * ({@code start} or {@code stop}).
 */
public class LifecycleTrouble implements ServletContextListener {
    /** An application's own Error, which is neither an Exception nor a LinkageError. */
    public static final class AppError extends Error {
        private static final long serialVersionUID = 1L;

        public AppError(String message) {
            super(message);
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent e) {
        String millis = e.getServletContext().getInitParameter("startMillis");
        if (millis != null) {
            try {
                Thread.sleep(Long.parseLong(millis));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        if ("start".equals(e.getServletContext().getInitParameter("errorOn"))) {
            throw new AppError("an Error from contextInitialized of " + e.getServletContext().getContextPath());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent e) {
        if ("stop".equals(e.getServletContext().getInitParameter("errorOn"))) {
            throw new AppError("an Error from contextDestroyed of " + e.getServletContext().getContextPath());
        }
    }
}
