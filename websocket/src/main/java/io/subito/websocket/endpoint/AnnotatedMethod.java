package io.subito.websocket.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * One {@code @OnOpen}/{@code @OnMessage}/{@code @OnClose}/{@code @OnError} method and what each
 * of its parameters receives, decided once when the endpoint is deployed.
 */
final class AnnotatedMethod {
    private final Method method;
    private final ParamKind[] kinds;
    private final String[] pathNames;
    private final Class<?>[] types;
    /** The message parameter's index, or -1. */
    final int messageIndex;
    final boolean partial;
    /** {@code @OnMessage(maxMessageSize)}: the largest message this method takes, or -1 for the session's limit. */
    final long maxMessageSize;
    /** For {@code @OnMessage}: whether its messages are binary ones (set once by {@link EndpointModel}, before it is shared). */
    boolean binary;

    private AnnotatedMethod(Method method, ParamKind[] kinds, String[] pathNames, int messageIndex, boolean partial) {
        this.method = method;
        this.kinds = kinds;
        this.pathNames = pathNames;
        this.types = method.getParameterTypes();
        this.messageIndex = messageIndex;
        this.partial = partial;
        jakarta.websocket.OnMessage om = method.getAnnotation(jakarta.websocket.OnMessage.class);
        this.maxMessageSize = om == null ? -1 : om.maxMessageSize();
    }

    /** Analyses {@code m} for the annotation {@code which}; throws naming the method and the parameter it cannot fill. */
    static AnnotatedMethod of(Method m, Class<? extends Annotation> which) throws DeploymentException {
        Class<?>[] types = m.getParameterTypes();
        Annotation[][] anns = m.getParameterAnnotations();
        ParamKind[] kinds = new ParamKind[types.length];
        String[] names = new String[types.length];
        int message = -1;
        int booleans = -1;
        for (int i = 0; i < types.length; i++) {
            PathParam pp = pathParam(anns[i]);
            Class<?> t = types[i];
            if (pp != null) {
                if (t != String.class && !Primitives.isPrimitiveOrWrapper(t)) {
                    throw bad(m, "a @PathParam is a String or a primitive type, not " + t.getName());
                }
                kinds[i] = ParamKind.PATH;
                names[i] = variableName(pp.value());
            } else if (t == Session.class) {
                kinds[i] = ParamKind.SESSION;
            } else if (t == EndpointConfig.class && which == jakarta.websocket.OnOpen.class) {
                kinds[i] = ParamKind.CONFIG;
            } else if (t == CloseReason.class && which == jakarta.websocket.OnClose.class) {
                kinds[i] = ParamKind.CLOSE_REASON;
            } else if (Throwable.class.isAssignableFrom(t) && which == jakarta.websocket.OnError.class) {
                kinds[i] = ParamKind.THROWABLE;
            } else if (which == jakarta.websocket.OnMessage.class) {
                if (t == boolean.class && booleans < 0 && message >= 0) {
                    booleans = i;
                    kinds[i] = ParamKind.LAST;
                } else if (message < 0) {
                    message = i;
                    kinds[i] = ParamKind.MESSAGE;
                } else if (t == boolean.class && booleans < 0) {
                    booleans = i;
                    kinds[i] = ParamKind.LAST;
                } else {
                    throw bad(m, "parameter " + i + " (" + t.getName() + ") is a second message parameter");
                }
            } else {
                throw bad(m, "parameter " + i + " (" + t.getName() + ") cannot be given to @" + which.getSimpleName());
            }
        }
        if (which == jakarta.websocket.OnError.class && !contains(kinds, ParamKind.THROWABLE)) {
            throw bad(m, "an @OnError method needs a Throwable parameter");
        }
        if (which == jakarta.websocket.OnMessage.class && message < 0) {
            throw bad(m, "an @OnMessage method needs a message parameter");
        }
        if (booleans >= 0 && message >= 0) {
            Class<?> mt = types[message];
            if (mt != String.class && mt != java.nio.ByteBuffer.class && mt != byte[].class) {
                throw bad(m, "a partial @OnMessage takes String, ByteBuffer or byte[], not " + mt.getName());
            }
        }
        m.setAccessible(true);
        return new AnnotatedMethod(m, kinds, names, message, booleans >= 0);
    }

    private static boolean contains(ParamKind[] kinds, ParamKind k) {
        for (ParamKind x : kinds) {
            if (x == k) {
                return true;
            }
        }
        return false;
    }

    /**
     * A {@code @PathParam} names a template variable; written with its braces ({@code "{id}"}, as
     * in the template) it means the same variable, as Tomcat and Tyrus read it.
     */
    static String variableName(String value) {
        return value.length() > 2 && value.startsWith("{") && value.endsWith("}") ? value.substring(1, value.length() - 1) : value;
    }

    private static PathParam pathParam(Annotation[] anns) {
        for (Annotation a : anns) {
            if (a instanceof PathParam p) {
                return p;
            }
        }
        return null;
    }

    private static DeploymentException bad(Method m, String why) {
        return new DeploymentException(m.getDeclaringClass().getName() + "." + m.getName() + ": " + why);
    }

    Class<?> messageType() {
        return messageIndex < 0 ? null : types[messageIndex];
    }

    /** Calls the method; what it throws is unwrapped. */
    Object invoke(Object target, Session s, Map<String, String> path, Object special, Object message, boolean last) throws Throwable {
        Object[] args = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            args[i] = switch (kinds[i]) {
                case SESSION -> s;
                case CONFIG, CLOSE_REASON, THROWABLE -> special;
                case PATH -> pathValue(path.get(pathNames[i]), types[i]);
                case MESSAGE -> message;
                case LAST -> last;
            };
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object pathValue(String v, Class<?> type) throws jakarta.websocket.DecodeException {
        if (type == String.class) {
            return v;
        }
        if (v == null) {
            return type.isPrimitive() ? Primitives.parse(type == boolean.class ? "false" : type == char.class ? "\0" : "0", type) : null;
        }
        try {
            return Primitives.parse(v, type);
        } catch (IllegalArgumentException e) {
            throw new jakarta.websocket.DecodeException(v, "path parameter " + v + " is not a " + type.getSimpleName(), e);
        }
    }

    Method method() {
        return method;
    }
}
