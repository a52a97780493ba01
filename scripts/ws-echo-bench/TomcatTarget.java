import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/** Tomcat 11 embedded with its WebSocket implementation and EchoEndpoint at /ws/echo. Usage: TomcatTarget PORT */
public class TomcatTarget {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-ws").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", null);
        // Tomcat's default message buffers are 8 KiB: the 16 KiB messages would close with 1009; 64 KiB as Subito's and Jetty's
        ctx.addParameter("org.apache.tomcat.websocket.binaryBufferSize", "65536");
        ctx.addParameter("org.apache.tomcat.websocket.textBufferSize", "65536");
        Tomcat.addServlet(ctx, "default", new HttpServlet() { });
        ctx.addServletMappingDecoded("/", "default");
        ctx.addServletContainerInitializer(new WsSci(), Set.of(EchoEndpoint.class));
        tomcat.start();
        System.out.println("ready on " + args[0]);
        tomcat.getServer().await();
    }
}
