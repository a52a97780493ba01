package io.subito.websocket.endpoint;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/** The type argument a class gives a generic interface (a handler's message type, a decoder's result). */
public final class GenericTypes {
    private GenericTypes() {
    }

    /** The class {@code impl} binds the first type parameter of {@code iface} to, or null when it cannot be told (a lambda, a raw type). */
    public static Class<?> argument(Class<?> impl, Class<?> iface) {
        return find(impl, iface, new HashMap<>());
    }

    private static Class<?> find(Type t, Class<?> iface, Map<TypeVariable<?>, Type> bound) {
        Class<?> raw = raw(t);
        if (raw == null) {
            return null;
        }
        if (t instanceof ParameterizedType p) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                Type a = args[i];
                bound.put(vars[i], a instanceof TypeVariable<?> v && bound.containsKey(v) ? bound.get(v) : a);
            }
            if (raw == iface) {
                return raw(resolve(args[0], bound));
            }
        }
        for (Type s : raw.getGenericInterfaces()) {
            Class<?> r = find(s, iface, bound);
            if (r != null) {
                return r;
            }
        }
        Type sup = raw.getGenericSuperclass();
        return sup == null ? null : find(sup, iface, bound);
    }

    private static Type resolve(Type t, Map<TypeVariable<?>, Type> bound) {
        while (t instanceof TypeVariable<?> v && bound.containsKey(v) && bound.get(v) != t) {
            t = bound.get(v);
        }
        return t;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof java.lang.reflect.GenericArrayType g) {
            Class<?> c = raw(g.getGenericComponentType());
            return c == null ? null : c.arrayType();
        }
        return null;
    }
}
