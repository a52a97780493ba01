package io.subito.container.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7239 §4: one {@code Forwarded} field line as its elements, left to right.
 * <pre>
 *   Forwarded         = 1#forwarded-element
 *   forwarded-element = [ forwarded-pair ] *( ";" [ forwarded-pair ] )
 *   forwarded-pair    = token "=" value          value = token / quoted-string
 * </pre>
 * Whitespace around {@code ,} and {@code ;} is allowed, as proxies write it. Parameters other
 * than for, by, proto and host are extensions and skipped; one parameter twice in an element
 * is refused (§4: it MUST NOT occur more than once). What the values mean is checked by
 * {@link ForwardingResolver}, only for the elements it reaches.
 */
public final class ForwardedHeader {
    /** One hop; each field is the raw (unquoted) value, or null when absent. */
    public record Element(String forNode, String by, String proto, String host) {
    }

    private ForwardedHeader() {
    }

    /** @throws MalformedForwardingException naming the flaw */
    public static List<Element> parse(String line) throws MalformedForwardingException {
        List<Element> out = new ArrayList<>(2);
        Cursor c = new Cursor(line);
        while (true) {
            c.skipSpace();
            if (c.atEnd()) {
                return out;
            }
            if (c.peek() == ',') {
                c.pos++; // an empty list element (RFC 9110 §5.6.1)
                continue;
            }
            out.add(element(c));
            c.skipSpace();
            if (c.atEnd()) {
                return out;
            }
            if (c.peek() != ',') {
                throw new MalformedForwardingException("Forwarded: expected ',' or ';' at " + c.pos);
            }
            c.pos++;
        }
    }

    private static Element element(Cursor c) throws MalformedForwardingException {
        String forNode = null;
        String by = null;
        String proto = null;
        String host = null;
        while (true) {
            c.skipSpace();
            if (!c.atEnd() && c.peek() != ';' && c.peek() != ',') {
                String name = c.token();
                if (name.isEmpty()) {
                    throw new MalformedForwardingException("Forwarded: a parameter name must be a token, at " + c.pos);
                }
                c.skipSpace();
                if (c.atEnd() || c.peek() != '=') {
                    throw new MalformedForwardingException("Forwarded: '" + name + "' has no '=' value");
                }
                c.pos++;
                c.skipSpace();
                String value = c.value();
                switch (name.toLowerCase(java.util.Locale.ROOT)) {
                    case "for" -> forNode = once(forNode, value, "for");
                    case "by" -> by = once(by, value, "by");
                    case "proto" -> proto = once(proto, value, "proto");
                    case "host" -> host = once(host, value, "host");
                    default -> {
                        // an extension parameter: not ours to judge
                    }
                }
                c.skipSpace();
            }
            if (c.atEnd() || c.peek() == ',') {
                return new Element(forNode, by, proto, host);
            }
            if (c.peek() != ';') {
                throw new MalformedForwardingException("Forwarded: expected ';' or ',' at " + c.pos);
            }
            c.pos++;
        }
    }

    private static String once(String old, String value, String name) throws MalformedForwardingException {
        if (old != null) {
            throw new MalformedForwardingException("Forwarded: '" + name + "' twice in one element");
        }
        return value;
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        String token() {
            int start = pos;
            while (pos < s.length() && isTchar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        String value() throws MalformedForwardingException {
            if (atEnd() || peek() != '"') {
                String t = token();
                if (t.isEmpty()) {
                    throw new MalformedForwardingException("Forwarded: a value must be a token or a quoted string, at " + pos);
                }
                return t;
            }
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char ch = s.charAt(pos++);
                if (ch == '"') {
                    return b.toString();
                }
                if (ch == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    ch = s.charAt(pos++);
                }
                if (ch < 0x20 && ch != '\t' || ch == 0x7f) {
                    throw new MalformedForwardingException("Forwarded: a control character in a quoted string");
                }
                b.append(ch);
            }
            throw new MalformedForwardingException("Forwarded: a quoted string is not closed");
        }
    }

    /** RFC 9110 tchar. */
    static boolean isTchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
