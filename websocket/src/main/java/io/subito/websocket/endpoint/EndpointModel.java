package io.subito.websocket.endpoint;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The annotated methods of a {@code @ServerEndpoint} (or client endpoint) class, found and checked
 * once at deployment: at most one {@code @OnOpen}, {@code @OnClose}, {@code @OnError}, and one
 * {@code @OnMessage} each for text, binary and pong messages, each of a type that a built-in rule
 * or one of the endpoint's decoders produces.
 */
public final class EndpointModel {
    final AnnotatedMethod onOpen;
    final AnnotatedMethod onClose;
    final AnnotatedMethod onError;
    final List<AnnotatedMethod> onMessage;
    final Class<?> type;

    private EndpointModel(Class<?> type, AnnotatedMethod open, AnnotatedMethod close, AnnotatedMethod error, List<AnnotatedMethod> msg) {
        this.type = type;
        this.onOpen = open;
        this.onClose = close;
        this.onError = error;
        this.onMessage = msg;
    }

    /** An endpoint class without decoders of its own. */
    public static EndpointModel of(Class<?> type) throws DeploymentException {
        return of(type, List.of());
    }

    /**
     * Finds and checks the annotated methods of {@code type}; {@code decoders} are its
     * configuration's, which decide whether an {@code @OnMessage} parameter type can be received,
     * and as text or binary. Throws naming the class and the rule it breaks.
     */
    public static EndpointModel of(Class<?> type, List<? extends Class<?>> decoders) throws DeploymentException {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new DeploymentException(type.getName() + " is abstract and cannot be a WebSocket endpoint");
        }
        AnnotatedMethod open = null;
        AnnotatedMethod close = null;
        AnnotatedMethod error = null;
        List<AnnotatedMethod> msg = new ArrayList<>();
        Map<String, Method> kinds = new HashMap<>();
        for (Method m : methods(type)) {
            if (m.isAnnotationPresent(OnOpen.class)) {
                open = single(open, m, OnOpen.class);
            }
            if (m.isAnnotationPresent(OnClose.class)) {
                close = single(close, m, OnClose.class);
            }
            if (m.isAnnotationPresent(OnError.class)) {
                error = single(error, m, OnError.class);
            }
            if (m.isAnnotationPresent(OnMessage.class)) {
                AnnotatedMethod am = AnnotatedMethod.of(m, OnMessage.class);
                String kind = kind(am.messageType(), decoders, m);
                am.binary = kind.equals("binary");
                Method had = kinds.putIfAbsent(kind, m);
                if (had != null) {
                    throw new DeploymentException(type.getName() + " has two @OnMessage methods for " + kind + " messages: "
                            + had.getName() + " and " + m.getName() + " (one each for text, binary and pong)");
                }
                msg.add(am);
            }
        }
        return new EndpointModel(type, open, close, error, List.copyOf(msg));
    }

    /** The wire kind of an @OnMessage method's message type: pong, text or binary; refused when none. */
    private static String kind(Class<?> t, List<? extends Class<?>> decoders, Method m) throws DeploymentException {
        if (t == PongMessage.class) {
            return "pong";
        }
        Coders.Wire w = Coders.wireOf(Primitives.wrap(t), decoders);
        if (w == null) {
            throw new DeploymentException(m.getDeclaringClass().getName() + "." + m.getName() + ": no decoder of the endpoint makes a "
                    + t.getName() + " (built in: String, Reader, primitive types, ByteBuffer, byte[], InputStream, PongMessage)");
        }
        return w == Coders.Wire.TEXT ? "text" : "binary";
    }

    /** Two methods with one lifecycle annotation are refused, overloads of one name too (section 4). */
    private static AnnotatedMethod single(AnnotatedMethod had, Method m, Class<? extends Annotation> a) throws DeploymentException {
        if (had != null) {
            throw new DeploymentException(m.getDeclaringClass().getName() + " has two @" + a.getSimpleName() + " methods: "
                    + had.method() + " and " + m);
        }
        return AnnotatedMethod.of(m, a);
    }

    /** Public methods, inherited ones included, then the class's own non-public ones. */
    private static List<Method> methods(Class<?> type) {
        List<Method> out = new ArrayList<>(List.of(type.getMethods()));
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                out.add(m);
            }
        }
        out.removeIf(m -> m.isBridge() || m.isSynthetic()); // a covariant override's bridge is not a second method
        return out;
    }

    public Class<?> type() {
        return type;
    }
}
