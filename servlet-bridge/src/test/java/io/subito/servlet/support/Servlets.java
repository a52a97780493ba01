package io.subito.servlet.support;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Servlets made from lambdas, for tests. */
public final class Servlets {
    private Servlets() {
    }

    @FunctionalInterface
    public interface Body {
        void run(HttpServletRequest req, HttpServletResponse res) throws IOException, ServletException;
    }

    /** A servlet whose service() runs the lambda for every method. */
    public static HttpServlet of(Body body) {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException, ServletException {
                body.run(req, res);
            }
        };
    }

    /** A servlet that writes text/plain produced from the request. */
    public static HttpServlet text(java.util.function.Function<HttpServletRequest, String> f) {
        return of((req, res) -> {
            res.setContentType("text/plain;charset=UTF-8");
            res.getWriter().print(f.apply(req));
        });
    }
}
