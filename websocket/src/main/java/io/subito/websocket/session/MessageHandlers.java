package io.subito.websocket.session;

import io.subito.websocket.endpoint.Coders;
import jakarta.websocket.MessageHandler;
import java.util.LinkedHashSet;
import java.util.Set;

/** A session's message handlers: at most one each for text, binary and pong messages (Jakarta WebSocket 2.2 section 2.1.3). */
final class MessageHandlers {
    private final Coders coders;
    private volatile Inbound text;
    private volatile Inbound binary;
    private volatile Inbound pong;

    MessageHandlers(Coders coders) {
        this.coders = coders;
    }

    synchronized void add(Class<?> type, MessageHandler handler) {
        Inbound in = Inbound.of(type, handler, coders);
        switch (in.kind()) {
            case TEXT -> text = checkFree(text, in);
            case BINARY -> binary = checkFree(binary, in);
            default -> pong = checkFree(pong, in);
        }
    }

    private static Inbound checkFree(Inbound current, Inbound in) {
        if (current != null) {
            throw new IllegalStateException("the session already has a " + in.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " message handler: " + current.handler());
        }
        return in;
    }

    synchronized void remove(MessageHandler h) {
        if (text != null && text.handler() == h) {
            text = null;
        }
        if (binary != null && binary.handler() == h) {
            binary = null;
        }
        if (pong != null && pong.handler() == h) {
            pong = null;
        }
    }

    synchronized Set<MessageHandler> all() {
        Set<MessageHandler> s = new LinkedHashSet<>();
        for (Inbound i : new Inbound[] {text, binary, pong}) {
            if (i != null) {
                s.add(i.handler());
            }
        }
        return s;
    }

    Inbound text() {
        return text;
    }

    Inbound binary() {
        return binary;
    }

    Inbound pong() {
        return pong;
    }

    /** Parts for a partial handler and for a streaming one (Reader). */
    boolean partialText() {
        Inbound t = text;
        return t != null && (t.partial() || t.streaming());
    }

    boolean partialBinary() {
        Inbound b = binary;
        return b != null && (b.partial() || b.streaming());
    }
}
