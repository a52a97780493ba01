package io.subito.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A client speaking plaintext HTTP to the HTTPS port (an {@code http://} URL with the HTTPS
 * port): it gets what Tomcat answers, a 400 saying TLS is required, then the end of the
 * connection, and the server log says so. Anything else that is no TLS handshake record is left to
 * the engine, which refuses it with an alert.
 */
final class PlaintextOnTlsPort {
    /** A TLS record starts with its content type; a client's first record is a handshake (22). */
    private static final byte HANDSHAKE_RECORD = 22;
    private static final System.Logger LOG = System.getLogger(TlsTransport.class.getName());
    private static final byte[] USE_TLS = ("HTTP/1.1 400 \r\nContent-Type: text/plain;charset=UTF-8\r\n"
            + "Connection: close\r\n\r\nBad Request\r\nThis combination of host and port requires TLS.\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    private PlaintextOnTlsPort() {
    }

    /** Whether the first byte received is that of an HTTP method (an upper-case letter), not a TLS record type. */
    static boolean looksLikeHttp(ByteBuffer received) {
        byte b = received.get(received.position());
        return b != HANDSHAKE_RECORD && b >= 'A' && b <= 'Z';
    }

    /** Answers 400 in plaintext, without waiting, and half-closes; the connection closes next. */
    static void refuse(Transport net) throws IOException {
        LOG.log(System.Logger.Level.INFO, "plaintext HTTP from " + net.remoteAddress() + " on the HTTPS port: answered 400 and closed");
        net.write(ByteBuffer.wrap(USE_TLS));
        net.shutdownOutput();
    }
}
