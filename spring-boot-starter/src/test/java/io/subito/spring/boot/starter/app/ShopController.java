package io.subito.spring.boot.starter.app;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.concurrent.TimeUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShopController {
    private final ServletContext servletContext;
    private final SlowGate gate;

    public ShopController(ServletContext servletContext, SlowGate gate) {
        this.servletContext = servletContext;
        this.gate = gate;
    }

    public record Greeting(String message, String server, String thread) {
    }

    @GetMapping("/greeting")
    public Greeting greeting(@RequestParam(name = "name", defaultValue = "world") String name) {
        return new Greeting("Hello, " + name, servletContext.getServerInfo(), Thread.currentThread().getName());
    }

    /** Counts the visits of one session. */
    @GetMapping("/visits")
    public int visits(HttpSession session) {
        Integer n = (Integer) session.getAttribute("visits");
        int next = n == null ? 1 : n + 1;
        session.setAttribute("visits", next);
        return next;
    }

    /** How the request reached the application: scheme, secure, client address, server name and port. */
    @GetMapping("/origin")
    public String origin(HttpServletRequest request) {
        return request.getScheme() + " " + request.isSecure() + " " + request.getRemoteAddr() + " "
                + request.getServerName() + " " + request.getServerPort();
    }

    /** The protocol the request came in (HTTP/1.1, HTTP/2.0). */
    @GetMapping("/protocol")
    public String protocol(HttpServletRequest request) {
        return request.getProtocol() + " " + request.getScheme();
    }

    /** Sets four cookies: prefs, tracker, plain, and own (with a SameSite attribute of its own). */
    @GetMapping("/cookies")
    public String cookies(HttpServletResponse response) {
        for (String name : new String[] {"prefs", "tracker", "plain"}) {
            response.addCookie(new Cookie(name, "1"));
        }
        Cookie own = new Cookie("own", "1");
        own.setAttribute("SameSite", "Strict");
        response.addCookie(own);
        return "baked";
    }

    @GetMapping("/display-name")
    public String displayName() {
        return servletContext.getServletContextName();
    }

    @GetMapping("/context-attribute/{name}")
    public String contextAttribute(@PathVariable("name") String name) {
        return String.valueOf(servletContext.getAttribute(name));
    }

    @GetMapping("/boom")
    public String boom() {
        throw new IllegalStateException("the shop is on fire");
    }

    /** Holds the request until the test opens the gate (graceful shutdown with a request in flight). */
    @GetMapping("/slow")
    public String slow() throws InterruptedException {
        gate.entered.countDown();
        if (!gate.open.await(60, TimeUnit.SECONDS)) {
            return "gate never opened";
        }
        return "finished";
    }
}
