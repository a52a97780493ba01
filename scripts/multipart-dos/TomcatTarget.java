import jakarta.servlet.MultipartConfigElement;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/** Tomcat embedded, default connector (maxPartCount 50, maxPartHeaderSize 512): the same two servlets. */
public final class TomcatTarget {
    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("tomcat-target");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", base.toString());
        Wrapper up = Tomcat.addServlet(ctx, "upload", new UploadServlet());
        up.setMultipartConfigElement(new MultipartConfigElement(""));
        ctx.addServletMappingDecoded("/upload", "upload");
        Tomcat.addServlet(ctx, "stats", new StatsServlet());
        ctx.addServletMappingDecoded("/stats", "stats");
        tomcat.start();
        System.out.println("ready on " + tomcat.getConnector().getLocalPort());
    }
}
