package io.subito.container.http;

import java.io.IOException;

/** A window onto a connection's input buffer that can block for more bytes. */
public interface InputSource {
    byte[] buffer();

    /** First unread byte. */
    int position();

    /** One past the last byte read from the network. */
    int limit();

    void advance(int n);

    /** Blocks until at least one more byte is available; false at end of stream. */
    boolean fill() throws IOException;
}
