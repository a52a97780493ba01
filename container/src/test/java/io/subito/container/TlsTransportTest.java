package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.ServerTls;
import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS in memory: the real connection, batch runner and handler over {@link TlsTransport} on a {@link LocalConnector}. */
class TlsTransportTest {
    private static final int APPLICATION_DATA = 23;
    private static final int ALERT = 21;

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static ServerTls tls;
    static SSLContext client;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
        TestCertificates.Server s = certs.server("localhost", "EC");
        tls = ServerTls.create(TlsSettings.pem(s.certificate(), s.key()));
        client = certs.clientContext();
    }

    private static LocalConnector connector(ServerConfig config) {
        return new LocalConnector(config, Handlers.ECHO, tls);
    }

    @Test
    void aRequestIsAnsweredAfterTheHandshake() throws Exception {
        try (LocalConnector.Endpoint e = connector(new ServerConfig()).connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            assertEquals("TLSv1.3", c.engine.getSession().getProtocol());
            assertEquals("http/1.1", c.engine.getApplicationProtocol());
            c.send(Handlers.get("/hello"));
            String response = c.receive();
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.endsWith("GET /hello"), response);
        }
    }

    @Test
    void sixteenPipelinedResponsesLeaveInOneRecord() throws Exception {
        try (LocalConnector.Endpoint e = connector(new ServerConfig()).connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                batch.append(Handlers.get("/r" + i));
            }
            c.send(batch.toString());
            String responses = c.receive();
            assertEquals(16, count(responses, "HTTP/1.1 200"), responses);
            assertTrue(responses.endsWith("GET /r15"), responses);
            assertEquals(List.of(APPLICATION_DATA), c.records(), "one record for the whole batch");
        }
    }

    @Test
    void aRequestInOneRecordIsReadWithOneRead() throws Exception {
        try (LocalConnector.Endpoint e = connector(new ServerConfig()).connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            c.send(Handlers.get("/warm"));
            c.receive();
            for (int i = 0; i < 3; i++) {
                int before = e.reads();
                c.send(Handlers.get("/r" + i));
                assertTrue(c.receive().endsWith("GET /r" + i));
                // as on the plain path: no second read that would find nothing
                assertEquals(1, e.reads() - before, "reads for request " + i);
            }
        }
    }

    @Test
    void aFullHandshakeMakesNoReadThatFindsNothing() throws Exception {
        try (LocalConnector.Endpoint e = connector(new ServerConfig()).connect()) {
            new TlsClientPump(client, e).handshake();
            // no read behind a flight the server just sent (its ServerHello..Finished, its
            // session ticket), which the client cannot have answered yet
            assertTrue(e.reads() > 0);
            assertEquals(0, e.emptyReads(), "reads that found nothing, of " + e.reads());
        }
    }

    @Test
    void aLargeBatchIsCutIntoFullRecords() throws Exception {
        try (LocalConnector.Endpoint e = connector(new ServerConfig()).connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            String body = "x".repeat(40_000);
            c.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            String response = c.receive();
            assertTrue(response.startsWith("HTTP/1.1 200"), response.substring(0, 100));
            // the body comes back whole (chunked: it is larger than the response buffer)
            assertEquals(40_000, response.chars().filter(ch -> ch == 'x').count() - 1, "x in the body, one in text/plain");
            // written when 32 KiB are pending (two full records) and at the end (one or two)
            int records = c.records().size();
            assertTrue(records >= 3 && records <= 4, records + " records");
        }
    }

    @Test
    void requestsSplitAcrossRecordsAndReadsAreReassembled() throws Exception {
        try (LocalConnector.Endpoint e = connector(new ServerConfig()).connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            String req = Handlers.get("/split", "X-Id: 7");
            for (int i = 0; i < req.length(); i++) {
                c.send(req.substring(i, i + 1)); // one record per byte
            }
            String response = c.receive();
            assertTrue(response.contains("X-Id: 7"), response);
        }
    }

    @Test
    void anInputLargerThanTheWindowWaitsInTheTransportAndIsServed() throws Exception {
        // a 4 KiB input window: a 16 KiB record of pipelined requests does not fit at once
        ServerConfig config = new ServerConfig().bufferSize(4096).limits(new io.subito.container.http.HttpLimits(2048, 1024, 50, 1024, 1024));
        try (LocalConnector.Endpoint e = connector(config).connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                batch.append(Handlers.get("/p" + i));
            }
            c.send(batch.toString());
            e.awaitIdle(java.time.Duration.ofSeconds(10));
            String responses = c.receive();
            assertEquals(300, count(responses, "HTTP/1.1 200"));
            assertTrue(responses.endsWith("GET /p299"), responses.substring(responses.length() - 100));
        }
    }

    @Test
    void plaintextHttpGetsTomcatsBadRequestAndTheEnd() throws Exception {
        try (LogCapture log = new LogCapture("io.subito.container")) {
            LocalConnector.Endpoint e = connector(new ServerConfig()).connect();
            e.send(Handlers.get("/plain"));
            String answer = e.takeText();
            assertTrue(answer.startsWith("HTTP/1.1 400 \r\n"), answer);
            assertTrue(answer.contains("requires TLS"), answer);
            assertFalse(e.isOpen());
            assertEquals(1, log.matching("plaintext HTTP", "HTTPS port").size());
        }
    }

    @Test
    void garbageInsteadOfAClientHelloIsRefusedAndLogged() throws Exception {
        try (LogCapture log = new LogCapture("io.subito.container")) {
            LocalConnector.Endpoint e = connector(new ServerConfig()).connect();
            e.send(new byte[] {22, 3, 1, 0, 5, 1, 2, 3, 4, 5});
            assertFalse(e.isOpen());
            assertEquals(1, log.matching("TLS refused").size());
        }
    }

    @Test
    void closingSendsCloseNotify() throws Exception {
        LocalConnector.Endpoint e = connector(new ServerConfig()).connect();
        TlsClientPump c = new TlsClientPump(client, e).handshake();
        c.send(Handlers.get("/bye", "Connection: close"));
        String response = c.receive();
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        List<Integer> records = c.records();
        assertTrue(c.serverClosed, "close_notify received: " + records + " " + e);
        assertTrue(records.contains(ALERT) || records.size() == 2, records.toString());
    }

    @Test
    void anIdleConnectionHoldsNoPacketBuffer() throws Exception {
        try (LocalConnector.Endpoint e = connector(new ServerConfig()).connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            c.send(Handlers.get("/a"));
            c.receive();
            String state = e.toString();
            assertTrue(state.contains("no input"), state);
            assertFalse(state.contains(" in ") || state.contains(" out ") || state.contains(" plain "), state);
        }
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
