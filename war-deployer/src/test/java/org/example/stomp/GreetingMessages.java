package org.example.stomp;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Controller;

/** SEND /app/hello with a name: every subscriber of /topic/greetings gets the greeting. */
@Controller
public class GreetingMessages {
    @MessageMapping("/hello")
    @SendTo("/topic/greetings")
    public String greet(String name) {
        return "Hello " + name + " over STOMP";
    }
}
