package io.subito.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.WebAppContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tag handlers and TLD listeners that Jasper creates get their lifecycle callbacks. */
class ContextInstanceManagerTest {
    static final List<String> calls = new ArrayList<>();

    public static class Handler {
        @PostConstruct
        void ready() {
            calls.add("post");
        }

        @PreDestroy
        void gone() {
            calls.add("pre");
        }
    }

    @Test
    void createsByNameRunsPostConstructAndPreDestroy() throws Exception {
        WebAppContext ctx = new WebAppContext("/t", null, getClass().getClassLoader());
        ContextInstanceManager m = new ContextInstanceManager(ctx.servletContext());
        calls.clear();
        Object o = m.newInstance(Handler.class.getName());
        assertEquals(Handler.class, o.getClass());
        m.destroyInstance(o);
        assertEquals(List.of("post", "pre"), calls);
    }
}
