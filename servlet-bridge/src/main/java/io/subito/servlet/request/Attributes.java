package io.subito.servlet.request;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/** Request attributes; the map is kept across requests on a connection and cleared between. */
public final class Attributes {
    private final Map<String, Object> map = new HashMap<>();

    public Object get(String name) {
        return map.isEmpty() ? null : map.get(name);
    }

    /** Returns the previous value. */
    public Object put(String name, Object value) {
        return map.put(name, value);
    }

    public Object remove(String name) {
        return map.isEmpty() ? null : map.remove(name);
    }

    public Enumeration<String> names() {
        return Collections.enumeration(new java.util.ArrayList<>(map.keySet()));
    }

    public void recycle() {
        map.clear();
    }
}
