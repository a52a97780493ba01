package io.subito.spring.boot.starter.app;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Plain servlets, filters and listeners registered the Spring Boot ways: registration beans (and @WebServlet, scanned). */
@Configuration(proxyBeanMethods = false)
public class ServletComponents {

    @Bean
    ServletRegistrationBean<HttpServlet> legacyServlet() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().print("legacy servlet at " + req.getServletPath() + ", heard by "
                        + req.getAttribute("heard-by"));
            }
        }, "/legacy/*");
    }

    @Bean
    ServletListenerRegistrationBean<ServletRequestListener> requestListener() {
        return new ServletListenerRegistrationBean<>(new ServletRequestListener() {
            @Override
            public void requestInitialized(ServletRequestEvent event) {
                event.getServletRequest().setAttribute("heard-by", "a listener bean");
            }
        });
    }

    @Bean
    FilterRegistrationBean<Filter> poweredByFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            ((HttpServletResponse) response).setHeader("X-Filtered-By", "registration bean");
            chain.doFilter(request, response);
        });
        registration.addUrlPatterns("/*");
        return registration;
    }
}
