package io.subito.websocket.session;

import io.subito.websocket.endpoint.Coders;
import io.subito.websocket.endpoint.Primitives;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.nio.ByteBuffer;

/**
 * One registered message handler, with what it takes: its wire kind (text, binary, pong), whether
 * it takes parts, and the Java type the message is decoded to.
 */
record Inbound(Kind kind, boolean partial, Class<?> type, MessageHandler handler, boolean decoded) {
    /** A whole-message handler of a Reader or InputStream (that no decoder of the application makes): it gets the message as it arrives. */
    boolean streaming() {
        return !partial && !decoded && (type == java.io.Reader.class || type == java.io.InputStream.class);
    }

    enum Kind {
        TEXT, BINARY, PONG
    }

    /** Classifies a handler of messages of {@code type}; throws IllegalStateException naming what cannot be received. */
    static Inbound of(Class<?> type, MessageHandler handler, Coders coders) {
        boolean partial = handler instanceof MessageHandler.Partial<?>;
        Class<?> t = Primitives.wrap(type);
        if (t == PongMessage.class) {
            if (partial) {
                throw new IllegalStateException("a pong handler must take whole messages");
            }
            return new Inbound(Kind.PONG, false, t, handler, false);
        }
        if (partial) {
            if (t == String.class) {
                return new Inbound(Kind.TEXT, true, t, handler, false);
            }
            if (t == ByteBuffer.class || t == byte[].class) {
                return new Inbound(Kind.BINARY, true, t, handler, false);
            }
            throw new IllegalStateException("a partial handler takes String, ByteBuffer or byte[], not " + t.getName());
        }
        Coders.Wire w = coders.wireOf(t);
        if (w == null) {
            throw new IllegalStateException("no decoder for messages of type " + t.getName());
        }
        return new Inbound(w == Coders.Wire.TEXT ? Kind.TEXT : Kind.BINARY, false, t, handler, coders.decodes(t));
    }
}
