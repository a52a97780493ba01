import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * java Shapes PORT: the limit and malformed-body cases of the multipart corpus, one request each
 * to /upload, printing what the server answered (status and the first words of its body).
 */
public final class Shapes {
    static final String B = "CorpusBoundary";
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        String field = "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
        String end = "--" + B + "--\r\n";
        String[][] rows = {
            {"51 parts", field.repeat(51) + end},
            {"50 parts", field.repeat(50) + end},
            {"header 513", "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\r\nX: " + "h".repeat(513 - 42 - 3 - 4) + "\r\n\r\nv\r\n" + end},
            {"header 512", "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\r\nX: " + "h".repeat(512 - 42 - 3 - 4) + "\r\n\r\nv\r\n" + end},
            {"no close delimiter", field},
            {"no boundary at all", "not multipart at all"},
            {"empty body", ""},
            {"ends inside content", field + "--" + B + "\r\nContent-Disposition: form-data; name=\"g\"\r\n\r\nhalf"},
            {"header line without colon", "--" + B + "\r\nContent-Disposition form-data\r\n\r\nv\r\n" + end},
            {"bare LF in header", "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\n\r\nv\r\n" + end},
            {"junk after boundary", "--" + B + "x\r\n\r\nv\r\n" + end},
            {"LF-only delimiters", "--" + B + "\nContent-Disposition: form-data; name=\"f\"\n\nv\n--" + B + "--\n"},
            {"only close delimiter", end},
        };
        for (String[] r : rows) {
            System.out.println(r[0] + " -> " + post(port, r[1]));
        }
    }
    static String post(int port, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20000);
            OutputStream o = s.getOutputStream();
            o.write(("POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=" + B + "\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            o.write(b); o.flush();
            String resp = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = resp.isEmpty() ? "(closed)" : resp.substring(0, resp.indexOf('\r'));
            int i = resp.indexOf("\r\n\r\n");
            String bodyText = i < 0 ? "" : resp.substring(i + 4).replaceAll("<style.*?</style>", "").replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
            return status + " | " + (bodyText.length() > 200 ? bodyText.substring(0, 200) : bodyText);
        }
    }
}
