package io.subito.spring.boot.sample;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ApiController {
    private final ServletContext servletContext;

    public ApiController(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @GetMapping("/api/greeting")
    public Map<String, String> greeting(@RequestParam(name = "name", defaultValue = "world") String name) {
        return Map.of("message", "Hello, " + name, "server", servletContext.getServerInfo());
    }

    /** The size of a static resource as the servlet container finds it (ServletContext.getResourceAsStream). */
    @GetMapping("/api/resource-size")
    public ResponseEntity<Integer> resourceSize(@RequestParam("path") String path) throws IOException {
        try (InputStream in = servletContext.getResourceAsStream(path)) {
            return in == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(in.readAllBytes().length);
        }
    }
}
