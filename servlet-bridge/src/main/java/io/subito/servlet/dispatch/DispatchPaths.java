package io.subito.servlet.dispatch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Decoding and normalising a dispatcher path as the engine does for request paths. */
public final class DispatchPaths {
    private DispatchPaths() {
    }

    /** The canonical form of a "/..." path: ;params dropped, %-decoded, dot segments resolved; null if it escapes. */
    public static String canonical(String raw) {
        String decoded = decode(stripParams(raw));
        Deque<String> out = new ArrayDeque<>();
        String[] segs = decoded.split("/", -1);
        for (int i = 1; i < segs.length; i++) {
            String s = segs[i];
            boolean last = i == segs.length - 1;
            if (s.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (s.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.removeLast();
                if (last) {
                    out.addLast("");
                }
            } else if (s.isEmpty() && !last) {
                continue; // collapse "//"
            } else {
                out.addLast(s);
            }
        }
        return "/" + String.join("/", out);
    }

    private static String stripParams(String p) {
        if (p.indexOf(';') < 0) {
            return p;
        }
        StringBuilder sb = new StringBuilder(p.length());
        for (String seg : p.split("/", -1)) {
            int semi = seg.indexOf(';');
            if (sb.length() > 0 || !seg.isEmpty()) {
                sb.append('/');
            }
            sb.append(semi < 0 ? seg : seg.substring(0, semi));
        }
        String s = sb.toString();
        return s.startsWith("/") ? s : "/" + s;
    }

    private static String decode(String p) {
        if (p.indexOf('%') < 0) {
            return p;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(p.length());
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '%' && i + 2 < p.length() && Character.digit(p.charAt(i + 1), 16) >= 0
                    && Character.digit(p.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(p.charAt(i + 1), 16) * 16 + Character.digit(p.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
