package io.subito.deploy.scan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An annotation as written in a class file, read without loading any class. Values are Strings,
 * boxed primitives, {@link ClassRef}, {@link EnumRef}, nested {@code AnnotationData} or Lists of
 * those. Only values written explicitly are present: defaults live in the annotation type, so
 * readers supply them.
 */
public record AnnotationData(String type, Map<String, Object> values) {
    public AnnotationData(String type) {
        this(type, new LinkedHashMap<>());
    }

    /** A class literal ({@code Foo.class}), by binary name. */
    public record ClassRef(String className) {
    }

    /** An enum constant. */
    public record EnumRef(String type, String name) {
    }

    public String string(String name, String def) {
        Object v = values.get(name);
        return v instanceof String s ? s : def;
    }

    public boolean bool(String name, boolean def) {
        Object v = values.get(name);
        return v instanceof Boolean b ? b : def;
    }

    public long number(String name, long def) {
        Object v = values.get(name);
        return v instanceof Number n ? n.longValue() : def;
    }

    public String enumName(String name, String def) {
        Object v = values.get(name);
        return v instanceof EnumRef e ? e.name() : def;
    }

    public AnnotationData annotation(String name) {
        Object v = values.get(name);
        return v instanceof AnnotationData a ? a : null;
    }

    /** An array value; a single value counts as an array of one, as in Java source. */
    public List<Object> list(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> l ? List.copyOf(l) : List.of(v);
    }

    public List<String> strings(String name) {
        return list(name).stream().map(String::valueOf).toList();
    }
}
