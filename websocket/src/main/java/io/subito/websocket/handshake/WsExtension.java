package io.subito.websocket.handshake;

import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An extension as {@code Sec-WebSocket-Extensions} names it (RFC 6455 section 9.1): a name and parameters. */
public record WsExtension(String name, List<Extension.Parameter> parameters) implements Extension {
    record Param(String name, String value) implements Extension.Parameter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return value;
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Parameter> getParameters() {
        return parameters;
    }

    public static WsExtension of(String name, Map<String, String> params) {
        List<Parameter> ps = new ArrayList<>();
        params.forEach((k, v) -> ps.add(new Param(k, v)));
        return new WsExtension(name, Collections.unmodifiableList(ps));
    }

    /** The parameters as a map (a parameter without a value maps to null). */
    public static Map<String, String> parameterMap(Extension e) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Parameter p : e.getParameters()) {
            m.put(p.getName(), p.getValue());
        }
        return m;
    }

    /** Parses every value of the header, offers in order; a malformed element is skipped. */
    public static List<Extension> parse(List<String> values) {
        List<Extension> out = new ArrayList<>();
        for (String v : values) {
            for (String element : v.split(",")) {
                String[] parts = element.split(";");
                String name = parts[0].trim();
                if (name.isEmpty()) {
                    continue;
                }
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.isEmpty()) {
                        continue;
                    }
                    int eq = p.indexOf('=');
                    String k = (eq < 0 ? p : p.substring(0, eq)).trim();
                    String val = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
                    params.put(k, val);
                }
                out.add(of(name, params));
            }
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** The header value naming this extension. */
    public static String format(Extension e) {
        StringBuilder b = new StringBuilder(e.getName());
        for (Parameter p : e.getParameters()) {
            b.append("; ").append(p.getName());
            if (p.getValue() != null) {
                b.append('=').append(p.getValue());
            }
        }
        return b.toString();
    }
}
