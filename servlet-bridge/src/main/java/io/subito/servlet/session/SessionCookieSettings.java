package io.subito.servlet.session;

import io.subito.servlet.lifecycle.AppScope;
import io.subito.servlet.response.CookieRules;
import io.subito.servlet.response.SetCookie;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.SessionCookieConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The session cookie's name and attributes; frozen once the context is initialised. */
final class SessionCookieSettings implements SessionCookieConfig {
    private final AppScope ctx;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String name = "JSESSIONID";

    SessionCookieSettings(AppScope ctx) {
        this.ctx = ctx;
        attributes.put("HttpOnly", ""); // Tomcat's useHttpOnly=true default
    }

    @Override
    public void setName(String value) {
        ctx.checkNotStarted();
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("session cookie name must not be empty");
        }
        CookieRules.checkName(value);
        name = value;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void setDomain(String domain) {
        setAttribute("Domain", domain);
    }

    @Override
    public String getDomain() {
        return attributes.get("Domain");
    }

    @Override
    public void setPath(String path) {
        setAttribute("Path", path);
    }

    @Override
    public String getPath() {
        return attributes.get("Path");
    }

    @Override
    @SuppressWarnings("removal")
    public void setComment(String comment) {
        ctx.checkNotStarted();
    }

    @Override
    @SuppressWarnings("removal")
    public String getComment() {
        return null;
    }

    @Override
    public void setHttpOnly(boolean httpOnly) {
        setAttribute("HttpOnly", httpOnly ? "" : null);
    }

    @Override
    public boolean isHttpOnly() {
        return attributes.containsKey("HttpOnly");
    }

    @Override
    public void setSecure(boolean secure) {
        setAttribute("Secure", secure ? "" : null);
    }

    @Override
    public boolean isSecure() {
        return attributes.containsKey("Secure");
    }

    @Override
    public void setMaxAge(int maxAge) {
        setAttribute("Max-Age", Integer.toString(maxAge));
    }

    @Override
    public int getMaxAge() {
        String v = attributes.get("Max-Age");
        return v == null ? -1 : Integer.parseInt(v);
    }

    @Override
    public void setAttribute(String key, String value) {
        ctx.checkNotStarted();
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("attribute name must not be empty");
        }
        String canonical = canonical(key);
        if (value != null && !value.isEmpty()) {
            check(canonical, value); // now, not at each new session's Set-Cookie
        }
        if (value == null) {
            attributes.remove(canonical);
        } else {
            attributes.put(canonical, value);
        }
    }

    private void check(String key, String value) {
        switch (key) {
            case "Domain" -> CookieRules.checkDomain(name, value);
            case "Path" -> CookieRules.checkPath(name, value);
            case "Max-Age" -> Integer.parseInt(value); // NumberFormatException is an IllegalArgumentException
            default -> CookieRules.checkAttribute(name, key, value);
        }
    }

    private static String canonical(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "domain" -> "Domain";
            case "path" -> "Path";
            case "httponly" -> "HttpOnly";
            case "secure" -> "Secure";
            case "max-age" -> "Max-Age";
            default -> key;
        };
    }

    @Override
    public String getAttribute(String key) {
        return attributes.get(canonical(key));
    }

    @Override
    public Map<String, String> getAttributes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The Set-Cookie value for a session id, formatted like any other cookie (Max-Age gets Expires). */
    String setCookie(String id) {
        Cookie c = new Cookie(name, id);
        String path = attributes.get("Path");
        c.setPath(path != null ? path : ctx.contextPath().isEmpty() ? "/" : ctx.contextPath());
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            switch (a.getKey()) {
                case "Path" -> { }
                case "Max-Age" -> c.setMaxAge(Integer.parseInt(a.getValue()));
                default -> c.setAttribute(a.getKey(), a.getValue());
            }
        }
        return SetCookie.format(c);
    }
}
