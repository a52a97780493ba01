package io.subito.servlet.request;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestAttributeEvent;
import jakarta.servlet.ServletRequestAttributeListener;
import java.util.List;

/** Setting and removing a request attribute, with the application's attribute listeners told. */
final class AttributeChanges {
    private AttributeChanges() {
    }

    static void set(RequestState s, ServletRequest source, String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("attribute name is null");
        }
        if (value == null) {
            remove(s, source, name);
            return;
        }
        Object old = s.attributes.put(name, value);
        List<ServletRequestAttributeListener> ls = s.context.listeners().requestAttribute;
        if (!ls.isEmpty()) {
            ServletRequestAttributeEvent e = new ServletRequestAttributeEvent(s.context.servletContext(), source, name,
                    old == null ? value : old);
            for (ServletRequestAttributeListener l : ls) {
                if (old == null) {
                    l.attributeAdded(e);
                } else {
                    l.attributeReplaced(e);
                }
            }
        }
    }

    static void remove(RequestState s, ServletRequest source, String name) {
        Object old = s.attributes.remove(name);
        if (old != null) {
            List<ServletRequestAttributeListener> ls = s.context.listeners().requestAttribute;
            if (!ls.isEmpty()) {
                ServletRequestAttributeEvent e = new ServletRequestAttributeEvent(s.context.servletContext(), source, name, old);
                for (ServletRequestAttributeListener l : ls) {
                    l.attributeRemoved(e);
                }
            }
        }
    }
}
