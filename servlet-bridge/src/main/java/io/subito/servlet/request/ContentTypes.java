package io.subito.servlet.request;

import java.util.Locale;

/** Reading the charset parameter of a Content-Type value. */
public final class ContentTypes {
    private ContentTypes() {
    }

    public static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        int i = indexOfCharset(contentType);
        if (i < 0) {
            return null;
        }
        String v = contentType.substring(i + 8);
        int semi = v.indexOf(';');
        if (semi >= 0) {
            v = v.substring(0, semi);
        }
        v = v.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
    }

    /** Index of "charset=" (any case) or -1, without allocating: this runs on every setContentType. */
    public static int indexOfCharset(String s) {
        for (int i = s.indexOf(';'); i >= 0 && i + 8 < s.length(); i = s.indexOf(';', i + 1)) {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            if (s.regionMatches(true, j, "charset=", 0, 8)) {
                return j;
            }
        }
        return -1;
    }

    /** The media type without parameters, lower-cased. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
