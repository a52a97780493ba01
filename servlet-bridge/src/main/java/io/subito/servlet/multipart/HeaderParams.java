package io.subito.servlet.multipart;

import java.util.Locale;

/**
 * The parameters of a header value such as {@code form-data; name="f"; filename="a.txt"} or
 * {@code multipart/form-data; boundary=x} (RFC 9110 section 5.6.6, RFC 6266 section 4.1 as RFC
 * 7578 section 4.2 uses it): a token or a quoted string each, with semicolons inside quotes kept.
 */
final class HeaderParams {
    private HeaderParams() {
    }

    /** The value before the first ';', trimmed and lower-cased: the media or disposition type. */
    static String type(String value) {
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of parameter {@code name} (matched without regard to case), or null when absent.
     * In a quoted string {@code \"} and {@code \\} are unescaped and any other backslash is kept,
     * since browsers send Windows paths with single backslashes.
     */
    static String get(String value, String name) {
        int i = value.indexOf(';');
        int n = value.length();
        while (i >= 0 && i < n) {
            i = skipSpace(value, i + 1);
            int nameStart = i;
            while (i < n && value.charAt(i) != '=' && value.charAt(i) != ';') {
                i++;
            }
            String key = value.substring(nameStart, i).trim();
            String v = "";
            if (i < n && value.charAt(i) == '=') {
                i = skipSpace(value, i + 1);
                if (i < n && value.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (i < n && value.charAt(i) != '"') {
                        char c = value.charAt(i);
                        if (c == '\\' && i + 1 < n && (value.charAt(i + 1) == '"' || value.charAt(i + 1) == '\\')) {
                            c = value.charAt(++i);
                        }
                        sb.append(c);
                        i++;
                    }
                    v = sb.toString();
                    i = value.indexOf(';', i);
                } else {
                    int end = value.indexOf(';', i);
                    v = value.substring(i, end < 0 ? n : end).trim();
                    i = end;
                }
            }
            if (key.equalsIgnoreCase(name)) {
                return v;
            }
        }
        return null;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
