package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.subito.container.tls.ServerTls;
import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the TLS record layer on the server side: {@link TlsTransport} and
 * {@link TlsHandshake} under the real {@link Connection} and HTTP/1.1 batch runner, in memory
 * ({@link LocalConnector} with TLS, the echo handler behind it).
 *
 * <p>The input is a small script ({@link TlsRecordFuzzScript}): a flags byte, then steps. Before a handshake
 * the fuzzer's bytes are the client's whole stream (a ClientHello and what follows, whole or in
 * pieces of its choosing); with the "handshake first" flag a real client ({@link TlsClientPump},
 * TLS 1.3 or 1.2) completes the handshake, and the steps mix raw bytes with records the client
 * wraps: application data, a record with one byte changed, a key update (1.3) or a renegotiation
 * (1.2), close_notify. Whatever the bytes:
 * <ul>
 * <li>nothing but {@link java.io.IOException} leaves the connection's read and write handlers
 *     (the selector loop closes the connection on those; anything else is a finding);
 * <li>once the client shuts its output the connection is closed, and everything the server sent
 *     is whole TLS records (or the one plaintext 400 to plain HTTP), no record over the
 *     maximum size, and nothing but alerts after the first alert;
 * <li>memory stays bounded: the server's output is at most a constant plus a fixed multiple of the
 *     input, and what the transport holds between steps stays within its pooled buffers.
 * </ul>
 *
 * <p>Seeds (a real ClientHello whole and in pieces, a TLS 1.2 hello with ChangeCipherSpec and an
 * alert, a ClientHello fragmented over two records, plain HTTP, a PROXY header first, an
 * oversized record, an SSLv2 hello, and scripts after a real handshake) live in
 * {@code src/test/resources/io/subito/container/TlsRecordFuzzTestInputs/}; {@link TlsRecordFuzzSeeds}
 * writes them.
 */
class TlsRecordFuzzTest {
    /** Largest TLS record: 2^14 of plaintext plus 2048 of expansion (RFC 5246 6.2.3; 1.3's 256 is within). */
    private static final int MAX_RECORD = 16_384 + 2048;
    private static final int ALERT = 21;
    private static final ServerTls TLS;
    private static final SSLContext CLIENT;
    /**
     * One connector per configuration (the flags that change it: PROXY protocol, small window),
     * kept across inputs as a server keeps its loops: connections reuse the pooled TLS buffers
     * earlier connections gave back.
     */
    private static final java.util.Map<Integer, LocalConnector> CONNECTORS = new java.util.HashMap<>();
    /** Held: java.util.logging keeps loggers weakly, and the level must stay (refusals log at INFO and WARNING, one per input). */
    private static final Logger QUIET = Logger.getLogger("io.subito.container");

    static {
        try {
            Path dir = Files.createTempDirectory("tls-fuzz");
            TestCertificates certs = TestCertificates.create(dir);
            TestCertificates.Server s = certs.server("localhost", "EC");
            TLS = ServerTls.create(TlsSettings.pem(s.certificate(), s.key()));
            CLIENT = certs.clientContext();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
        QUIET.setLevel(Level.SEVERE);
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anyRecordsEndInAnAlertOrACloseWithBoundedOutput(byte[] input) throws Exception {
        TlsRecordFuzzScript script = new TlsRecordFuzzScript(input);
        ServerConfig config = new ServerConfig().proxyProtocol(script.proxyProtocol());
        if (script.smallWindow()) {
            config.bufferSize(4096).limits(new io.subito.container.http.HttpLimits(2048, 1024, 50, 1024, 1024));
        }
        LocalConnector.Endpoint endpoint = CONNECTORS.computeIfAbsent((script.proxyProtocol() ? 1 : 0) | (script.smallWindow() ? 2 : 0),
                k -> new LocalConnector(config, Handlers.ECHO, TLS)).connect();
        Client client = new Client(endpoint);
        if (script.handshakeFirst()) {
            client.handshake(script.tls12(), script.proxyProtocol());
        }
        while (script.hasStep() && endpoint.isOpen()) {
            TlsRecordFuzzScript.Step step = script.next();
            switch (step.kind()) {
                case RAW -> client.raw(step.payload(), step.payload().length);
                case PIECES -> client.raw(step.payload(), step.param() + 1);
                case APPLICATION_DATA -> client.applicationData(step.payload());
                case CORRUPTED -> client.corrupted(step.payload());
                case NEW_HANDSHAKE -> client.newHandshake(step.payload());
                case CLOSE_NOTIFY -> client.closeNotify(step.payload());
            }
            assertBuffersBounded(endpoint);
        }
        if (endpoint.isOpen()) {
            endpoint.shutdownOutput();
        }
        client.collect();
        assertFalse(endpoint.isOpen(), () -> "still open after the client's end of stream: " + endpoint);
        long bound = 64 * 1024 + 32L * client.sent;
        assertTrue(client.received.size() <= bound, () -> client.received.size() + " bytes sent for " + client.sent + " received");
        checkRecords(client.received.toByteArray());
    }

    /** What the transport holds (see {@link TlsTransport#toString}): each buffer at most one packet's worth. */
    private static void assertBuffersBounded(LocalConnector.Endpoint endpoint) {
        String state = endpoint.toString();
        for (String part : List.of(" in ", " out ", " plain ")) {
            int at = state.indexOf(part);
            if (at >= 0) {
                int end = at + part.length();
                while (end < state.length() && Character.isDigit(state.charAt(end))) {
                    end++;
                }
                if (end > at + part.length()) {
                    long held = Long.parseLong(state.substring(at + part.length(), end));
                    assertTrue(held <= TlsBuffers.RECORDS_PER_WRITE * (long) TLS.packetBufferSize(), () -> state);
                }
            }
        }
    }

    /** The server's bytes: whole records with sane headers, nothing but alerts after the first alert; or plain HTTP's 400. */
    private static void checkRecords(byte[] out) {
        if (out.length >= 5 && new String(out, 0, 5, StandardCharsets.ISO_8859_1).equals("HTTP/")) {
            String text = new String(out, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 400 "), text);
            return;
        }
        int i = 0;
        boolean alerted = false;
        while (i < out.length) {
            assertTrue(i + 5 <= out.length, () -> "a partial record header at the end of " + out.length + " bytes");
            int type = out[i] & 0xff;
            int len = ((out[i + 3] & 0xff) << 8) | (out[i + 4] & 0xff);
            int at = i;
            assertTrue(type >= 20 && type <= 23, () -> "record type " + type + " at " + at);
            assertEquals(3, out[i + 1], "record version major at " + at);
            assertTrue(len <= MAX_RECORD, () -> "record of " + len + " bytes at " + at);
            assertTrue(i + 5 + len <= out.length, () -> "a partial record at the end: " + len + " at " + at + " of " + out.length);
            assertTrue(!alerted || type == ALERT, () -> "record type " + type + " after an alert, at " + at);
            alerted |= type == ALERT;
            i += 5 + len;
        }
    }

    /**
     * The client side: raw bytes, or records of a real client engine once the handshake is done.
     * Failures of the client's own engine (it got an alert, say) end its part: later steps send
     * their bytes raw.
     */
    private static final class Client {
        final LocalConnector.Endpoint endpoint;
        final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        long sent;
        TlsClientPump pump;

        Client(LocalConnector.Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        void handshake(boolean tls12, boolean proxy) {
            if (proxy) {
                send("PROXY TCP4 192.0.2.1 192.0.2.2 40000 443\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            TlsClientPump p = new TlsClientPump(CLIENT, new CountingEndpoint());
            if (tls12) {
                p.engine.setEnabledProtocols(new String[] {"TLSv1.2"});
            }
            try {
                p.handshake();
                pump = p;
            } catch (Exception | AssertionError e) {
                throw new IllegalStateException("the real handshake failed: " + endpoint, e);
            }
        }

        void raw(byte[] bytes, int piece) {
            for (int off = 0; off < bytes.length && endpoint.isOpen(); off += piece) {
                send(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + piece)));
            }
        }

        void applicationData(byte[] plain) {
            byte[] records = wrap(plain);
            send(records != null ? records : plain);
            receive();
        }

        /** payload: offset (2 bytes), xor mask (1 byte), then the plaintext of the record. */
        void corrupted(byte[] payload) {
            if (payload.length < 3) {
                raw(payload, payload.length);
                return;
            }
            byte[] records = wrap(Arrays.copyOfRange(payload, 3, payload.length));
            if (records == null || records.length == 0) {
                raw(payload, payload.length);
                return;
            }
            int at = (((payload[0] & 0xff) << 8) | (payload[1] & 0xff)) % records.length;
            records[at] ^= payload[2] == 0 ? 1 : payload[2];
            send(records);
            receive();
        }

        /** A key update (TLS 1.3) or a renegotiation (1.2) from the client, then the payload as data. */
        void newHandshake(byte[] plain) {
            if (pump == null) {
                raw(plain, plain.length);
                return;
            }
            try {
                pump.engine.beginHandshake();
            } catch (Exception e) {
                pump = null;
            }
            applicationData(plain);
        }

        void closeNotify(byte[] after) {
            if (pump != null) {
                pump.engine.closeOutbound();
            }
            byte[] records = wrap(new byte[0]);
            if (records != null) {
                send(records);
            }
            raw(after, Math.max(1, after.length));
        }

        private byte[] wrap(byte[] plain) {
            if (pump == null) {
                return null;
            }
            try {
                return pump.wrap(ByteBuffer.wrap(plain));
            } catch (Exception | AssertionError e) {
                pump = null; // the client engine failed or is closed: its part ends
                return null;
            }
        }

        private void receive() {
            if (pump == null) {
                collect();
                return;
            }
            try {
                pump.receive();
            } catch (Exception | AssertionError e) {
                pump = null;
            }
        }

        void send(byte[] bytes) {
            if (!endpoint.isOpen() || bytes.length == 0) {
                return;
            }
            sent += bytes.length;
            endpoint.send(bytes);
        }

        void collect() {
            received.writeBytes(endpoint.takeOutput());
        }

        /**
         * The pump's view of the endpoint: it sends through {@link Client#send} (counted) and
         * sees the server's output, which is kept for the record checks too.
         */
        private final class CountingEndpoint extends TlsClientPump.Channel {
            @Override
            void send(byte[] bytes) {
                Client.this.send(bytes);
            }

            @Override
            byte[] takeOutput() {
                byte[] b = endpoint.takeOutput();
                received.writeBytes(b);
                return b;
            }
        }
    }
}
