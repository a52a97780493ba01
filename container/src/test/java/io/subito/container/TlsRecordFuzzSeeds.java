package io.subito.container;

import static io.subito.container.TlsRecordFuzzScript.HANDSHAKE_FIRST;
import static io.subito.container.TlsRecordFuzzScript.PROXY_PROTOCOL;
import static io.subito.container.TlsRecordFuzzScript.SMALL_WINDOW;
import static io.subito.container.TlsRecordFuzzScript.TLS12;

import io.subito.container.TlsRecordFuzzScript.Builder;
import io.subito.container.TlsRecordFuzzScript.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Writes the seeds of {@link TlsRecordFuzzTest} (run from the container module's directory:
 * {@code java -cp target/test-classes:target/classes io.subito.container.TlsRecordFuzzSeeds}).
 * The ClientHellos are real ones, from the JDK's client engine.
 */
public final class TlsRecordFuzzSeeds {
    private TlsRecordFuzzSeeds() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0]
                : "src/test/resources/io/subito/container/TlsRecordFuzzTestInputs/anyRecordsEndInAnAlertOrACloseWithBoundedOutput");
        Files.createDirectories(dir);
        byte[] hello13 = clientHello("TLSv1.3", "TLSv1.2");
        byte[] hello12 = clientHello("TLSv1.2");
        byte[] get = ascii("GET /seed HTTP/1.1\r\nHost: localhost\r\n\r\n");

        write(dir, "client-hello", new Builder(0).step(Kind.RAW, hello13));
        write(dir, "client-hello-in-7-byte-pieces", new Builder(0).step(Kind.PIECES, 6, hello13));
        write(dir, "tls12-hello-ccs-alert", new Builder(0).step(Kind.RAW, hello12)
                .step(Kind.RAW, new byte[] {20, 3, 3, 0, 1, 1})
                .step(Kind.RAW, new byte[] {21, 3, 3, 0, 2, 2, 40}));
        write(dir, "client-hello-over-two-records", new Builder(0).step(Kind.RAW, fragmented(hello13)));
        write(dir, "plain-http", new Builder(0).step(Kind.RAW, get));
        write(dir, "proxy-header-then-hello", new Builder(PROXY_PROTOCOL)
                .step(Kind.RAW, ascii("PROXY TCP4 192.0.2.1 192.0.2.2 40000 443\r\n")).step(Kind.RAW, hello13));
        write(dir, "record-over-maximum", new Builder(0).step(Kind.RAW, concat(new byte[] {22, 3, 3, 0x48, 0x01}, new byte[64])));
        write(dir, "sslv2-hello", new Builder(0).step(Kind.RAW, new byte[] {(byte) 0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15,
                0x00, 0x00, 0x00, 0x10, 0x07, 0x00, (byte) 0xc0, 0x03, 0x00, (byte) 0x80, 0x01, 0x00, (byte) 0x80}));
        write(dir, "tls13-requests-key-update-close", new Builder(HANDSHAKE_FIRST)
                .step(Kind.APPLICATION_DATA, get)
                .step(Kind.NEW_HANDSHAKE, get)
                .step(Kind.APPLICATION_DATA, concat(get, get, get))
                .step(Kind.CLOSE_NOTIFY, new byte[0]));
        write(dir, "tls12-renegotiation", new Builder(HANDSHAKE_FIRST | TLS12)
                .step(Kind.APPLICATION_DATA, get)
                .step(Kind.NEW_HANDSHAKE, get));
        write(dir, "tls13-corrupted-record", new Builder(HANDSHAKE_FIRST)
                .step(Kind.APPLICATION_DATA, get)
                .step(Kind.CORRUPTED, concat(new byte[] {0, 20, 0x40}, get)));
        write(dir, "tls13-small-window-pipelined", new Builder(HANDSHAKE_FIRST | SMALL_WINDOW)
                .step(Kind.APPLICATION_DATA, ascii(new String(get, StandardCharsets.ISO_8859_1).repeat(250))));
        write(dir, "tls13-post-handshake-garbage", new Builder(HANDSHAKE_FIRST)
                .step(Kind.RAW, new byte[] {23, 3, 3, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
                .step(Kind.APPLICATION_DATA, get));
    }

    /** What the JDK's client engine sends first, with ALPN and SNI as browsers do. */
    static byte[] clientHello(String... protocols) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        SSLEngine e = ctx.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        e.setEnabledProtocols(protocols);
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        e.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** One handshake record's body cut over two records (the record layer may fragment any handshake message). */
    static byte[] fragmented(byte[] record) {
        int len = record.length - 5;
        int first = len / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(record, 0, 3);
        out.write(first >>> 8);
        out.write(first & 0xff);
        out.write(record, 5, first);
        out.write(record, 0, 3);
        out.write((len - first) >>> 8);
        out.write((len - first) & 0xff);
        out.write(record, 5 + first, len - first);
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void write(Path dir, String name, Builder script) throws Exception {
        Files.write(dir.resolve(name), script.bytes());
    }
}
