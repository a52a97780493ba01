package io.subito.container;

import io.subito.container.http2.Frame;
import io.subito.container.http2.FrameWriter;
import io.subito.container.http2.hpack.HpackDecoder;
import io.subito.container.http2.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A raw HTTP/2 client for socket tests: writes frames exactly as told (valid or not), reads the
 * server's frames one by one, decodes field blocks with its own HPACK decoder.
 */
public final class H2Client implements AutoCloseable {
    public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** One frame from the server. */
    public record In(int type, int flags, int stream, byte[] payload) {
        public boolean has(int flag) {
            return (flags & flag) != 0;
        }

        public int intAt(int i) {
            return ByteBuffer.wrap(payload).getInt(i);
        }

        @Override
        public String toString() {
            return Frame.typeName(type) + " flags " + flags + " stream " + stream + " length " + payload.length;
        }
    }

    /** A stream's response: its fields, body and trailers. */
    public record Response(Map<String, String> fields, byte[] body, Map<String, String> trailers) {
        public String status() {
            return fields.get(":status");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public final Socket socket;
    public final OutputStream out;
    public final DataInputStream in;
    public final FrameWriter w = new FrameWriter(1024);
    public final HpackEncoder hpack = new HpackEncoder(4096);
    /** Whether {@link #response} gives back the window of what it read (a client that reads as fast as it can). */
    public boolean grantAsRead = true;
    /** The last GOAWAY {@link #response} passed: last stream id, error code; null if none. */
    public int[] goAway;
    private final HpackDecoder decoder = new HpackDecoder(4096, 1 << 20);

    /** Connects with prior knowledge: the preface and an empty SETTINGS. */
    public H2Client(int port) throws IOException {
        this(new Socket("127.0.0.1", port), true);
    }

    /** Over {@code socket}; with {@code preface}, the client's preface and an empty SETTINGS are sent now. */
    public H2Client(Socket socket, boolean preface) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        if (preface) {
            out.write(PREFACE);
            w.settings(new int[0], 0);
            send();
        }
    }

    public void send() throws IOException {
        ByteBuffer b = w.pending()[0];
        out.write(b.array(), 0, b.limit());
        b.position(b.limit());
        w.consumed();
    }

    /** Queues a HEADERS frame (use {@link #send} after), encoded with the client's HPACK table. */
    public void queueHeaders(int stream, boolean end, String... nameValues) {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        hpack.beginBlock();
        for (int i = 0; i < nameValues.length; i += 2) {
            hpack.encode(nameValues[i], nameValues[i + 1], block);
        }
        w.headers(stream, block.array(), 0, block.position(), end, 16_384);
    }

    public void headers(int stream, boolean end, String... nameValues) throws IOException {
        queueHeaders(stream, end, nameValues);
        send();
    }

    /** A GET of {@code path} on {@code stream}. */
    public void get(int stream, String path) throws IOException {
        headers(stream, true, ":method", "GET", ":scheme", "http", ":path", path, ":authority", "localhost");
    }

    /** The server's next frame. */
    public In next() throws IOException {
        int len = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        int t = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int id = in.readInt() & 0x7FFF_FFFF;
        byte[] p = new byte[len];
        in.readFully(p);
        return new In(t, flags, id, p);
    }

    /** Frames until one of {@code type}; the HPACK state follows every field block passed by. */
    public In awaitFrame(int type) throws IOException {
        while (true) {
            In f = next();
            if (f.type == Frame.HEADERS && f.type != type) {
                fields(f);
            }
            if (f.type == type) {
                return f;
            }
        }
    }

    /** Reads frames until one of {@code type}; returns {stream id, first payload int (error code or last stream)...}. */
    public int[] await(int type) throws IOException {
        In f = awaitFrame(type);
        return switch (type) {
            case Frame.GOAWAY -> new int[] {f.stream, f.intAt(0) & 0x7FFF_FFFF, f.intAt(4)};
            case Frame.RST_STREAM -> new int[] {f.stream, f.intAt(0)};
            default -> new int[] {f.stream, f.payload.length};
        };
    }

    /** The fields of a HEADERS frame (END_HEADERS set: the server's blocks fit one frame in these tests). */
    public Map<String, String> fields(In headers) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            decoder.decode(ByteBuffer.wrap(headers.payload), (n, v, s) -> m.merge(n, v, (a, b) -> a + ", " + b));
        } catch (Exception e) {
            throw new IOException("field block the client cannot decode", e);
        }
        return m;
    }

    /** Reads frames until {@code stream} ends; the others' frames pass (their field blocks are decoded). */
    public Response response(int stream) throws IOException {
        Map<String, String> fields = null;
        Map<String, String> trailers = Map.of();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            In f = next();
            if (f.type == Frame.HEADERS) {
                Map<String, String> m = fields(f);
                if (f.stream == stream) {
                    if (fields == null || fields.getOrDefault(":status", "200").startsWith("1")) {
                        fields = m;
                    } else {
                        trailers = m;
                    }
                }
            } else if (f.type == Frame.DATA && f.stream == stream) {
                body.write(f.payload);
                if (grantAsRead && f.payload.length > 0) {
                    w.windowUpdate(0, f.payload.length);
                    if (!f.has(Frame.FLAG_END_STREAM)) {
                        w.windowUpdate(stream, f.payload.length);
                    }
                    send();
                }
            } else if (f.type == Frame.RST_STREAM && f.stream == stream) {
                throw new IOException("stream " + stream + " reset with code " + f.intAt(0));
            } else if (f.type == Frame.GOAWAY) {
                goAway = new int[] {f.intAt(0) & 0x7FFF_FFFF, f.intAt(4)};
                if (f.intAt(4) != 0 || goAway[0] < stream) {
                    throw new IOException("GOAWAY with code " + f.intAt(4) + " while waiting for stream " + stream);
                }
            }
            if (f.stream == stream && f.has(Frame.FLAG_END_STREAM) && (f.type == Frame.DATA || f.type == Frame.HEADERS)) {
                return new Response(fields, body.toByteArray(), trailers);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
