package io.subito.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The soak's checker must see what it is there to see: a response out of place, a non-2xx. */
class OrderCheckerTest {
    private static ResponseReader reader(String wire) {
        return new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void readsPipelinedResponsesWithTheirIds() throws IOException {
        ResponseReader in = reader("HTTP/1.1 200 OK\r\nX-Request-Id: 1-0\r\nContent-Length: 4\r\n\r\n1-0:"
                + "HTTP/1.1 404 Not Found\r\ncontent-length: 7\r\nx-request-id: 1-1\r\n\r\n1-1:abc");
        ResponseReader.Response a = in.read("x-request-id");
        assertEquals(200, a.status());
        assertEquals("1-0", a.header());
        assertEquals("1-0:", a.body());
        ResponseReader.Response b = in.read("x-request-id");
        assertEquals(404, b.status());
        assertEquals("1-1:abc", b.body());
        assertThrows(IOException.class, () -> in.read("x-request-id"), "the stream has ended");
    }

    @Test
    void refusesResponsesItCannotFrame() {
        assertThrows(IOException.class, () -> reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                .read("x-request-id"));
        assertThrows(IOException.class, () -> reader("HTTP/1.1 200 OK\r\n\r\n").read("x-request-id"));
    }

    @Test
    void countsResponsesOutOfPlaceAndNon2xx() {
        OrderChecker c = new OrderChecker(0, 1, 0);
        c.check(new ResponseReader.Response(200, "3-7", "3-7:"), "3-7:");
        assertTrue(c.clean(), c.summary());
        c.check(new ResponseReader.Response(200, "3-9", "3-9:"), "3-8:");
        assertFalse(c.clean());
        assertTrue(c.summary().contains("orderErrors=1"), c.summary());
        c.check(new ResponseReader.Response(200, "3-10", "3-10:wrong"), "3-10:body");
        assertTrue(c.summary().contains("orderErrors=2"), c.summary());
        c.check(new ResponseReader.Response(503, "3-11", ""), "3-11:");
        assertTrue(c.summary().contains("non2xx=1") && c.summary().contains("responses=4"), c.summary());
    }
}
