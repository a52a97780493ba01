package io.subito.servlet.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Filter mappings in the order the spec wants: those added with isMatchAfter=false come
 * before all the others (in their own declaration order), the rest follow in declaration order.
 */
public final class FilterMappings {
    private final List<FilterMapping> before = new CopyOnWriteArrayList<>();
    private final List<FilterMapping> after = new CopyOnWriteArrayList<>();
    private volatile List<FilterMapping> all = List.of();

    public synchronized void add(FilterMapping m, boolean isMatchAfter) {
        (isMatchAfter ? after : before).add(m);
        List<FilterMapping> merged = new ArrayList<>(before);
        merged.addAll(after);
        all = List.copyOf(merged);
    }

    public List<FilterMapping> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
