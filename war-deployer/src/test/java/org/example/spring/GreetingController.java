package org.example.spring;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GreetingController {
    @GetMapping(value = "/greeting/{name}", produces = "text/plain")
    public String greet(@PathVariable("name") String name) {
        return "Hello " + name + " from Spring MVC";
    }
}
