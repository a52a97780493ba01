import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10) embedded with its Jakarta WebSocket implementation and EchoEndpoint at /ws/echo. Usage: JettyTarget PORT */
public class JettyTarget {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler("/");
        server.setHandler(ctx);
        JakartaWebSocketServletContainerInitializer.configure(ctx, (context, container) -> container.addEndpoint(EchoEndpoint.class));
        server.start();
        System.out.println("ready on " + args[0]);
        server.join();
    }
}
