package io.subito.websocket.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A MessageSink that writes down what it gets, as short strings. */
final class Recorder implements MessageSink {
    final List<String> events = new ArrayList<>();
    boolean partialText;
    boolean partialBinary;

    @Override
    public boolean partialText() {
        return partialText;
    }

    @Override
    public boolean partialBinary() {
        return partialBinary;
    }

    @Override
    public void text(String text, boolean last) {
        events.add("text" + (last ? "" : "-part") + ":" + text);
    }

    @Override
    public void binary(ByteBuffer data, boolean last) {
        events.add("binary" + (last ? "" : "-part") + ":" + StandardCharsets.ISO_8859_1.decode(data));
    }

    @Override
    public void ping(ByteBuffer payload) {
        events.add("ping:" + StandardCharsets.UTF_8.decode(payload));
    }

    @Override
    public void pong(ByteBuffer payload) {
        events.add("pong:" + StandardCharsets.UTF_8.decode(payload));
    }

    @Override
    public void closeFrame(int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }
}
