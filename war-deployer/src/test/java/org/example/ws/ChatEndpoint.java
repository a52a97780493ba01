package org.example.ws;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** An annotated endpoint found by the deployer's scan; answers with its path parameter and the thread's class loader. */
@ServerEndpoint("/chat/{name}")
public class ChatEndpoint {
    @OnOpen
    public void open(Session s, @PathParam("name") String name) throws IOException {
        s.getBasicRemote().sendText("welcome " + name);
    }

    @OnMessage
    public String message(String text, @PathParam("name") String name) {
        boolean appLoader = Thread.currentThread().getContextClassLoader() == ChatEndpoint.class.getClassLoader();
        return name + " said " + text + " (app loader " + appLoader + ")";
    }
}
