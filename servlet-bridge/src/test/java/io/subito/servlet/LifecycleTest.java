package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.ServerConfig;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start/stop order, annotations, init parameters and registration rules of a context. */
class LifecycleTest {
    static final List<String> log = new CopyOnWriteArrayList<>();

    public static class Ordered extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @PostConstruct
        void made() {
            log.add("postConstruct " + getClass().getSimpleName());
        }

        @Override
        public void init(ServletConfig config) throws ServletException {
            super.init(config);
            log.add("init " + config.getServletName() + " " + config.getInitParameter("p"));
        }

        @Override
        public void destroy() {
            log.add("destroy " + getServletName());
        }

        @PreDestroy
        void unmade() {
            log.add("preDestroy " + getServletName());
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.getWriter().print(getServletName() + " " + getServletContext().getInitParameter("global"));
        }
    }

    public static class Listener implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent sce) {
            log.add("contextInitialized " + sce.getServletContext().getInitParameter("global"));
        }

        @Override
        public void contextDestroyed(ServletContextEvent sce) {
            log.add("contextDestroyed");
        }
    }

    @BeforeEach
    void clear() {
        log.clear();
    }

    @Test
    void startRunsInitializersListenersThenLoadOnStartupServletsInOrder() throws Exception {
        ServletHost host = new ServletHost(new ServerConfig().port(0));
        WebAppContext ctx = new WebAppContext("/life", null, getClass().getClassLoader());
        ctx.setInitParameter("global", "g");
        ctx.addServletContainerInitializer(new ServletContainerInitializer() {
            @Override
            public void onStartup(Set<Class<?>> c, ServletContext sc) {
                log.add("sci " + c);
                sc.addServlet("fromSci", Ordered.class).addMapping("/sci");
            }
        }, Set.of(String.class));
        ctx.addListener(Listener.class.getName());
        var b = ctx.addServlet("second", Ordered.class);
        b.setLoadOnStartup(2);
        b.setInitParameter("p", "two");
        b.addMapping("/b");
        var a = ctx.addServlet("first", Ordered.class.getName());
        a.setLoadOnStartup(1);
        a.addMapping("/a");
        ctx.addServlet("lazy", Ordered.class).addMapping("/lazy");
        host.deploy(ctx);
        host.start();
        try {
            assertEquals(List.of("sci [class java.lang.String]", "contextInitialized g", "postConstruct Ordered",
                    "init first null", "postConstruct Ordered", "init second two"), log);
            log.clear();
            assertEquals("lazy g", Http.get(host.port(), "/life/lazy").body());
            assertEquals("fromSci g", Http.get(host.port(), "/life/sci").body());
            assertEquals(List.of("postConstruct Ordered", "init lazy null", "postConstruct Ordered", "init fromSci null"), log);
            assertThrows(IllegalStateException.class, () -> ctx.addServlet("late", Ordered.class));
            assertThrows(IllegalStateException.class, () -> ctx.setInitParameter("x", "y"));
        } finally {
            log.clear();
            host.stop();
        }
        assertTrue(log.indexOf("destroy fromSci") < log.indexOf("preDestroy fromSci"), log.toString());
        assertTrue(log.indexOf("destroy second") < log.indexOf("destroy first"), log.toString());
        assertEquals("contextDestroyed", log.get(log.size() - 1));
    }

    @Test
    void aFailingListenerFailsTheStartAndTheContextIsNotServed() throws Exception {
        ServletHost host = new ServletHost(new ServerConfig().port(0));
        host.start();
        try {
            WebAppContext bad = new WebAppContext("/bad", null, null);
            bad.addListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent sce) {
                    throw new IllegalStateException("broken");
                }
            });
            bad.addServlet("x", Servlets.text(r -> "x")).addMapping("/x");
            assertThrows(ServletException.class, () -> host.deploy(bad));
            assertEquals(404, Http.get(host.port(), "/bad/x").status());
        } finally {
            host.stop();
        }
    }

    @Test
    void aListenerAddedByAnInitializerCannotConfigureTheContext() throws Exception {
        WebAppContext ctx = new WebAppContext("/restricted", null, null);
        ctx.addServletContainerInitializer((types, sc) -> sc.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent sce) {
                try {
                    sce.getServletContext().addServlet("late", Servlets.text(r -> ""));
                    log.add("allowed");
                } catch (UnsupportedOperationException e) {
                    log.add("UOE");
                }
                log.add("version " + sce.getServletContext().getEffectiveMajorVersion());
            }
        }), null);
        ctx.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent sce) {
                try {
                    sce.getServletContext().addListener(Listener.class);
                    log.add("added a context listener");
                } catch (IllegalArgumentException e) {
                    log.add("IAE");
                }
            }
        });
        ServletHost host = new ServletHost(new ServerConfig().port(0));
        try {
            host.deploy(ctx);
            assertEquals(List.of("IAE", "UOE", "version 6"), log);
        } finally {
            host.stop();
        }
    }

    @Test
    void registrationRules() throws Exception {
        WebAppContext ctx = new WebAppContext("", null, null);
        var reg = ctx.addServlet("s", Servlets.text(r -> ""));
        assertEquals(Set.of(), reg.addMapping("/one"));
        assertEquals(null, ctx.addServlet("s", Servlets.text(r -> "")));
        var other = ctx.addServlet("t", Servlets.text(r -> ""));
        assertEquals(Set.of("/one"), other.addMapping("/one", "/two"));
        assertTrue(other.getMappings().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ctx.addListener(new Object() { }.getClass().getName()));
        assertEquals(false, ctx.setInitParameter("k", "v") && ctx.setInitParameter("k", "w"));
        assertEquals("v", ctx.servletContext().getInitParameter("k"));
        assertEquals(6, ctx.servletContext().getMajorVersion());
        assertEquals(1, ctx.servletContext().getMinorVersion());
        assertTrue(ctx.servletContext().getServletRegistrations().containsKey("s"));
    }
}
