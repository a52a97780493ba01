package io.subito.deploy.descriptor;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Child look-ups by local name. Descriptors come in four namespaces (none for the 2.3 DTD,
 * java.sun.com, jcp.org, jakarta.ee) with the same element names, so namespaces are ignored.
 */
final class Dom {
    private Dom() {
    }

    static String localName(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && localName(n).equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }

    static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    /** The trimmed text of the first child of that name, or null when there is none. */
    static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent().trim();
    }

    static List<String> texts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        for (Element c : children(parent, name)) {
            out.add(c.getTextContent().trim());
        }
        return out;
    }

    static boolean has(Element parent, String name) {
        return child(parent, name) != null;
    }
}
