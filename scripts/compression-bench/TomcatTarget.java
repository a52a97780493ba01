import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Tomcat embedded on 127.0.0.1: /json, the connector's compression="on" with its defaults
 * (compressionMinSize 2048, compressibleMimeType including application/json).
 */
public final class TomcatTarget {
    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("tomcat-compression");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("compression", "on");
        Context ctx = tomcat.addContext("", base.toString());
        Tomcat.addServlet(ctx, "json", new JsonServlet());
        ctx.addServletMappingDecoded("/json", "json");
        tomcat.start();
        System.out.println("ready on " + tomcat.getConnector().getLocalPort());
    }
}
