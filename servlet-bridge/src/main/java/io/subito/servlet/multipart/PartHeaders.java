package io.subito.servlet.multipart;

import io.subito.container.http.Ascii;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7578 section 4.8 (fields as in RFC 5322 section 2.2): a part's header section, kept as the
 * bytes that came and read when asked, so a part costs little beyond what was sent. Each line is
 * a token name, a colon and a value without control characters (tab aside), ended by CRLF;
 * folded lines and whitespace before the colon are refused as in a request head.
 */
final class PartHeaders {
    private PartHeaders() {
    }

    /** Refuses a section with any line that is not a well-formed header field. */
    static void check(byte[] section) throws MalformedMultipartException {
        int i = 0;
        while (i < section.length) {
            int colon = -1;
            int end = i;
            while (end < section.length && section[end] != '\r') {
                if (colon < 0 && section[end] == ':') {
                    colon = end;
                }
                end++;
            }
            if (end + 1 >= section.length || section[end + 1] != '\n') {
                throw new MalformedMultipartException("a part header line not ended by CRLF");
            }
            if (i < end && (section[i] == ' ' || section[i] == '\t')) {
                throw new MalformedMultipartException("a folded part header line (obs-fold)");
            }
            if (colon <= i) {
                throw new MalformedMultipartException(colon < 0 ? "a part header line without a colon"
                        : "a part header line with an empty name");
            }
            for (int k = i; k < colon; k++) {
                if (!Ascii.isToken(section[k])) {
                    throw new MalformedMultipartException("a part header name with a character that is not a token character");
                }
            }
            for (int k = colon + 1; k < end; k++) {
                int b = section[k] & 0xFF;
                if ((b < 0x20 && b != '\t') || b == 0x7F) {
                    throw new MalformedMultipartException("a control character in a part header value");
                }
            }
            i = end + 2;
        }
    }

    /** The first value of header {@code name} (any case), or null. */
    static String get(byte[] section, Charset cs, String name) {
        List<String> v = values(section, cs, name, true);
        return v.isEmpty() ? null : v.get(0);
    }

    /** Every value of header {@code name}, or of all headers' names when {@code name} is null. */
    static List<String> values(byte[] section, Charset cs, String name, boolean first) {
        List<String> out = new ArrayList<>(2);
        int i = 0;
        while (i < section.length) {
            int colon = i;
            while (section[colon] != ':') {
                colon++;
            }
            int end = colon;
            while (section[end] != '\r') {
                end++;
            }
            if (name == null) {
                String n = new String(section, i, colon - i, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (out.stream().noneMatch(n::equalsIgnoreCase)) {
                    out.add(n);
                }
            } else if (matches(section, i, colon, name)) {
                int from = colon + 1;
                int to = end;
                while (from < to && (section[from] == ' ' || section[from] == '\t')) {
                    from++;
                }
                while (to > from && (section[to - 1] == ' ' || section[to - 1] == '\t')) {
                    to--;
                }
                out.add(new String(section, from, to - from, cs));
                if (first) {
                    return out;
                }
            }
            i = end + 2;
        }
        return out;
    }

    private static boolean matches(byte[] b, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            int c = b[from + k];
            char n = name.charAt(k);
            if (c != n && Character.toLowerCase((char) c) != Character.toLowerCase(n)) {
                return false;
            }
        }
        return true;
    }
}
