import io.subito.container.compress.CompressionSettings;
import io.subito.servlet.Subito;

/** Subito embedded on 127.0.0.1: /json, compression on with its defaults (2048 bytes, JSON included). */
public final class SubitoTarget {
    public static void main(String[] args) throws Exception {
        Subito server = Subito.builder().port(Integer.parseInt(args[0]))
                .compression(CompressionSettings.DEFAULTS.withEnabled(true))
                .context("/", ctx -> ctx.addServlet("json", new JsonServlet()).addMapping("/json"))
                .start();
        System.out.println("ready on " + server.port());
    }
}
