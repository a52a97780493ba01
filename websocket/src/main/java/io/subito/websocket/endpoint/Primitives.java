package io.subito.websocket.endpoint;

import java.util.Map;

/** Java's primitive types and their wrappers, which WebSocket decodes from and encodes to text by default. */
public final class Primitives {
    private static final Map<Class<?>, Class<?>> WRAPPERS = Map.of(boolean.class, Boolean.class, byte.class, Byte.class,
            char.class, Character.class, short.class, Short.class, int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class);

    private Primitives() {
    }

    public static Class<?> wrap(Class<?> c) {
        return c.isPrimitive() ? WRAPPERS.getOrDefault(c, c) : c;
    }

    public static boolean isPrimitiveOrWrapper(Class<?> c) {
        return c.isPrimitive() || WRAPPERS.containsValue(c);
    }

    /** Parses text as {@code type} (a primitive or wrapper); throws NumberFormatException or IllegalArgumentException. */
    public static Object parse(String s, Class<?> type) {
        Class<?> w = wrap(type);
        if (w == Boolean.class) {
            return Boolean.parseBoolean(s);
        }
        if (w == Character.class) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("no character in an empty message");
            }
            return s.charAt(0); // the first character, as Tomcat and Tyrus decode a char
        }
        if (w == Byte.class) {
            return Byte.parseByte(s);
        }
        if (w == Short.class) {
            return Short.parseShort(s);
        }
        if (w == Integer.class) {
            return Integer.parseInt(s);
        }
        if (w == Long.class) {
            return Long.parseLong(s);
        }
        if (w == Float.class) {
            return Float.parseFloat(s);
        }
        if (w == Double.class) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException(type + " is not a primitive type");
    }
}
