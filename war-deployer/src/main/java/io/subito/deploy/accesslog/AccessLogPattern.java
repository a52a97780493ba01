package io.subito.deploy.accesslog;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The {@code accessLog.pattern} setting, compiled once into a list of elements. The letters are
 * those of Tomcat's {@code AccessLogValve} (the subset that exists at this layer):
 *
 * <pre>
 * %a client IP     %A local IP       %b body bytes, "-" for 0   %B body bytes
 * %h client host (the IP: no lookups)  %H protocol   %l "-" (identd)   %m method
 * %p local port (%{remote}p the client's)  %q "?query" or ""   %r first line of the request
 * %s status   %t [time]  %{FORMAT}t (a java.time pattern, or sec, msec, msec_frac)
 * %u the user of HTTP Basic credentials   %U path   %v server name (Host, else local IP)
 * %D time taken in microseconds   %T in seconds   %{ms}T %{us}T %{fracsec}T
 * %I thread name   %{Name}i request header   %{Name}o response header   %{name}c cookie
 * %% a percent sign
 * </pre>
 *
 * The client (%a, %h, %{remote}p) is the one behind trusted proxies ({@code trustedProxies}),
 * as the application sees it; otherwise the connection's peer.
 * {@code common} and {@code combined} name the usual formats. A letter that is not supported
 * is refused when the pattern is read, naming it and where it is.
 */
public final class AccessLogPattern {
    public static final String COMMON = "%h %l %u %t \"%r\" %s %b";
    public static final String COMBINED = COMMON + " \"%{Referer}i\" \"%{User-Agent}i\"";
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.ENGLISH);

    /** One piece of a line. */
    @FunctionalInterface
    interface Element {
        void append(StringBuilder b, LogEntry e);
    }

    private final String source;
    private final Element[] elements;

    private AccessLogPattern(String source, List<Element> elements) {
        this.source = source;
        this.elements = elements.toArray(new Element[0]);
    }

    /**
     * @param pattern {@code common}, {@code combined}, or a pattern of the letters above
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static AccessLogPattern parse(String pattern) {
        String p = switch (pattern.trim()) {
            case "common" -> COMMON;
            case "combined" -> COMBINED;
            default -> pattern;
        };
        List<Element> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i++);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i == p.length()) {
                throw new IllegalArgumentException("ends with a lone %");
            }
            String arg = null;
            if (p.charAt(i) == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("%{ at position " + (i - 1) + " has no closing }");
                }
                arg = p.substring(i + 1, close);
                i = close + 1;
                if (i == p.length()) {
                    throw new IllegalArgumentException("%{" + arg + "} at the end needs a letter after it");
                }
            }
            char letter = p.charAt(i++);
            if (letter == '%' && arg == null) {
                literal.append('%');
                continue;
            }
            if (literal.length() > 0) {
                String s = literal.toString();
                out.add((b, e) -> b.append(s));
                literal.setLength(0);
            }
            out.add(element(letter, arg, i - 1));
        }
        if (literal.length() > 0) {
            String s = literal.toString();
            out.add((b, e) -> b.append(s));
        }
        return new AccessLogPattern(p, out);
    }

    private static Element element(char letter, String arg, int at) {
        return switch (letter) {
            case 'a', 'h' -> (b, e) -> b.append(orDash(e.clientAddress()));
            case 'A' -> (b, e) -> b.append(ip(e.local()));
            case 'b' -> (b, e) -> b.append(e.bodyBytes() <= 0 ? "-" : Long.toString(e.bodyBytes()));
            case 'B' -> (b, e) -> b.append(e.bodyBytes() < 0 ? "-" : Long.toString(e.bodyBytes()));
            case 'H' -> (b, e) -> b.append(orDash(e.protocol()));
            case 'l' -> (b, e) -> b.append('-');
            case 'm' -> (b, e) -> b.append(orDash(e.method()));
            case 'p' -> port(arg, at);
            case 'q' -> (b, e) -> b.append(e.query() == null ? "" : "?" + e.query());
            case 'r' -> (b, e) -> b.append(orDash(e.requestLine()));
            case 's' -> (b, e) -> b.append(e.status());
            case 't' -> time(arg, at);
            case 'u' -> (b, e) -> b.append(user(e.requestHeader("Authorization")));
            case 'U' -> (b, e) -> b.append(orDash(e.path()));
            case 'v' -> (b, e) -> b.append(serverName(e));
            case 'D' -> (b, e) -> b.append(e.elapsedNanos() / 1_000);
            case 'T' -> elapsed(arg, at);
            case 'I' -> (b, e) -> b.append(Thread.currentThread().getName());
            case 'i' -> {
                String name = required(arg, letter, at);
                yield (b, e) -> b.append(quoted(e.requestHeader(name)));
            }
            case 'o' -> {
                String name = required(arg, letter, at);
                yield (b, e) -> b.append(quoted(e.responseHeader(name)));
            }
            case 'c' -> {
                String name = required(arg, letter, at);
                yield (b, e) -> b.append(quoted(cookie(e.requestHeader("Cookie"), name)));
            }
            default -> throw new IllegalArgumentException("%" + (arg == null ? "" : "{" + arg + "}") + letter
                    + " (at position " + at + ") is not supported; use the letters aAbBhHlmpqrstuUvDTI and %{...}i, o, c, t, T, p");
        };
    }

    private static String required(String arg, char letter, int at) {
        if (arg == null || arg.isBlank()) {
            throw new IllegalArgumentException("%" + letter + " (at position " + at + ") needs a name: %{Name}" + letter);
        }
        return arg.trim();
    }

    private static Element port(String arg, int at) {
        if (arg == null || arg.equals("local")) {
            return (b, e) -> b.append(e.local() == null ? "-" : Integer.toString(e.local().getPort()));
        }
        if (arg.equals("remote")) {
            return (b, e) -> b.append(e.clientPort() < 0 ? "-" : Integer.toString(e.clientPort()));
        }
        throw new IllegalArgumentException("%{" + arg + "}p (at position " + at + "): use local or remote");
    }

    private static Element time(String arg, int at) {
        String f = arg;
        if (f != null && (f.startsWith("begin:") || f.startsWith("end:"))) {
            // the request's start is what is logged; a line is written once the request ends
            f = f.substring(f.indexOf(':') + 1);
        }
        if (f == null || f.isEmpty()) {
            return new CachedTime(CLF);
        }
        return switch (f) {
            case "sec" -> (b, e) -> b.append(e.startMillis() / 1000);
            case "msec" -> (b, e) -> b.append(e.startMillis());
            case "msec_frac" -> (b, e) -> b.append(String.format("%03d", e.startMillis() % 1000));
            default -> {
                try {
                    yield new CachedTime(DateTimeFormatter.ofPattern(f, Locale.ENGLISH));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException("%{" + arg + "}t (at position " + at + "): " + bad.getMessage());
                }
            }
        };
    }

    private static Element elapsed(String arg, int at) {
        if (arg == null) {
            return (b, e) -> b.append(e.elapsedNanos() / 1_000_000_000);
        }
        return switch (arg) {
            case "ms" -> (b, e) -> b.append(e.elapsedNanos() / 1_000_000);
            case "us" -> (b, e) -> b.append(e.elapsedNanos() / 1_000);
            case "fracsec" -> (b, e) -> b.append(String.format(Locale.ROOT, "%d.%03d",
                    e.elapsedNanos() / 1_000_000_000, e.elapsedNanos() / 1_000_000 % 1000));
            default -> throw new IllegalArgumentException("%{" + arg + "}T (at position " + at + "): use ms, us or fracsec");
        };
    }

    /** A formatted time, made once per second (lines of one second share it); any thread may use it. */
    private static final class CachedTime implements Element {
        private final DateTimeFormatter format;
        private final boolean subSecond;
        private volatile Object[] cached = {Long.MIN_VALUE, ""};

        CachedTime(DateTimeFormatter format) {
            this.format = format;
            this.subSecond = format.toString().contains("NanoOfSecond") || format.toString().contains("MilliOfSecond");
        }

        @Override
        public void append(StringBuilder b, LogEntry e) {
            long ms = e.startMillis();
            if (subSecond) {
                b.append(format.format(Instant.ofEpochMilli(ms).atZone(ZoneId.systemDefault())));
                return;
            }
            long second = Math.floorDiv(ms, 1000);
            Object[] c = cached;
            if ((long) c[0] != second) {
                c = new Object[] {second, format.format(Instant.ofEpochSecond(second).atZone(ZoneId.systemDefault()))};
                cached = c;
            }
            b.append((String) c[1]);
        }
    }

    /** Formats one line (without its line end). */
    public String format(LogEntry e) {
        StringBuilder b = new StringBuilder(160);
        for (Element el : elements) {
            el.append(b, e);
        }
        return b.toString();
    }

    /** The pattern as compiled (a name is expanded). */
    public String source() {
        return source;
    }

    private static String ip(InetSocketAddress a) {
        return a == null || a.getAddress() == null ? "-" : a.getAddress().getHostAddress();
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String serverName(LogEntry e) {
        String host = e.requestHeader("Host");
        if (host != null && !host.isEmpty()) {
            int colon = host.startsWith("[") ? host.indexOf("]:") + 1 : host.lastIndexOf(':');
            return quoted(colon > 0 ? host.substring(0, colon) : host);
        }
        return ip(e.local());
    }

    /** The value of cookie {@code name} in a Cookie header, or null. */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                return pair.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** The user name of HTTP Basic credentials, which is what servers log as the remote user. */
    static String user(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "-";
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 ? quoted(decoded.substring(0, colon)).replace(' ', '_') : "-";
        } catch (IllegalArgumentException e) {
            return "-";
        }
    }

    /** Escapes what would break the line's quoting: quotes, backslashes, control characters; "-" for none. */
    static String quoted(String v) {
        if (v == null || v.isEmpty()) {
            return "-";
        }
        StringBuilder b = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean escape = c == '"' || c == '\\' || c < 0x20 || c == 0x7f;
            if (escape && b == null) {
                b = new StringBuilder(v.length() + 8).append(v, 0, i);
            }
            if (b == null) {
                continue;
            }
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (escape) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b == null ? v : b.toString();
    }
}
