package io.subito.container.http2.hpack;

/** Receives the fields of a decoded field block, in order. */
@FunctionalInterface
public interface HeaderSink {
    void header(String name, String value);
}
