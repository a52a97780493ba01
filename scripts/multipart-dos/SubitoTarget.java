import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.Subito;
import jakarta.servlet.MultipartConfigElement;

/**
 * Subito embedded: /upload (a @MultipartConfig with no limits of its own) and /stats. Default
 * limits, unless -DmaxPartCount=N or -Dthreshold=BYTES (the upload's fileSizeThreshold) say
 * otherwise, to see what a request costs with the count limit lifted.
 */
public final class SubitoTarget {
    public static void main(String[] args) throws Exception {
        RequestLimits limits = RequestLimits.DEFAULTS.withMaxPartCount(
                Integer.getInteger("maxPartCount", RequestLimits.DEFAULTS.maxPartCount()));
        int threshold = Integer.getInteger("threshold", 0);
        Subito server = Subito.builder().port(Integer.parseInt(args[0])).requestLimits(limits).context("/", ctx -> {
            var up = ctx.addServlet("upload", new UploadServlet());
            up.setMultipartConfig(new MultipartConfigElement("", -1, -1, threshold));
            up.addMapping("/upload");
            ctx.addServlet("stats", new StatsServlet()).addMapping("/stats");
        }).start();
        System.out.println("ready on " + server.port());
    }
}
