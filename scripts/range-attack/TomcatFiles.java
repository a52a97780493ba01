import java.io.File;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat (tomcat-embed-core) serving one directory at /files with its DefaultServlet in
 * its default configuration, for scripts/range-attack.sh: java -cp tomcat-embed-core.jar:. TomcatFiles PORT DIR BASEDIR
 */
public final class TomcatFiles {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(new File(args[2]).getAbsolutePath()); // Tomcat's work files, outside DIR
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("/files", new File(args[1]).getAbsolutePath());
        Wrapper def = Tomcat.addServlet(ctx, "default", new DefaultServlet());
        def.addInitParameter("listings", "false");
        ctx.addServletMappingDecoded("/", "default");
        tomcat.start();
        System.out.println("Tomcat serving http://127.0.0.1:" + args[0] + "/files/");
        tomcat.getServer().await();
    }
}
