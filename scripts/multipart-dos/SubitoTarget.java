import io.subito.servlet.Subito;
import jakarta.servlet.MultipartConfigElement;

/** Subito embedded, default limits: /upload (a @MultipartConfig with no limits of its own) and /stats. */
public final class SubitoTarget {
    public static void main(String[] args) throws Exception {
        Subito server = Subito.builder().port(Integer.parseInt(args[0])).context("/", ctx -> {
            var up = ctx.addServlet("upload", new UploadServlet());
            up.setMultipartConfig(new MultipartConfigElement(""));
            up.addMapping("/upload");
            ctx.addServlet("stats", new StatsServlet()).addMapping("/stats");
        }).start();
        System.out.println("ready on " + server.port());
    }
}
