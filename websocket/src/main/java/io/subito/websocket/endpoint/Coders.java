package io.subito.websocket.endpoint;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoders and decoders of one endpoint's session, made from its {@link EndpointConfig} and
 * initialised once; destroyed when the session closes.
 */
public final class Coders {
    /** What a message becomes on the wire. */
    public enum Wire {
        TEXT, BINARY
    }

    /** An encoded object: text or binary. */
    public record Encoded(String text, ByteBuffer binary) {
    }

    private record Entry<T>(Class<?> type, T coder) {
    }

    private final List<Entry<Decoder>> decoders = new ArrayList<>();
    private final List<Entry<Encoder>> encoders = new ArrayList<>();

    public Coders(EndpointConfig config, InstanceMaker maker) throws ReflectiveOperationException {
        for (Class<? extends Decoder> c : config.getDecoders()) {
            Decoder d = (Decoder) maker.make(c);
            d.init(config);
            decoders.add(new Entry<>(decodedType(c), d));
        }
        for (Class<? extends Encoder> c : config.getEncoders()) {
            Encoder e = (Encoder) maker.make(c);
            e.init(config);
            encoders.add(new Entry<>(encodedType(c), e));
        }
    }

    /** Makes coder instances (the webapp's injection when there is one). */
    public interface InstanceMaker {
        Object make(Class<?> c) throws ReflectiveOperationException;
    }

    static Class<?> decodedType(Class<?> c) {
        for (Class<?> i : List.of(Decoder.Text.class, Decoder.TextStream.class, Decoder.Binary.class, Decoder.BinaryStream.class)) {
            if (i.isAssignableFrom(c)) {
                Class<?> t = GenericTypes.argument(c, i);
                return t == null ? Object.class : t;
            }
        }
        return Object.class;
    }

    static Class<?> encodedType(Class<?> c) {
        for (Class<?> i : List.of(Encoder.Text.class, Encoder.TextStream.class, Encoder.Binary.class, Encoder.BinaryStream.class)) {
            if (i.isAssignableFrom(c)) {
                Class<?> t = GenericTypes.argument(c, i);
                return t == null ? Object.class : t;
            }
        }
        return Object.class;
    }

    /** Whether a message of {@code type} arrives as text or binary (by the built-in types, then the decoders); null if neither. */
    public Wire wireOf(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>();
        decoders.forEach(e -> classes.add(e.coder().getClass()));
        return wireOf(type, classes);
    }

    /**
     * The same question at deployment, from the decoder classes of an endpoint's configuration: a
     * message parameter no built-in rule and no decoder can produce is refused there (section 4.7).
     */
    public static Wire wireOf(Class<?> type, List<? extends Class<?>> decoderClasses) {
        for (Class<?> c : decoderClasses) { // the application's decoders before the built-in rules
            if (type.isAssignableFrom(decodedType(c))) {
                return Decoder.Text.class.isAssignableFrom(c) || Decoder.TextStream.class.isAssignableFrom(c) ? Wire.TEXT : Wire.BINARY;
            }
        }
        if (type == String.class || type == Reader.class || Primitives.isPrimitiveOrWrapper(type)) {
            return Wire.TEXT;
        }
        if (type == ByteBuffer.class || type == byte[].class || type == InputStream.class) {
            return Wire.BINARY;
        }
        return null;
    }

    /** Whether one of the application's decoders makes {@code type}: then it is used, not a built-in rule. */
    public boolean decodes(Class<?> type) {
        for (Entry<Decoder> e : decoders) {
            if (type.isAssignableFrom(e.type())) {
                return true;
            }
        }
        return false;
    }

    /** A whole text message as {@code type}. */
    public Object fromText(String s, Class<?> type) throws DecodeException, IOException {
        if (decodes(type)) {
            return decodeText(s, type);
        }
        if (type == String.class) {
            return s;
        }
        if (type == Reader.class) {
            return new StringReader(s);
        }
        if (Primitives.isPrimitiveOrWrapper(type)) {
            try {
                return Primitives.parse(s, type);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(s, "cannot decode as " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        return decodeText(s, type);
    }

    private Object decodeText(String s, Class<?> type) throws DecodeException, IOException {
        for (Entry<Decoder> e : decoders) {
            if (!type.isAssignableFrom(e.type())) {
                continue;
            }
            if (e.coder() instanceof Decoder.Text<?> t) {
                if (t.willDecode(s)) {
                    return t.decode(s);
                }
            } else if (e.coder() instanceof Decoder.TextStream<?> t) {
                return t.decode(new StringReader(s));
            }
        }
        throw new DecodeException(s, "no decoder for " + type.getName() + " accepts this message");
    }

    /** A whole binary message as {@code type}. */
    public Object fromBinary(ByteBuffer b, Class<?> type) throws DecodeException, IOException {
        if (decodes(type)) {
            return decodeBinary(b, type);
        }
        if (type == ByteBuffer.class) {
            return b;
        }
        if (type == byte[].class) {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            return a;
        }
        if (type == InputStream.class) {
            return new java.io.ByteArrayInputStream(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
        return decodeBinary(b, type);
    }

    private Object decodeBinary(ByteBuffer b, Class<?> type) throws DecodeException, IOException {
        for (Entry<Decoder> e : decoders) {
            if (!type.isAssignableFrom(e.type())) {
                continue;
            }
            if (e.coder() instanceof Decoder.Binary<?> d) {
                if (d.willDecode(b.duplicate())) {
                    return d.decode(b);
                }
            } else if (e.coder() instanceof Decoder.BinaryStream<?> d) {
                return d.decode(new java.io.ByteArrayInputStream(b.array(), b.arrayOffset() + b.position(), b.remaining()));
            }
        }
        throw new DecodeException(b, "no decoder for " + type.getName() + " accepts this message");
    }

    /** {@code o} encoded by the built-in rules or the first encoder for its class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Encoded encode(Object o) throws EncodeException, IOException {
        if (o instanceof String s) {
            return new Encoded(s, null);
        }
        if (o instanceof ByteBuffer b) {
            return new Encoded(null, b);
        }
        if (o instanceof byte[] a) {
            return new Encoded(null, ByteBuffer.wrap(a));
        }
        for (Entry<Encoder> e : encoders) {
            if (!e.type().isInstance(o)) {
                continue;
            }
            Encoder c = e.coder();
            if (c instanceof Encoder.Text t) {
                return new Encoded(t.encode(o), null);
            }
            if (c instanceof Encoder.TextStream t) {
                StringWriter w = new StringWriter();
                t.encode(o, w);
                return new Encoded(w.toString(), null);
            }
            if (c instanceof Encoder.Binary b) {
                return new Encoded(null, b.encode(o));
            }
            if (c instanceof Encoder.BinaryStream b) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                b.encode(o, out);
                return new Encoded(null, ByteBuffer.wrap(out.toByteArray()));
            }
        }
        if (o != null && Primitives.isPrimitiveOrWrapper(o.getClass())) {
            return new Encoded(String.valueOf(o), null);
        }
        throw new EncodeException(o, "no encoder for " + (o == null ? "null" : o.getClass().getName()));
    }

    /** At session close. */
    public void destroy() {
        decoders.forEach(e -> e.coder().destroy());
        encoders.forEach(e -> e.coder().destroy());
    }
}
